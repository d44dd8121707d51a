import { AuthError, BudgetExhaustedError, RateLimitError, TransientError, type ErrorDetails } from '../errors.js';
import type { ErrorClassification } from './retry-policy.js';

function detailsOf(c: ErrorClassification): ErrorDetails {
  return {
    ...(c.status === undefined ? {} : { status: c.status }),
    ...(c.remoteCode === undefined ? {} : { remoteCode: c.remoteCode }),
  };
}

/** The error of a retryable call that ran out of retries: names service, operation and attempts; `cause` is the last error. */
export function gaveUp(service: string, operation: string, attempts: number, c: ErrorClassification, cause: unknown): Error {
  const message = `${service} ${operation} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${c.reason}`;
  const options = { details: detailsOf(c), cause, ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }) };
  return c.rateLimited === true ? new RateLimitError(message, options) : new TransientError(message, options);
}

/** A verdict that ends the run rather than the item: credentials refused (exit 2), or the period's budget used up (exit 3). */
export function stopError(service: string, operation: string, c: ErrorClassification, cause: unknown): Error | undefined {
  if (c.authFailed === true) return new AuthError(`${service} ${operation}: credentials or permissions refused (${c.reason})`, detailsOf(c), cause);
  if (c.exhausted === true) {
    const message = `${service} ${operation}: the service's budget for this period is used up (${c.reason}); no new batch is started, a rerun resumes from the last checkpoint`;
    return new BudgetExhaustedError(message, { service, details: detailsOf(c), cause });
  }
  return undefined;
}
