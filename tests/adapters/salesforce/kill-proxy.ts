/**
 * A loopback HTTP proxy in front of the emulator that kills the job process (SIGKILL) at a chosen
 * moment: right after the emulator applied the Nth Composite write (its reply never reaches the
 * job), or right after the Nth lookup reply.
 */
import { request as httpRequest, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** When to kill. */
export interface KillPoint {
  readonly after: 'write' | 'read';
  readonly nth: number;
  /** Count only Composite calls whose body contains this text (e.g. `"type":"CaseComment"`). */
  readonly carrying?: string;
}

/** A running proxy. */
export interface KillProxy {
  readonly url: string;
  /** Set the process to kill and when; `undefined` = pass everything through. */
  arm(pid: number | undefined, point?: KillPoint): void;
  close(): Promise<void>;
}

const isWrite = (body: string): boolean => /"method":"(PATCH|POST)","url":"[^"]*\/composite\/sobjects/.test(body);

/** Starts the proxy on 127.0.0.1 in front of `target`. */
export async function startKillProxy(target: string): Promise<KillProxy> {
  const to = new URL(target);
  let pid: number | undefined;
  let point: KillPoint | undefined;
  let seen = { write: 0, read: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const upstream = httpRequest({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        const parts: Buffer[] = [];
        reply.on('data', (c: Buffer) => parts.push(c));
        reply.on('end', () => {
          const composite = req.method === 'POST' && (req.url ?? '').endsWith('/composite');
          if (composite && pid !== undefined && point !== undefined) {
            const kind = isWrite(body.toString('utf8')) ? 'write' : 'read';
            const text = body.toString('utf8');
            if (point.carrying === undefined || text.includes(point.carrying)) seen[kind] += 1;
            if (kind === point.after && seen[kind] === point.nth && (point.carrying === undefined || text.includes(point.carrying))) {
              process.kill(pid, 'SIGKILL');
              pid = undefined;
              res.destroy();
              return;
            }
          }
          res.writeHead(reply.statusCode ?? 500, reply.headers);
          res.end(Buffer.concat(parts));
        });
      });
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arm(p, at) {
      pid = p;
      point = at;
      seen = { write: 0, read: 0 };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
