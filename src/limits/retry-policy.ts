import type { VendorErrorClassification } from '../calls/types.js';
import { ConnectorError, RateLimitError, TransientError, redactSecrets } from '../errors.js';
import { readCodes, readHeaders, readMessages, readStatus } from './error-shape.js';
import { headerDelayMs } from './retry-after.js';

/**
 * What the retry policy makes of one failed call: the vendor's verdict shape
 * ({@link VendorErrorClassification}), so a hook's answer and the generic rules' read alike.
 */
export type ErrorClassification = VendorErrorClassification;

/** A `classifyError` hook of an adapter or source. */
export type VendorClassifier = (error: unknown) => VendorErrorClassification | undefined;

/** Network-level failures of Node, axios and undici. */
const NETWORK_CODES: readonly string[] = [
  'ECONNRESET',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'ESOCKETTIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'ERR_NETWORK',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'TimeoutError', // DOMException of fetch with AbortSignal.timeout(); a caller's AbortError is not retried
];
/**
 * Messages of network failures that carry no code, as Node, undici and node-fetch word them. Anchored
 * at the start, so a validation message that merely quotes such a word is not taken for one.
 */
const NETWORK_MESSAGE =
  /^(?:socket hang up|fetch failed|network timeout\b|(?:connect|read|write|getaddrinfo) (?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|EPIPE)\b|request to \S+ failed, reason: (?:connect |read |write |getaddrinfo )?(?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|EPIPE|socket hang up)\b)/i;
/** HTTP statuses worth another try. */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);

const lower = (codes: readonly string[]): ReadonlySet<string> => new Set(codes.map((c) => c.toLowerCase()));
const NETWORK = lower(NETWORK_CODES);

/** The most telling code of an error: not a class name (`TypeError`) nor an axios `ERR_BAD_*`. */
function remoteCodeOf(codes: readonly string[]): string | undefined {
  return codes.find((c) => !/Error$/.test(c) && !/^ERR_BAD_/.test(c));
}

function withFacts(
  base: ErrorClassification,
  facts: { status: number | undefined; remoteCode: string | undefined; retryAfterMs?: number | undefined },
): ErrorClassification {
  return {
    ...base,
    ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: facts.retryAfterMs }),
    ...(facts.status === undefined ? {} : { status: facts.status }),
    ...(facts.remoteCode === undefined ? {} : { remoteCode: facts.remoteCode }),
  };
}

function describeOther(error: unknown, status: number | undefined, code: string | undefined): string {
  const parts: string[] = [];
  if (status !== undefined) parts.push(`HTTP ${status}`);
  if (code !== undefined) parts.push(code);
  const message = readMessages(error)[0];
  if (parts.length === 0 && message !== undefined) parts.push(redactSecrets(message).slice(0, 200));
  return `not retryable: ${parts.length > 0 ? parts.join(' ') : typeof error}`;
}

function classifyOwn(error: ConnectorError): ErrorClassification {
  if (error instanceof RateLimitError || error instanceof TransientError) {
    const rateLimited = error instanceof RateLimitError;
    const retryAfterMs = error.retryAfterMs;
    return {
      retryable: true,
      reason: `${rateLimited ? 'rate limited' : 'transient'}: ${error.message}`,
      ...(rateLimited ? { rateLimited } : {}),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(error.details.status === undefined ? {} : { status: error.details.status }),
      ...(error.details.remoteCode === undefined ? {} : { remoteCode: error.details.remoteCode }),
    };
  }
  return { retryable: false, reason: `${error.code}: ${error.message}` };
}

/**
 * The generic rules: decides whether a failed remote call is worth another try, knowing no vendor.
 * Pure: the answer depends only on the error and `now` (used to turn reset instants and HTTP dates
 * into waits).
 *
 * - Retryable: network errors (Node, axios, undici, fetch timeouts), HTTP 408/429/500/502/503/504,
 *   and the connector's own {@link TransientError}/{@link RateLimitError}. `Retry-After` is honoured
 *   on any of them; the window resets `ratelimit-reset` and `x-rate-limit-reset` only on a 429.
 * - HTTP 401: `retryable: false, refreshSession: true` (refresh once, then replay).
 * - Everything else (validation errors, duplicates, the connector's other errors): not retryable,
 *   so the caller can dead-letter it.
 *
 * Vendor codes (`INVALID_SESSION_ID`, `UNABLE_TO_LOCK_ROW`, Sugar's `need_login`, X's
 * `usage-capped`) are the adapter's or source's `classifyError` hook's; see {@link decideRetry}.
 */
export function classifyError(error: unknown, now: number = Date.now()): ErrorClassification {
  if (error instanceof ConnectorError) return classifyOwn(error);
  const status = readStatus(error);
  const codes = readCodes(error);
  const headers = readHeaders(error);
  if (status === 401) {
    return withFacts({ retryable: false, refreshSession: true, reason: 'session expired (HTTP 401)' }, { status, remoteCode: remoteCodeOf(codes) });
  }
  if (status === 429) {
    return withFacts(
      { retryable: true, rateLimited: true, reason: 'rate limited (HTTP 429)' },
      { status, remoteCode: remoteCodeOf(codes), retryAfterMs: headerDelayMs(headers, now, true) },
    );
  }
  const network = codes.find((code) => NETWORK.has(code.toLowerCase()));
  if (network !== undefined || (status === undefined && readMessages(error).some((m) => NETWORK_MESSAGE.test(m)))) {
    return withFacts({ retryable: true, reason: `network error (${network ?? 'connection failed'})` }, { status, remoteCode: network });
  }
  if (status !== undefined && RETRYABLE_STATUS.has(status)) {
    return withFacts(
      { retryable: true, reason: `HTTP ${status}` },
      { status, remoteCode: remoteCodeOf(codes), retryAfterMs: headerDelayMs(headers, now, false) },
    );
  }
  const remoteCode = remoteCodeOf(codes);
  return withFacts({ retryable: false, reason: describeOther(error, status, remoteCode) }, { status, remoteCode });
}

/**
 * The policy: the vendor's hook first, then the generic rules. Pure (given a pure hook). A hook that
 * answers keeps its verdict; the generic facts fill what it left out (the HTTP status, and for a
 * retryable verdict the `Retry-After`/reset wait of the response headers). A hook that answers
 * `undefined` or throws leaves the decision to {@link classifyError}.
 */
export function decideRetry(error: unknown, now: number, vendor?: VendorClassifier): ErrorClassification {
  let verdict: VendorErrorClassification | undefined;
  try {
    verdict = vendor?.(error);
  } catch {
    verdict = undefined; // a broken hook must not turn a retryable failure into a crash
  }
  if (verdict === undefined) return classifyError(error, now);
  const status = verdict.status ?? readStatus(error);
  const retryAfterMs =
    verdict.retryAfterMs ?? (verdict.retryable ? headerDelayMs(readHeaders(error), now, verdict.rateLimited === true) : undefined);
  return {
    ...verdict,
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
