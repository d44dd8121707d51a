/**
 * The adapter's `classifyError` hook: Salesforce's own codes (the engine's generic rules handle the
 * rest: network errors, 408/429/5xx, Retry-After). jsforce throws `HttpApiError` with `name` and
 * `errorCode` set to Salesforce's code (`INVALID_SESSION_ID`), or `ERROR_HTTP_503` for a non-JSON
 * body; OAuth failures carry the OAuth code (`invalid_grant`) as `name`.
 */
import { AuthError, ConnectorError } from '../../errors.js';
import type { VendorErrorClassification } from '../types.js';

const SESSION_EXPIRED: ReadonlySet<string> = new Set(['INVALID_SESSION_ID', 'ERROR_HTTP_401']);
const LOGIN_FAILED: ReadonlySet<string> = new Set([
  'INVALID_LOGIN',
  'INVALID_CLIENT',
  'INVALID_CLIENT_ID',
  'LOGIN_MUST_USE_SECURITY_TOKEN',
  'INVALID_OPERATION_WITH_EXPIRED_PASSWORD',
  'API_DISABLED_FOR_ORG',
  'API_CURRENTLY_DISABLED',
  'INSUFFICIENT_ACCESS',
  'invalid_grant',
  'invalid_client',
  'invalid_client_id',
  'unsupported_grant_type',
  'inactive_user',
  'inactive_org',
]);
const TRANSIENT: ReadonlySet<string> = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG', 'QUERY_TIMEOUT', 'UNKNOWN_EXCEPTION']);
/** Pause after REQUEST_LIMIT_EXCEEDED of the concurrent-request kind (Salesforce sends no Retry-After). */
export const CONCURRENT_LIMIT_PAUSE_MS = 60_000;

function stringProp(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The Salesforce code of an error: `errorCode`, else `name` (jsforce), a few causes deep. */
export function salesforceCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const code = stringProp(current, 'errorCode') ?? stringProp(current, 'name');
    if (code !== undefined && (/^[A-Z][A-Z0-9_]+$/.test(code) || LOGIN_FAILED.has(code))) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Classifies an error by Salesforce's code; `undefined` lets the engine's generic rules decide. */
export function classifySalesforceError(error: unknown): VendorErrorClassification | undefined {
  if (error instanceof AuthError) return { retryable: false, authFailed: true, reason: error.message };
  if (error instanceof ConnectorError) return undefined;
  const code = salesforceCodeOf(error);
  if (code === undefined) return undefined;
  const message = error instanceof Error ? error.message : '';
  if (SESSION_EXPIRED.has(code)) return { retryable: false, refreshSession: true, reason: `Salesforce ${code}`, status: 401, remoteCode: code };
  if (LOGIN_FAILED.has(code)) return { retryable: false, authFailed: true, reason: `Salesforce ${code}: credentials or permissions rejected`, remoteCode: code };
  if (code === 'REQUEST_LIMIT_EXCEEDED') {
    // "TotalRequests Limit exceeded" = the org's 24-hour allocation is used up: waiting minutes cannot help.
    if (/TotalRequests/i.test(message)) return { retryable: false, rateLimited: true, exhausted: true, reason: 'Salesforce REQUEST_LIMIT_EXCEEDED: the daily API allocation is used up', status: 403, remoteCode: code };
    return { retryable: true, rateLimited: true, retryAfterMs: CONCURRENT_LIMIT_PAUSE_MS, reason: 'Salesforce REQUEST_LIMIT_EXCEEDED', status: 403, remoteCode: code };
  }
  if (TRANSIENT.has(code)) return { retryable: true, reason: `Salesforce ${code}`, remoteCode: code };
  const http = /^ERROR_HTTP_(\d{3})$/.exec(code);
  if (http) {
    const status = Number(http[1]);
    if (status === 429 || status >= 500) return { retryable: true, reason: `Salesforce HTTP ${status}`, status, remoteCode: code };
  }
  return undefined;
}
