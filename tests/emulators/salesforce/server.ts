import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControl } from './control-routes.js';
import { handleDataRequest, MAX_URI_BYTES } from './data-pipeline.js';
import { notFound } from './errors.js';
import { HEADERS_TOO_LARGE_HTML, headerBytes, readBody, sendReply, URI_TOO_LONG_HTML } from './http-io.js';
import { handleSoap } from './soap-routes.js';
import { handleTokenRequest } from './oauth.js';
import type { Runtime } from './runtime.js';

/** Starts the HTTP server on 127.0.0.1 (loopback only). */
export async function listen(rt: Runtime, port: number): Promise<Server> {
  // Node's default 16 KiB header limit would answer 431 before our 16,384-byte URI check.
  const server = createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    void (async () => {
      const rawUrl = req.url ?? '/';
      const method = req.method ?? 'GET';
      const rawBody = await readBody(req);
      const url = new URL(rawUrl, rt.url);
      const uriBytes = Buffer.byteLength(rawUrl, 'utf8');
      if (uriBytes > MAX_URI_BYTES) {
        rt.calls.add({ at: Date.now(), kind: 'data', method, path: url.pathname, status: 414, apiCalls: 0 });
        sendReply(res, { status: 414, html: URI_TOO_LONG_HTML });
        return;
      }
      if (uriBytes + headerBytes(req.rawHeaders) > MAX_URI_BYTES) {
        rt.calls.add({ at: Date.now(), kind: 'data', method, path: url.pathname, status: 431, apiCalls: 0 });
        sendReply(res, { status: 431, html: HEADERS_TOO_LARGE_HTML });
        return;
      }
      if (url.pathname.startsWith('/__emulator/')) {
        sendReply(res, handleControl(rt, method, url.pathname, rawBody));
        return;
      }
      if (url.pathname === '/services/oauth2/token') {
        const reply = handleTokenRequest(
          { auth: rt.options.auth ?? {}, sessions: rt.sessions, url: rt.url, orgId: rt.org.orgId, userId: rt.org.userId },
          method, req.headers['content-type'], rawBody,
        );
        rt.calls.add({ at: Date.now(), kind: 'oauth', method, path: url.pathname, status: reply.status, apiCalls: 0 });
        sendReply(res, reply);
        return;
      }
      if (url.pathname === '/services/oauth2/revoke') {
        rt.calls.add({ at: Date.now(), kind: 'oauth', method, path: url.pathname, status: 200, apiCalls: 0 });
        sendReply(res, { status: 200 });
        return;
      }
      if (url.pathname.startsWith('/services/Soap/')) {
        await handleSoap(rt, req, res, rawBody, url);
        return;
      }
      if (url.pathname === '/services/data' || url.pathname.startsWith('/services/data/')) {
        await handleDataRequest(rt, req, res, rawBody, url);
        return;
      }
      sendReply(res, notFound().toReply());
    })().catch((error: unknown) => {
      if (!res.headersSent) sendReply(res, { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  rt.url = `http://127.0.0.1:${address.port}`;
  return server;
}
