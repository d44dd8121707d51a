import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './types.js';

/** Reads the whole request body. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Writes a reply: JSON as Salesforce sends it, HTML for infrastructure errors, nothing for 204. */
export function sendReply(res: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  if (reply.html !== undefined) {
    res.writeHead(reply.status, { ...headers, 'Content-Type': 'text/html' });
    res.end(reply.html);
    return;
  }
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...headers, 'Content-Type': 'application/json;charset=UTF-8' });
  res.end(payload);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const SERVICE_UNAVAILABLE_HTML =
  '<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request. Please try again later.</p></body></html>';

/** Bytes of the request headers as sent (`Name: value\r\n` each). */
export function headerBytes(rawHeaders: string[]): number {
  let total = 0;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    total += Buffer.byteLength(`${rawHeaders[i] ?? ''}: ${rawHeaders[i + 1] ?? ''}\r\n`);
  }
  return total;
}

export const HEADERS_TOO_LARGE_HTML =
  '<html><head><title>431 Request Header Fields Too Large</title></head><body><h1>Request Header Fields Too Large</h1></body></html>';

export const URI_TOO_LONG_HTML =
  '<html><head><title>414 Request-URI Too Long</title></head><body><h1>Request-URI Too Long</h1><p>The requested URL\'s length exceeds the capacity limit for this server.</p></body></html>';
