import type { CrmCallContext } from '../adapters/types.js';
import type { CallOptions } from '../calls/types.js';
import { AuthError, RateLimitError, TransientError, type ErrorDetails } from '../errors.js';
import { retryDelayMs } from './backoff.js';
import type { LimitsConfig } from './config.js';
import type { ServiceLimiter } from './limiter.js';
import { classifyError, type ErrorClassification } from './retry-policy.js';

/** One attempt of a remote call. */
export interface CallEvent {
  readonly service: string;
  readonly operation: string;
  /** 1 for the first try of this call, 2 for the next, … */
  readonly attempt: number;
}

/** A failed attempt that will be tried again after `delayMs`. */
export interface RetryEvent extends CallEvent {
  readonly delayMs: number;
  readonly reason: string;
}

/** Options of {@link createCallContext}. */
export interface CallContextOptions {
  /** Service name for messages and events (`salesforce`, `sugarcrm`, `twitter`). */
  readonly service: string;
  /** The service's limiter: every attempt runs inside `limiter.schedule`. */
  readonly limiter: Pick<ServiceLimiter, 'schedule'>;
  readonly limits: LimitsConfig;
  /** Gets a new session; called at most once per call (and shared by calls failing together). */
  readonly refreshSession?: () => Promise<void>;
  readonly onCall?: (event: CallEvent) => void;
  readonly onRetry?: (event: RetryEvent) => void;
  /** Stops retrying (and waiting) when aborted. */
  readonly signal?: AbortSignal;
  /** Waits `ms` (tests inject one that records delays). Default: a timer that `signal` cancels. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random source of the backoff jitter. */
  readonly random?: () => number;
  /** Clock for reset headers (ms since epoch). */
  readonly now?: () => number;
}

/** A call context that counts the remote round trips it made (every attempt counts). */
export interface LimitedCallContext extends CrmCallContext {
  /** Attempts made so far, across all calls. */
  readonly calls: number;
}

function timerSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function gaveUp(service: string, operation: string, attempts: number, c: ErrorClassification, cause: unknown): Error {
  const message = `${service} ${operation} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${c.reason}`;
  const details: ErrorDetails = {
    ...(c.status === undefined ? {} : { status: c.status }),
    ...(c.remoteCode === undefined ? {} : { remoteCode: c.remoteCode }),
  };
  const options = { details, cause, ...(c.retryAfterMs === undefined ? {} : { retryAfterMs: c.retryAfterMs }) };
  return c.rateLimited ? new RateLimitError(message, options) : new TransientError(message, options);
}

/**
 * Creates the {@link CrmCallContext} an adapter makes its round trips through. Each
 * `call(operation, fn)` runs `fn` inside the limiter, counts every attempt, and on failure asks
 * {@link classifyError}:
 * - retryable → waits ({@link retryDelayMs}: a `Retry-After`/reset header beats backoff) and tries
 *   again, up to `limits.retries` times; then throws a {@link TransientError} (or a
 *   {@link RateLimitError} when rate-limited) naming service, operation and attempts, the last
 *   error as `cause`;
 * - session expired → runs `refreshSession` once (concurrent calls share one refresh) and tries
 *   again; with no refresher, a failed refresh or a second expiry: {@link AuthError};
 * - anything else → rethrows the error unchanged, so the caller can dead-letter it.
 *
 * The loop is hand-written rather than p-retry's: p-retry turns non-`Error` throws (fetch
 * `Response`s) into a `TypeError`, losing the status and headers the decision needs and breaking
 * "rethrow unchanged", and it computes its own waits, so a per-error `Retry-After` and an injected
 * sleep would have to be bolted on through three hooks.
 */
export function createCallContext(options: CallContextOptions): LimitedCallContext {
  const { service, limiter, limits, signal } = options;
  const sleep = options.sleep ?? ((ms: number) => timerSleep(ms, signal));
  const now = options.now ?? Date.now;
  const backoff = {
    minDelayMs: limits.minRetryDelayMs,
    maxDelayMs: limits.maxRetryDelayMs,
    factor: limits.retryFactor,
    jitter: limits.jitter,
    maxRetryAfterMs: limits.maxRetryAfterMs,
  };
  let calls = 0;
  let refreshing: Promise<void> | undefined;

  async function refresh(operation: string, cause: unknown): Promise<void> {
    const refresher = options.refreshSession;
    if (!refresher) throw new AuthError(`${service} ${operation}: session expired and no session refresher is configured`, {}, cause);
    refreshing ??= refresher().finally(() => {
      refreshing = undefined;
    });
    try {
      await refreshing;
    } catch (error) {
      const c = classifyError(error, now());
      if (c.retryable) throw gaveUp(service, `${operation} (session refresh)`, 1, c, error);
      if (error instanceof AuthError) throw error;
      throw new AuthError(`${service} ${operation}: could not refresh the session (${c.reason})`, {}, error);
    }
  }

  async function call<T>(operation: string, fn: () => Promise<T>, _options?: CallOptions): Promise<T> {
    let attempt = 0;
    let retries = 0;
    let refreshed = false;
    for (;;) {
      signal?.throwIfAborted();
      attempt += 1;
      const thisAttempt = attempt;
      try {
        return await limiter.schedule(() => {
          calls += 1;
          options.onCall?.({ service, operation, attempt: thisAttempt });
          return fn();
        });
      } catch (error) {
        const c = classifyError(error, now());
        if (c.refreshSession) {
          if (refreshed) throw new AuthError(`${service} ${operation}: session rejected again after a refresh`, {}, error);
          refreshed = true;
          await refresh(operation, error);
          options.onRetry?.({ service, operation, attempt, delayMs: 0, reason: c.reason });
          continue;
        }
        if (!c.retryable) throw error;
        if (retries >= limits.retries) throw gaveUp(service, operation, attempt, c, error);
        retries += 1;
        const delayMs = retryDelayMs(retries, c, backoff, options.random);
        options.onRetry?.({ service, operation, attempt, delayMs, reason: c.reason });
        await sleep(delayMs);
      }
    }
  }

  return {
    call,
    reportUsage: () => undefined, // wired to the limiter and the report by the engine issue
    ...(signal === undefined ? {} : { signal }),
    get calls(): number {
      return calls;
    },
  };
}
