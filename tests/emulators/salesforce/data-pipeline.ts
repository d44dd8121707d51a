import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from './call-log.js';
import type { SubrequestResult } from './composite.js';
import { jsonParserError, requestLimitExceeded, sessionInvalid, errorToReply } from './errors.js';
import { SERVICE_UNAVAILABLE_HTML, sendReply, sleep } from './http-io.js';
import { dispatch } from './router.js';
import type { Runtime } from './runtime.js';
import type { Reply, RoutedRequest } from './types.js';

/** Salesforce answers 414 when the URI exceeds 16,384 bytes, 431 when URI and headers together do. */
export const MAX_URI_BYTES = 16_384;

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw jsonParserError(`Unexpected character in JSON body: ${(error as Error).message}`);
  }
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const m = header ? /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header) : null;
  return m ? (m[1] as string).trim() : undefined;
}

function subrequestLog(reply: Reply): CallRecord['subrequests'] {
  const body = reply.body as { compositeResponse?: SubrequestResult[] } | undefined;
  return body?.compositeResponse?.map((s) => ({ referenceId: s.referenceId, status: s.httpStatusCode }));
}

/** One /services/data request: faults, latency, session, budget, dispatch, Sforce-Limit-Info. */
export async function handleDataRequest(rt: Runtime, req: IncomingMessage, res: ServerResponse, rawBody: string, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  const log = (status: number | 'dropped', apiCalls: number, extra: Partial<CallRecord> = {}): void =>
    rt.calls.add({ at: Date.now(), kind: 'data', method, path, status, apiCalls, ...extra });
  if (rt.latencyMs > 0) await sleep(rt.latencyMs);
  const fault = rt.faults.pick({ method, path });
  if (fault === 'dropBeforeApply') {
    log('dropped', 0, { fault });
    req.socket.destroy();
    return;
  }
  if (fault === 'http503') {
    log(503, 0, { fault });
    sendReply(res, { status: 503, html: SERVICE_UNAVAILABLE_HTML });
    return;
  }
  if (fault === 'http500') {
    log(500, 0, { fault });
    sendReply(res, { status: 500, body: [{ message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)', errorCode: 'UNKNOWN_EXCEPTION' }] });
    return;
  }
  const segments = path.split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  const versionListing = segments.length <= 2;
  const token = bearer(req);
  if (!versionListing && (!token || !rt.sessions.use(token))) {
    log(401, 0);
    sendReply(res, sessionInvalid().toReply());
    return;
  }
  const budget = rt.api.budget;
  if (!versionListing && !budget.tryCharge()) {
    log(403, 0);
    sendReply(res, requestLimitExceeded().toReply(), { 'Sforce-Limit-Info': budget.header() });
    return;
  }
  const apiCalls = versionListing ? 0 : 1;
  let reply: Reply;
  try {
    const routed: RoutedRequest = {
      method, segments, rawPath: path, query: url.searchParams, body: parseJson(rawBody),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])),
      inComposite: false, forceAllOrNone: false,
    };
    rt.lockRowPending = fault === 'unableToLockRow';
    reply = dispatch(rt.api, routed);
  } catch (error) {
    reply = errorToReply(error);
  } finally {
    rt.lockRowPending = false;
    rt.org.store.commit();
  }
  const subrequests = subrequestLog(reply);
  if (fault === 'dropAfterApply') {
    log('dropped', apiCalls, { fault, ...(subrequests ? { subrequests } : {}) });
    req.socket.destroy();
    return;
  }
  log(reply.status, apiCalls, { ...(fault ? { fault } : {}), ...(subrequests ? { subrequests } : {}) });
  sendReply(res, reply, { 'Sforce-Limit-Info': budget.header() });
}
