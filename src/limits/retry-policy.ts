import { ConnectorError, RateLimitError, TransientError, redactSecrets } from '../errors.js';
import { readCodes, readHeaders, readMessages, readRateLimitReset, readStatus } from './error-shape.js';
import { headerDelayMs, untilEpochSeconds } from './retry-after.js';

/** What the retry policy makes of one failed call. */
export interface ErrorClassification {
  /** True when the same call may succeed later (network error, 429, 5xx, row lock). */
  readonly retryable: boolean;
  /** Short, secret-free explanation, e.g. `HTTP 503` or `Salesforce UNABLE_TO_LOCK_ROW`. */
  readonly reason: string;
  /** The wait the remote asked for (`Retry-After`, reset headers, our own errors), in ms. */
  readonly retryAfterMs?: number;
  /** True when the session expired: refresh it once, then try again. */
  readonly refreshSession?: boolean;
  /** True when a rate or API-usage limit was hit. */
  readonly rateLimited?: boolean;
  /** HTTP status of the failed call, when known. */
  readonly status?: number;
  /** The remote's error code (`REQUIRED_FIELD_MISSING`, `ECONNRESET`, `invalid_grant`), when known. */
  readonly remoteCode?: string;
}

const lower = (codes: readonly string[]): ReadonlySet<string> => new Set(codes.map((c) => c.toLowerCase()));

/** Login failures: new credentials are needed, refreshing the session cannot help. */
const LOGIN_FAILED = lower(['INVALID_LOGIN', 'INVALID_CLIENT', 'INVALID_CLIENT_ID', 'LOGIN_MUST_USE_SECURITY_TOKEN']);
/** Salesforce and SugarCRM codes of an expired or revoked session. */
const SESSION_EXPIRED = lower(['INVALID_SESSION_ID', 'invalid_grant', 'need_login', 'invalid_token']);
/** Codes of a rate or usage limit. */
const RATE_LIMITED = lower(['REQUEST_LIMIT_EXCEEDED', 'TooManyRequests', 'too_many_requests']);
/** Remote codes of a temporary failure (Salesforce row locks and outages, SugarCRM maintenance). */
const TRANSIENT_CODES = lower(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'service_unavailable', 'maintenance']);
/** Network-level failures of Node, axios and undici. */
const NETWORK_CODES = lower([
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
]);
/**
 * Messages of network failures that carry no code, as Node, undici and node-fetch word them. Anchored
 * at the start, so a validation message that merely quotes such a word is not taken for one.
 */
const NETWORK_MESSAGE =
  /^(?:socket hang up|fetch failed|network timeout\b|(?:connect|read|write|getaddrinfo) (?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|EPIPE)\b|request to \S+ failed, reason: (?:connect |read |write |getaddrinfo )?(?:ECONNRESET|ETIMEDOUT|ECONNREFUSED|EAI_AGAIN|EPIPE|socket hang up)\b)/i;
/** HTTP statuses worth another try. */
const RETRYABLE_STATUS: ReadonlySet<number> = new Set([408, 500, 502, 503, 504]);

function pick(codes: readonly string[], set: ReadonlySet<string>): string | undefined {
  return codes.find((code) => set.has(code.toLowerCase()));
}

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
 * Decides whether a failed remote call is worth another try. Pure: the answer depends only on the
 * error and `now` (used to turn reset instants and HTTP dates into waits).
 *
 * - Retryable: network errors, HTTP 408/429/500/502/503/504, Salesforce `REQUEST_LIMIT_EXCEEDED`,
 *   `UNABLE_TO_LOCK_ROW`, `SERVER_UNAVAILABLE`, SugarCRM `service_unavailable`/`maintenance`, and the
 *   connector's own {@link TransientError}/{@link RateLimitError}. `Retry-After` is honoured on any
 *   of them; `ratelimit-reset`, `x-rate-limit-reset` and twitter-api-v2's `rateLimit.reset` only
 *   when rate-limited.
 * - Session expired (HTTP 401, `INVALID_SESSION_ID`, `invalid_grant`, `need_login`):
 *   `retryable: false, refreshSession: true`.
 * - Everything else (validation errors, duplicates, login failures, the connector's other errors):
 *   not retryable, so the caller can dead-letter it.
 */
export function classifyError(error: unknown, now: number = Date.now()): ErrorClassification {
  if (error instanceof ConnectorError) return classifyOwn(error);
  const status = readStatus(error);
  const codes = readCodes(error);
  const headers = readHeaders(error);

  const loginFailed = pick(codes, LOGIN_FAILED);
  if (loginFailed !== undefined) {
    return withFacts({ retryable: false, reason: `login rejected (${loginFailed})` }, { status, remoteCode: loginFailed });
  }
  const session = pick(codes, SESSION_EXPIRED);
  if (session !== undefined || status === 401) {
    return withFacts(
      { retryable: false, refreshSession: true, reason: `session expired (${session ?? 'HTTP 401'})` },
      { status, remoteCode: session },
    );
  }
  const limit = pick(codes, RATE_LIMITED);
  if (status === 429 || limit !== undefined) {
    const reset = readRateLimitReset(error);
    const retryAfterMs = headerDelayMs(headers, now, true) ?? (reset === undefined ? undefined : untilEpochSeconds(reset, now));
    return withFacts(
      { retryable: true, rateLimited: true, reason: `rate limited (${limit ?? 'HTTP 429'})` },
      { status, remoteCode: limit, retryAfterMs },
    );
  }
  const transient = pick(codes, TRANSIENT_CODES);
  if (transient !== undefined) {
    return withFacts(
      { retryable: true, reason: `remote busy (${transient})` },
      { status, remoteCode: transient, retryAfterMs: headerDelayMs(headers, now, false) },
    );
  }
  const network = pick(codes, NETWORK_CODES);
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
