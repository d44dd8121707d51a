/**
 * The emulator's REST v11 endpoints, as one dispatcher used by the HTTP server and by `POST /bulk`
 * (whose sub-requests run in order, each with its own status, under the outer request's token).
 */
import type { TokenStore } from './auth.js';
import { SugarFault } from './errors.js';
import type { RecordStore } from './records.js';
import { DEFAULT_DROPDOWNS } from './vardefs.js';

/** A request after the version prefix (`/rest/v11`) was taken off. */
export interface RouteRequest {
  readonly method: string;
  /** Path after the version, e.g. `/Cases/filter`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
  readonly token: string | undefined;
}

/** A reply: status and JSON body. */
export interface RouteReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Who may do what: module → actions refused (`view`, `create`, `edit`). */
export type Denials = Readonly<Record<string, readonly ('view' | 'create' | 'edit')[]>>;

/** What the dispatcher needs. */
export interface RouteContext {
  readonly auth: TokenStore;
  readonly records: RecordStore;
  readonly denials: () => Denials;
  readonly dropdowns: Readonly<Record<string, readonly string[]>>;
  /** Counts one sub-request of a bulk call. */
  readonly onSubRequest: (key: string) => void;
  /** Largest `max_num` honoured. */
  readonly maxNum: number;
}

const object = (body: unknown): Record<string, unknown> => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SugarFault(422, 'invalid_parameter', 'The request body must be a JSON object');
  return body as Record<string, unknown>;
};

function allow(ctx: RouteContext, module: string, action: 'view' | 'create' | 'edit'): void {
  if (ctx.denials()[module]?.includes(action)) {
    throw new SugarFault(403, 'not_authorized', `No access to ${action} records for module: ${module}`);
  }
}

function fieldsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

function filterReply(ctx: RouteContext, module: string, body: Record<string, unknown>): RouteReply {
  allow(ctx, module, 'view');
  const maxNum = Math.min(Number(body['max_num'] ?? 20) || 20, ctx.maxNum);
  const offset = Number(body['offset'] ?? 0) || 0;
  return { status: 200, body: ctx.records.filter(module, body['filter'], offset, maxNum, fieldsOf(body['fields'])) };
}

function metadataReply(ctx: RouteContext, query: URLSearchParams): RouteReply {
  const types = (query.get('type_filter') ?? '').split(',');
  const wanted = (query.get('module_filter') ?? '').split(',').filter(Boolean);
  const modules: Record<string, unknown> = {};
  if (types.includes('modules')) {
    for (const [name, fields] of Object.entries(ctx.records.defs)) {
      if (wanted.length === 0 || wanted.includes(name)) modules[name] = { fields };
    }
  }
  return { status: 200, body: { modules, _hash: 'emulator' } };
}

function enumReply(ctx: RouteContext, module: string, field: string): RouteReply {
  const def = ctx.records.defs[module]?.[field];
  if (def?.options === undefined) throw new SugarFault(404, 'not_found', `Could not find an enum field: ${field}`);
  const values = ctx.dropdowns[def.options] ?? DEFAULT_DROPDOWNS[def.options] ?? [];
  return { status: 200, body: Object.fromEntries(values.map((v) => [v, v])) };
}

function bulkReply(ctx: RouteContext, request: RouteRequest): RouteReply {
  const requests = object(request.body)['requests'];
  if (!Array.isArray(requests)) throw new SugarFault(422, 'missing_parameter', 'Missing parameter: requests');
  const replies = requests.map((raw: unknown) => {
    const sub = object(raw);
    const url = typeof sub['url'] === 'string' ? sub['url'] : '';
    const match = /^\/?v\d+(?:_\d+)?(\/[^?]*)(?:\?(.*))?$/.exec(url);
    const method = typeof sub['method'] === 'string' ? sub['method'].toUpperCase() : 'GET';
    let reply: RouteReply;
    try {
      if (match === null) throw new SugarFault(404, 'not_found', `The requested URL ${url} does not start with a version`);
      const data = sub['data'];
      const body = typeof data === 'string' ? (data === '' ? {} : (JSON.parse(data) as unknown)) : (data ?? {});
      ctx.onSubRequest(`${method} ${match[1] ?? ''}`);
      reply = dispatch(ctx, { method, path: match[1] ?? '', query: new URLSearchParams(match[2] ?? ''), body, token: request.token });
    } catch (error) {
      reply = faultReply(error);
    }
    return { contents: reply.body, headers: { 'Content-Type': 'application/json' }, status: reply.status };
  });
  return { status: 200, body: replies };
}

/** An error as Sugar answers it. */
export function faultReply(error: unknown): RouteReply {
  if (error instanceof SugarFault) return { status: error.status, body: error.body(), headers: error.headers };
  if (error instanceof SyntaxError) return { status: 422, body: { error: 'invalid_parameter', error_message: 'Invalid JSON in the request data' } };
  return { status: 500, body: { error: 'fatal_error', error_message: error instanceof Error ? error.message : 'Internal error' } };
}

/** Runs one request. Throws a {@link SugarFault} for Sugar's error replies. */
export function dispatch(ctx: RouteContext, request: RouteRequest): RouteReply {
  const { method, path } = request;
  if (method === 'POST' && path === '/oauth2/token') return { status: 200, body: ctx.auth.token(object(request.body)) };
  ctx.auth.authenticate(request.token);
  if (method === 'POST' && path === '/bulk') return bulkReply(ctx, request);
  if (method === 'GET' && path === '/metadata') return metadataReply(ctx, request.query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [module = '', second, third, fourth, fifth] = parts;
  ctx.records.table(module);
  if (method === 'POST' && parts.length === 2 && second === 'filter') return filterReply(ctx, module, object(request.body));
  if (method === 'GET' && parts.length === 3 && second === 'enum') return enumReply(ctx, module, third ?? '');
  if (method === 'POST' && parts.length === 1) {
    allow(ctx, module, 'create');
    return { status: 200, body: ctx.records.create(module, object(request.body)) };
  }
  if (parts.length === 2 && second !== undefined) {
    if (method === 'GET') {
      allow(ctx, module, 'view');
      return { status: 200, body: ctx.records.view(module, ctx.records.get(module, second)) };
    }
    if (method === 'PUT') {
      allow(ctx, module, 'edit');
      return { status: 200, body: ctx.records.update(module, second, object(request.body)) };
    }
  }
  if (method === 'POST' && parts.length === 5 && third === 'link' && second !== undefined && fourth !== undefined && fifth !== undefined) {
    allow(ctx, module, 'edit');
    return { status: 200, body: ctx.records.link(module, second, fourth, fifth) };
  }
  throw new SugarFault(404, 'no_method', `Could not find a route for ${method} ${path}`);
}
