import { RestError } from './errors.js';
import { substituteBody, substituteString, UnresolvedReference } from './composite-references.js';
import { dispatch, type ApiContext } from './router.js';
import type { Reply, RoutedRequest } from './types.js';

/** Documented limits: 25 subrequests, of which at most 5 sObject Collections or query operations. */
export const COMPOSITE_SUBREQUEST_LIMIT = 25;
export const COMPOSITE_QUERY_OR_COLLECTION_LIMIT = 5;

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const REFERENCE_ID = /^[A-Za-z0-9_]+$/;
const HALTED = 'The transaction was rolled back since another operation in the same transaction failed.';

interface Subrequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export interface SubrequestResult {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

function parse(body: unknown): { allOrNone: boolean; subrequests: Subrequest[] } {
  const b = body as { allOrNone?: unknown; collateSubrequests?: unknown; compositeRequest?: unknown } | null;
  if (typeof b !== 'object' || b === null) throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  if (!Array.isArray(b.compositeRequest)) throw new RestError(400, 'JSON_PARSER_ERROR', "'compositeRequest' is a required field.");
  if (b.allOrNone !== undefined && typeof b.allOrNone !== 'boolean') throw new RestError(400, 'JSON_PARSER_ERROR', "'allOrNone' must be a boolean");
  if (b.collateSubrequests !== undefined && typeof b.collateSubrequests !== 'boolean') throw new RestError(400, 'JSON_PARSER_ERROR', "'collateSubrequests' must be a boolean");
  const seen = new Set<string>();
  const subrequests = b.compositeRequest.map((raw: unknown): Subrequest => {
    const s = raw as Partial<Subrequest> | null;
    if (typeof s !== 'object' || s === null) throw new RestError(400, 'JSON_PARSER_ERROR', 'Each subrequest must be a JSON object');
    for (const key of ['method', 'url', 'referenceId'] as const) {
      if (typeof s[key] !== 'string' || s[key] === '') throw new RestError(400, 'JSON_PARSER_ERROR', `'${key}' is a required field.`);
    }
    const sub = s as Subrequest;
    if (!METHODS.has(sub.method)) throw new RestError(400, 'JSON_PARSER_ERROR', `Invalid method: ${sub.method}`);
    if (!REFERENCE_ID.test(sub.referenceId)) throw new RestError(400, 'INVALID_INPUT', `Invalid referenceId ('${sub.referenceId}'): use only letters, numbers and underscores`);
    if (seen.has(sub.referenceId)) throw new RestError(400, 'INVALID_INPUT', `Duplicate referenceId provided in the request: ${sub.referenceId}`);
    seen.add(sub.referenceId);
    if (!/^\/services\/data\/v\d+\.\d\//.test(sub.url)) throw new RestError(400, 'INVALID_INPUT', `The subrequest url must start with /services/data/vXX.X/: ${sub.url}`);
    return sub;
  });
  return { allOrNone: b.allOrNone === true, subrequests };
}

/** Query (query, queryAll, query more) or sObject Collections operations, which the 5-limit counts. */
export function isQueryOrCollection(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  return /^\/services\/data\/v[\d.]+\/(query|queryAll)(\/|$)/.test(path) || /^\/services\/data\/v[\d.]+\/composite\/sobjects(\/|$)/.test(path);
}

function toRouted(sub: Subrequest, url: string, body: unknown, forceAllOrNone: boolean, parent: RoutedRequest): RoutedRequest {
  const parsed = new URL(url, 'http://composite.invalid');
  const headers: Record<string, string | undefined> = { 'sforce-duplicate-rule-header': parent.headers['sforce-duplicate-rule-header'] };
  for (const [k, v] of Object.entries(sub.httpHeaders ?? {})) headers[k.toLowerCase()] = v;
  return {
    method: sub.method, rawPath: parsed.pathname,
    segments: parsed.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s)),
    query: parsed.searchParams, body, headers, inComposite: true, forceAllOrNone,
  };
}

function failed(reply: Reply): boolean {
  if (reply.status >= 400) return true;
  return Array.isArray(reply.body) && reply.body.some((r) => typeof r === 'object' && r !== null && (r as { success?: unknown }).success === false);
}

function result(sub: Subrequest, reply: Reply): SubrequestResult {
  return { body: reply.status === 204 ? null : reply.body ?? null, httpHeaders: reply.headers ?? {}, httpStatusCode: reply.status, referenceId: sub.referenceId };
}

const halted = (sub: Subrequest, message: string): SubrequestResult => ({
  body: [{ errorCode: 'PROCESSING_HALTED', message }], httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId,
});

/** POST /composite: subrequests in order, references resolved, allOrNone honoured; one API call. */
export function runComposite(ctx: ApiContext, req: RoutedRequest): Reply {
  const { allOrNone, subrequests } = parse(req.body);
  if (subrequests.length > COMPOSITE_SUBREQUEST_LIMIT) {
    throw new RestError(400, 'LIMIT_EXCEEDED', `A composite request can contain up to ${COMPOSITE_SUBREQUEST_LIMIT} subrequests; this one has ${subrequests.length}`);
  }
  const heavy = subrequests.filter((s) => isQueryOrCollection(s.url)).length;
  if (heavy > COMPOSITE_QUERY_OR_COLLECTION_LIMIT) {
    throw new RestError(400, 'LIMIT_EXCEEDED', `A composite request can contain up to ${COMPOSITE_QUERY_OR_COLLECTION_LIMIT} sObject Collections or query operations; this one has ${heavy}`);
  }
  const savepoint = ctx.org.store.savepoint();
  const bodies = new Map<string, unknown>();
  const results: SubrequestResult[] = [];
  for (let i = 0; i < subrequests.length; i += 1) {
    const sub = subrequests[i] as Subrequest;
    let reply: Reply;
    try {
      const url = substituteString(sub.url, bodies);
      reply = dispatch(ctx, toRouted(sub, url, substituteBody(sub.body, bodies), allOrNone, req));
    } catch (error) {
      if (!(error instanceof UnresolvedReference)) throw error;
      reply = { status: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: error.message }] };
    }
    results.push(result(sub, reply));
    if (reply.status < 400) bodies.set(sub.referenceId, reply.body);
    if (allOrNone && failed(reply)) {
      ctx.org.store.rollbackTo(savepoint);
      const all = subrequests.map((s, j) => (j === i ? (results[i] as SubrequestResult) : halted(s, HALTED)));
      return { status: 200, body: { compositeResponse: all } };
    }
  }
  return { status: 200, body: { compositeResponse: results } };
}
