/**
 * Sugar's errors as the adapter raises them, and {@link classifySugarError}, the adapter's
 * `classifyError` hook: Sugar's `{ error, error_message }` is judged by its label, never by the
 * status alone (older versions answer 412 where newer ones answer 422). Messages never carry a
 * token or a password: the axios error (whose config holds the headers) is not kept as a cause.
 */
import { AuthError, CrmRecordError, RateLimitError, TransientError, type ConnectorError, type ErrorDetails } from '../../errors.js';
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

/** What every Sugar error carries besides its class. */
interface SugarErrorParts {
  readonly facts: SugarErrorFacts;
  /** HTTP status (for the engine's generic rules). */
  readonly status: number | undefined;
  /** Sugar's label or the network code. */
  readonly errorCode: string;
  /** Only `retry-after`, so generic header readers see it; nothing else of the reply is kept. */
  readonly headers: Readonly<Record<string, string>>;
}

function describe(facts: SugarErrorFacts): string {
  const where = facts.status === undefined ? facts.request : `${facts.request} → ${facts.status}`;
  return `SugarCRM ${where}: ${facts.label}: ${facts.detail}`;
}

function detailsOf(facts: SugarErrorFacts): ErrorDetails {
  return { remoteCode: facts.label, ...(facts.status === undefined ? {} : { status: facts.status }), ...(facts.module ? { record: facts.module } : {}) };
}

function partsOf(facts: SugarErrorFacts): SugarErrorParts {
  return {
    facts,
    status: facts.status,
    errorCode: facts.label,
    headers: facts.retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(facts.retryAfterMs / 1000)) },
  };
}

/** The arguments of one of the connector's error classes, from a message and Sugar's facts. */
type ArgsOf<B extends ErrorClass> = (message: string, facts: SugarErrorFacts) => ConstructorParameters<B>;
/** A connector error class (TypeScript's mixin rule: a constructor of `any[]`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass = new (...args: any[]) => ConnectorError;

/**
 * The one base of the Sugar errors: `Base` (so the engine's generic rules, which go by the
 * connector's class, judge them right) with Sugar's facts, status, label and `retry-after` header.
 */
function sugarError<B extends ErrorClass>(Base: B, argsOf: ArgsOf<B>): new (facts: SugarErrorFacts, message?: string) => InstanceType<B> & SugarErrorParts {
  class SugarError extends Base implements SugarErrorParts {
    declare readonly facts: SugarErrorFacts;
    declare readonly status: number | undefined;
    declare readonly errorCode: string;
    declare readonly headers: Readonly<Record<string, string>>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      const [facts, message] = args as [SugarErrorFacts, string | undefined];
      super(...argsOf(message ?? describe(facts), facts));
      Object.assign(this, partsOf(facts));
    }
  }
  // Typed by what it takes (Sugar's facts), not by the mixin's `any[]`.
  return SugarError as unknown as new (facts: SugarErrorFacts, message?: string) => InstanceType<B> & SugarErrorParts;
}

const withRetryAfter = (message: string, facts: SugarErrorFacts): [string, { details: ErrorDetails; retryAfterMs?: number }] => [
  message,
  { details: detailsOf(facts), ...(facts.retryAfterMs === undefined ? {} : { retryAfterMs: facts.retryAfterMs }) },
];
const withDetails = (message: string, facts: SugarErrorFacts): [string, ErrorDetails] => [message, detailsOf(facts)];

/** A Sugar failure worth another try (maintenance, 5xx, network). */
export class SugarTransientError extends sugarError(TransientError, withRetryAfter) {}

/** Sugar (or a proxy before it) answered 429. */
export class SugarRateLimitError extends sugarError(RateLimitError, withRetryAfter) {}

/** A login, session or permission failure. */
export class SugarAuthError extends sugarError(AuthError, withDetails) {}

/** A request Sugar refused for what it carried (`invalid_parameter`, `not_found`, …). */
export class SugarRecordError extends sugarError(CrmRecordError, withDetails) {}

/** Any failed Sugar call: one of the connector's error classes, with Sugar's facts. */
export type SugarApiError = SugarTransientError | SugarRateLimitError | SugarAuthError | SugarRecordError;

/** True for the errors this adapter raises for Sugar's replies and network failures. */
export function isSugarApiError(error: unknown): error is SugarApiError {
  return error instanceof SugarTransientError || error instanceof SugarRateLimitError || error instanceof SugarAuthError || error instanceof SugarRecordError;
}

/** The error class for `facts`, so the engine's generic rules (without the hook) judge it right too. */
export function sugarApiError(facts: SugarErrorFacts, message?: string): SugarApiError {
  if (facts.login || facts.label === 'not_authorized' || SESSION_LABELS.has(facts.label)) return new SugarAuthError(facts, message);
  if (facts.status === 429) return new SugarRateLimitError(facts, message);
  if (ITEM_LABELS.has(facts.label) || (facts.status !== undefined && facts.status < 500 && facts.label !== 'maintenance')) return new SugarRecordError(facts, message);
  return new SugarTransientError(facts, message);
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
  if (!isSugarApiError(error)) return undefined;
  const f = error.facts;
  const status = f.status === undefined ? {} : { status: f.status };
  if (f.status === 429) return retryable(f, 'SugarCRM HTTP 429 (rate limited)', { rateLimited: true });
  if (f.label === 'maintenance') return retryable(f, 'SugarCRM maintenance');
  if (f.status === undefined && NETWORK_CODES.has(f.label)) return retryable(f, `SugarCRM network error ${f.label}`);
  if (f.status !== undefined && [500, 502, 503, 504].includes(f.status) && !ITEM_LABELS.has(f.label)) {
    return retryable(f, `SugarCRM HTTP ${f.status}`);
  }
  if (f.login) {
    return { retryable: false, authFailed: true, reason: error.message, remoteCode: f.label, ...status };
  }
  if (SESSION_LABELS.has(f.label)) return { retryable: true, refreshSession: true, reason: `SugarCRM ${f.label}`, remoteCode: f.label, ...status };
  if (f.label === 'not_authorized') {
    const what = f.module === undefined ? f.request : `module ${f.module}`;
    return { retryable: false, authFailed: true, reason: `SugarCRM not_authorized: the API user may not use ${what}`, remoteCode: f.label, ...status };
  }
  return { retryable: false, reason: `SugarCRM ${f.label}`, remoteCode: f.label, ...status };
}
