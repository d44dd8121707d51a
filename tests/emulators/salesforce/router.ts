import type { ApiBudget } from './api-budget.js';
import { routeCollections } from './collections.js';
import { describeGlobal } from './describe.js';
import { allowSaveFromHeader } from './duplicate-rules.js';
import { errorToReply, notFound, RestError } from './errors.js';
import type { Org } from './org.js';
import type { QueryCursors } from './query-routes.js';
import { methodNotAllowed, routeSObject } from './sobject-routes.js';
import type { Reply, RoutedRequest } from './types.js';

/** API versions the emulated org serves (Salesforce retired 7.0–30.0). */
export const MIN_API_VERSION = 31;
export const MAX_API_VERSION = 66;

export interface ApiContext {
  org: Org;
  cursors: QueryCursors;
  budget: ApiBudget;
  /** POST /composite, injected to avoid an import cycle. */
  composite: (ctx: ApiContext, req: RoutedRequest, version: string) => Reply;
}

/** `v62.0` → `62.0` when the org serves that version. */
export function parseVersion(segment: string | undefined): string | undefined {
  const m = segment ? /^v(\d{2})\.0$/.exec(segment) : null;
  if (!m) return undefined;
  const major = Number(m[1]);
  return major >= MIN_API_VERSION && major <= MAX_API_VERSION ? `${major}.0` : undefined;
}

function route(ctx: ApiContext, req: RoutedRequest): Reply {
  const [services, data, versionSegment, resource, ...rest] = req.segments;
  if (services !== 'services' || data !== 'data') throw notFound();
  if (versionSegment === undefined) {
    const versions = [];
    for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v += 1) versions.push({ label: `v${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` });
    return { status: 200, body: versions };
  }
  const version = parseVersion(versionSegment);
  if (!version) throw notFound();
  if (resource === undefined) {
    const base = `/services/data/v${version}`;
    return { status: 200, body: { sobjects: `${base}/sobjects`, query: `${base}/query`, composite: `${base}/composite`, limits: `${base}/limits` } };
  }
  switch (resource) {
    case 'sobjects':
      if (rest.length === 0) {
        if (req.method !== 'GET') throw methodNotAllowed(req.method, 'GET,HEAD');
        return { status: 200, body: describeGlobal(ctx.org.schema, version) };
      }
      return routeSObject(ctx.org, req, version, rest);
    case 'query':
    case 'queryAll':
      if (req.method !== 'GET') throw methodNotAllowed(req.method, 'GET,HEAD');
      if (rest.length === 0) return ctx.cursors.start(req, version);
      if (rest.length === 1) return ctx.cursors.more(req, version, rest[0] as string);
      throw notFound();
    case 'composite':
      if (rest[0] === 'sobjects') return routeCollections(ctx.org, req, version, rest.slice(1));
      if (rest.length > 0) throw notFound();
      if (req.method !== 'POST') throw methodNotAllowed(req.method, 'POST');
      if (req.inComposite) throw new RestError(400, 'INVALID_INPUT', 'A composite subrequest cannot itself be a composite request');
      return ctx.composite(ctx, req, version);
    case 'limits': {
      if (rest.length > 0) throw notFound();
      const { used, limit } = ctx.budget;
      return { status: 200, body: { DailyApiRequests: { Max: limit, Remaining: Math.max(limit - used, 0) } } };
    }
    default:
      throw notFound();
  }
}

/** Runs one REST request (top-level or Composite subrequest); thrown errors become Salesforce error bodies. */
export function dispatch(ctx: ApiContext, req: RoutedRequest): Reply {
  const previous = ctx.org.allowDuplicateSave;
  ctx.org.allowDuplicateSave = allowSaveFromHeader(req.headers['sforce-duplicate-rule-header']);
  try {
    return route(ctx, req);
  } catch (error) {
    return errorToReply(error);
  } finally {
    ctx.org.allowDuplicateSave = previous;
  }
}
