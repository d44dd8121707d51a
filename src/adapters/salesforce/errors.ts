/** Errors and error normalisation of the Salesforce adapter. */
import { ConnectorError } from '../../errors.js';
import type { ItemError } from '../types.js';
import { SalesforceErrorSchema, type SalesforceError } from './wire-schemas.js';

/** Salesforce sent something the adapter cannot read (not retried: the same call gives the same reply). */
export class SalesforceReplyError extends ConnectorError {
  constructor(message: string) {
    super(message, { code: 'CONNECTOR' });
  }
}

/** Per-record codes worth another try in a later round or run. */
export const RETRYABLE_RECORD_CODES: ReadonlySet<string> = new Set(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'REQUEST_RUNNING_TOO_LONG']);

/** One error as an {@link ItemError}: `statusCode` (collection results) or `errorCode` (request errors), same shape. */
export function toItemError(error: SalesforceError, what: string): ItemError {
  const code = error.statusCode ?? error.errorCode ?? 'UNKNOWN_ERROR';
  const field = error.fields?.[0];
  return {
    code,
    message: `${what}: ${error.message || code}`.slice(0, 500),
    ...(field === undefined ? {} : { field }),
    ...(RETRYABLE_RECORD_CODES.has(code) ? { retryable: true } : {}),
  };
}

/** The errors of a subresponse body that failed as a whole (`[{ errorCode, message }]`), normalised. */
export function errorsOfBody(body: unknown, status: number): SalesforceError[] {
  const list = Array.isArray(body) ? body : [body];
  const out: SalesforceError[] = [];
  for (const item of list) {
    const parsed = SalesforceErrorSchema.safeParse(item);
    if (parsed.success && (parsed.data.errorCode ?? parsed.data.statusCode) !== undefined) out.push(parsed.data);
  }
  return out.length > 0 ? out : [{ errorCode: `ERROR_HTTP_${status}`, message: `HTTP ${status}` }];
}

/** A request-level Salesforce error (`errorCode` + message), shaped like jsforce's so one classifier reads both. */
export class SalesforceApiError extends Error {
  readonly errorCode: string;
  constructor(errorCode: string, message: string) {
    super(message);
    this.name = errorCode;
    this.errorCode = errorCode;
  }
}
