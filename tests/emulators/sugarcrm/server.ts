/**
 * A loopback SugarCRM (REST v11) for tests: node:http on 127.0.0.1, the real axios talks to it.
 * Tokens with expiry and rotation, filter, create / update / link, bulk, metadata, Sugar's error
 * shapes, call counting, latency, and fault injection (503 maintenance, 429 with Retry-After, 502
 * from a proxy, a connection dropped before a request ran or after a write was applied).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenStore, type AuthOptions } from './auth.js';
import { RecordStore } from './records.js';
import { dispatch, faultReply, type Denials, type RouteContext, type RouteReply } from './routes.js';
import { defaultModuleDefs, type ModuleDefs } from './vardefs.js';
import { mulberry32 } from '../../fixtures/prng.js';

/** What a fault does to one request. */
export type FaultKind = 'maintenance' | 'rateLimit' | 'badGateway' | 'dropBefore' | 'dropAfterWrite';

/** Options of {@link startSugarEmulator}. */
export interface SugarEmulatorOptions extends AuthOptions {
  /** Delay before each reply, in ms (default 0). */
  readonly latencyMs?: number;
  /** Share of requests (token requests excepted) that get a random fault (default 0). */
  readonly faultRate?: number;
  readonly faultKinds?: readonly FaultKind[];
  /** Seed of the fault dice (default 1). */
  readonly seed?: number;
  /** Seconds announced in `Retry-After` of 429 and 503 (default 1; `null`: no header). */
  readonly retryAfterSeconds?: number | null;
  /** Largest `max_num` a filter honours (default 1000, Sugar's `max_record_fetch_size`). */
  readonly maxNum?: number;
  readonly modules?: ModuleDefs;
  readonly dropdowns?: Readonly<Record<string, readonly string[]>>;
  readonly denials?: Denials;
  /** Clock in ms (default Date.now, shifted by {@link SugarEmulator.advance}). */
  readonly now?: () => number;
}

/** Requests counted by the emulator. */
export interface EmulatorStats {
  /** HTTP round trips, every endpoint. */
  requests: number;
  /** Round trips by `METHOD /path-pattern`, e.g. `POST /bulk`, `POST /Contacts/filter`. */
  byRoute: Record<string, number>;
  /** Sub-requests run inside `POST /bulk`. */
  subRequests: number;
  /** Faults injected. */
  faults: number;
  /** Faults injected, by kind. */
  faultsByKind: Partial<Record<FaultKind, number>>;
}

/** A running emulator. */
export interface SugarEmulator {
  /** Base URL for the adapter's `baseUrl` (`/rest/<version>` is appended by clients). */
  readonly url: string;
  readonly records: RecordStore;
  readonly auth: TokenStore;
  readonly stats: EmulatorStats;
  /** The next request matching `match` (default: any but token requests) gets this fault. */
  failNext(kind: FaultKind, match?: (method: string, path: string) => boolean): void;
  setFaultRate(rate: number): void;
  setDenials(denials: Denials): void;
  /** Moves the emulator's clock forward (token expiry). */
  advance(ms: number): void;
  resetStats(): void;
  close(): Promise<void>;
}

function routeKey(method: string, path: string): string {
  const parts = path.split('/').filter(Boolean);
  if (parts[1] !== undefined && !['filter', 'enum'].includes(parts[1]) && parts[0] !== 'oauth2') parts[1] = ':id';
  if (parts[4] !== undefined) parts[4] = ':remote';
  return `${method} /${parts.join('/')}`;
}

const isWrite = (method: string, path: string): boolean =>
  (method === 'POST' || method === 'PUT') && !path.endsWith('/filter') && path !== '/oauth2/token';

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  return JSON.parse(text) as unknown;
}

function send(res: ServerResponse, reply: RouteReply): void {
  res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
  res.end(JSON.stringify(reply.body));
}

/** Starts the emulator on 127.0.0.1 (a free port). */
export async function startSugarEmulator(options: SugarEmulatorOptions = {}): Promise<SugarEmulator> {
  let offset = 0;
  const base = options.now ?? Date.now;
  const now = (): number => base() + offset;
  const auth = new TokenStore(options, now);
  const records = new RecordStore(options.modules ?? defaultModuleDefs(), now);
  const stats: EmulatorStats = { requests: 0, byRoute: {}, subRequests: 0, faults: 0, faultsByKind: {} };
  let denials: Denials = options.denials ?? {};
  let faultRate = options.faultRate ?? 0;
  const kinds = options.faultKinds ?? ['maintenance', 'rateLimit', 'badGateway', 'dropBefore', 'dropAfterWrite'];
  const dice = mulberry32(options.seed ?? 1);
  const queued: { kind: FaultKind; match: (method: string, path: string) => boolean }[] = [];
  const retryAfter = options.retryAfterSeconds === undefined ? 1 : options.retryAfterSeconds;
  const retryHeader: Record<string, string> = retryAfter === null ? {} : { 'Retry-After': String(retryAfter) };
  const ctx: RouteContext = {
    auth,
    records,
    denials: () => denials,
    dropdowns: options.dropdowns ?? {},
    maxNum: options.maxNum ?? 1000,
    onSubRequest: () => {
      stats.subRequests += 1;
    },
  };

  function pickFault(method: string, path: string): FaultKind | undefined {
    const i = queued.findIndex((q) => q.match(method, path));
    if (i >= 0) return queued.splice(i, 1)[0]?.kind;
    if (path === '/oauth2/token' || faultRate <= 0 || dice() >= faultRate) return undefined;
    return kinds[Math.floor(dice() * kinds.length)];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const versioned = /^\/rest\/v\d+(?:_\d+)?(\/.*)$/.exec(url.pathname);
    const path = versioned?.[1] ?? url.pathname;
    stats.requests += 1;
    const key = routeKey(method, path);
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    let body: unknown;
    try {
      body = await readBody(req);
    } catch {
      send(res, { status: 422, body: { error: 'invalid_parameter', error_message: 'Invalid JSON in the request body' } });
      return;
    }
    if (versioned === null) {
      send(res, { status: 404, body: { error: 'not_found', error_message: `No REST version in ${url.pathname}` } });
      return;
    }
    const fault = pickFault(method, path);
    if (fault !== undefined) {
      stats.faults += 1;
      stats.faultsByKind[fault] = (stats.faultsByKind[fault] ?? 0) + 1;
    }
    if (fault === 'dropBefore' || (fault === 'dropAfterWrite' && !isWrite(method, path))) return void req.socket.destroy();
    if (fault === 'maintenance') {
      return send(res, { status: 503, body: { error: 'maintenance', error_message: 'The system is in maintenance mode' }, headers: retryHeader });
    }
    if (fault === 'rateLimit') return send(res, { status: 429, body: { error: 'too_many_requests', error_message: 'Too many requests' }, headers: retryHeader });
    if (fault === 'badGateway') {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      return void res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
    }
    const header = req.headers['oauth-token'];
    let reply: RouteReply;
    try {
      reply = dispatch(ctx, { method, path, query: url.searchParams, body, token: Array.isArray(header) ? header[0] : header });
    } catch (error) {
      reply = faultReply(error);
    }
    if (fault === 'dropAfterWrite') return void req.socket.destroy();
    send(res, reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, faultReply(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    records,
    auth,
    stats,
    failNext(kind, match = (_m, p) => p !== '/oauth2/token') {
      queued.push({ kind, match });
    },
    setFaultRate(rate) {
      faultRate = rate;
    },
    setDenials(d) {
      denials = d;
    },
    advance(ms) {
      offset += ms;
    },
    resetStats() {
      Object.assign(stats, { requests: 0, byRoute: {}, subRequests: 0, faults: 0, faultsByKind: {} });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
