/**
 * Sugar's errors as the adapter raises them, and {@link classifySugarError}, the adapter's
 * `classifyError` hook: Sugar's `{ error, error_message }` is judged by its label, never by the
 * status alone (older versions answer 412 where newer ones answer 422). Messages never carry a
 * token or a password: the axios error (whose config holds the headers) is not kept as a cause.
 */
import { ConnectorError, type ConnectorErrorCode } from '../../errors.js';
import type { VendorErrorClassification } from '../../calls/types.js';

/** Labels of an expired, replaced or revoked session: refresh once, then replay. */
const SESSION_LABELS = new Set(['need_login', 'invalid_grant']);
/** Labels of a record the request got wrong: the item fails, the run goes on. */
export const ITEM_LABELS = new Set(['invalid_parameter', 'missing_parameter', 'not_found', 'request_failure', 'invalid_field']);
/** Network failures (Node / axios codes) worth another try. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_NETWORK', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** Facts about one failed Sugar call. */
export interface SugarErrorFacts {
  /** HTTP status; absent for a network failure. */
  readonly status?: number;
  /** Sugar's `error` label (`need_login`, `invalid_parameter`, …) or the network code (`ECONNRESET`). */
  readonly label: string;
  /** Sugar's `error_message` (or a short description). */
  readonly detail: string;
  /** `METHOD /path` of the call (no query, no body). */
  readonly request: string;
  /** The Sugar module the call was about (`Cases`), when there is one. */
  readonly module?: string;
  /** `Retry-After`, in ms. */
  readonly retryAfterMs?: number;
  /** True when it happened on the token endpoint (a login or refresh). */
  readonly login?: boolean;
}

function codeOf(facts: SugarErrorFacts): ConnectorErrorCode {
  if (facts.login || facts.label === 'not_authorized' || SESSION_LABELS.has(facts.label)) return 'AUTH';
  if (facts.status === 429) return 'RATE_LIMIT';
  if (ITEM_LABELS.has(facts.label)) return 'CRM_RECORD';
  return 'TRANSIENT';
}

/** A failed Sugar call. `errorCode` is Sugar's label, `status` the HTTP status (for the engine's generic rules). */
export class SugarApiError extends ConnectorError {
  readonly status: number | undefined;
  readonly errorCode: string;
  readonly facts: SugarErrorFacts;
  /** Only `retry-after`, so generic header readers see it; nothing else of the reply is kept. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(facts: SugarErrorFacts, message?: string) {
    const where = facts.status === undefined ? facts.request : `${facts.request} → ${facts.status}`;
    super(message ?? `SugarCRM ${where}: ${facts.label}: ${facts.detail}`, {
      code: codeOf(facts),
      details: { remoteCode: facts.label, ...(facts.status === undefined ? {} : { status: facts.status }), ...(facts.module ? { record: facts.module } : {}) },
    });
    this.name = 'SugarApiError';
    this.status = facts.status;
    this.errorCode = facts.label;
    this.facts = facts;
    this.headers = facts.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(facts.retryAfterMs / 1000)) };
  }
}

/** True for Sugar's "Record already exists" answer to a create with a client id (422, or 412 on older versions). */
export function isAlreadyExists(status: number, label: string, detail: string): boolean {
  return (status === 422 || status === 412 || status === 409) && label === 'invalid_parameter' && /already exists/i.test(detail);
}

/** True for the login answer of a platform nobody registered on the instance. */
export function isInvalidPlatform(label: string, detail: string): boolean {
  return label === 'invalid_parameter' && /EXCEPTION_INVALID_PLATFORM|platform/i.test(detail);
}

const retryable = (facts: SugarErrorFacts, reason: string, extra: Partial<VendorErrorClassification> = {}): VendorErrorClassification => ({
  retryable: true,
  reason,
  ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: facts.retryAfterMs }),
  ...(facts.status === undefined ? {} : { status: facts.status }),
  remoteCode: facts.label,
  ...extra,
});

/**
 * The adapter's `classifyError` hook. `undefined` for errors that are not Sugar's (the engine's
 * generic rules decide).
 */
export function classifySugarError(error: unknown): VendorErrorClassification | undefined {
  if (!(error instanceof SugarApiError)) return undefined;
  const f = error.facts;
  const status = f.status === undefined ? {} : { status: f.status };
  if (f.status === 429) return retryable(f, 'SugarCRM HTTP 429 (rate limited)', { rateLimited: true });
  if (f.label === 'maintenance') return retryable(f, 'SugarCRM maintenance');
  if (f.status === undefined && NETWORK_CODES.has(f.label)) return retryable(f, `SugarCRM network error ${f.label}`);
  if (f.status !== undefined && [500, 502, 503, 504].includes(f.status) && !ITEM_LABELS.has(f.label)) {
    return retryable(f, `SugarCRM HTTP ${f.status}`);
  }
  if (f.login) {
    return { retryable: false, authFailed: true, reason: `SugarCRM login failed: ${f.label}`, remoteCode: f.label, ...status };
  }
  if (SESSION_LABELS.has(f.label)) return { retryable: true, refreshSession: true, reason: `SugarCRM ${f.label}`, remoteCode: f.label, ...status };
  if (f.label === 'not_authorized') {
    const what = f.module === undefined ? f.request : `module ${f.module}`;
    return { retryable: false, authFailed: true, reason: `SugarCRM not_authorized: the API user may not use ${what}`, remoteCode: f.label, ...status };
  }
  return { retryable: false, reason: `SugarCRM ${f.label}`, remoteCode: f.label, ...status };
}
