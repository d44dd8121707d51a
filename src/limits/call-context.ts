import pRetry, { AbortError } from 'p-retry';
import type { CallContext, CallKind, CallOptions, RemoteServiceHooks, ServiceUsage } from '../calls/types.js';
import { AuthError } from '../errors.js';
import { abortableSleep } from './abortable-sleep.js';
import { retryDelayMs, type BackoffOptions } from './backoff.js';
import type { CallLimiter } from './call-limiter.js';
import type { LimitsConfig } from './config.js';
import { gaveUp, stopError } from './give-up.js';
import { decideRetry, type ErrorClassification } from './retry-policy.js';
import { createSessionRefresher } from './session-refresh.js';

/** One attempt of a remote call. */
export interface CallEvent {
  readonly service: string;
  readonly operation: string;
  /** 1 for the first try of this call, 2 for the next, … */
  readonly attempt: number;
  readonly kind: CallKind;
}

/** A failed attempt that will be tried again after `delayMs` (0 after a session refresh). */
export interface RetryEvent {
  readonly service: string;
  readonly operation: string;
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

/** Options of {@link createCallContext}. */
export interface CallContextOptions {
  /** Service name for messages and events (`salesforce`, `sugarcrm`, `twitter`). */
  readonly service: string;
  /** The service's limiter: every attempt runs inside `limiter.schedule`; usage reports reach its `observeUsage`. */
  readonly limiter: CallLimiter;
  readonly limits: LimitsConfig;
  /** The adapter's or source's hooks: `classifyError` is asked first, `refreshSession` renews an expired session. */
  readonly hooks?: RemoteServiceHooks;
  /** Gets a new session (overrides `hooks.refreshSession`). */
  readonly refreshSession?: () => Promise<void>;
  readonly onCall?: (event: CallEvent) => void;
  readonly onRetry?: (event: RetryEvent) => void;
  /** Receives every `reportUsage` (the engine's run budget). */
  readonly onUsage?: (service: string, usage: ServiceUsage) => void;
  /** The run's signal: ends any retry wait at once, and no attempt starts after it. */
  readonly signal?: AbortSignal;
  /** Waits `ms` (tests inject one that records delays). Default: a timer that `signal` cancels. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Random source of the backoff jitter. */
  readonly random?: () => number;
  /** Clock for reset headers (ms since epoch). */
  readonly now?: () => number;
}

/** A call context that counts the remote round trips it made (every attempt counts). */
export interface LimitedCallContext extends CallContext {
  /** Attempts made so far, across all calls. */
  readonly calls: number;
  /** Attempts of `write` calls (the rest are reads). */
  readonly writes: number;
}

/** A failed attempt as p-retry sees it: an `Error` carrying the original throw and our verdict on it. */
class FailedAttempt extends Error {
  constructor(
    readonly original: unknown,
    readonly verdict: ErrorClassification,
    readonly attempt: number,
  ) {
    super(verdict.reason);
    this.name = 'FailedAttempt';
  }
}

/**
 * Creates the {@link CallContext} an adapter or source makes its round trips through.
 *
 * The loop is p-retry's (attempts, `retries`, abort through `signal`, giving up); the decision is
 * {@link decideRetry}, a pure function of the error (the hook's `classifyError` first). Each attempt
 * runs `fn` inside the limiter and is counted. On failure:
 * - retryable → waits (a `Retry-After`/reset wait beats backoff), then tries again, up to
 *   `limits.retries` times; then a `TransientError` (or `RateLimitError`) naming service, operation
 *   and attempts, the last error as `cause`;
 * - session expired → one shared refresh, then the same attempt replays `fn` once; expired again:
 *   {@link AuthError};
 * - `authFailed` → {@link AuthError}; `exhausted` → `BudgetExhaustedError` at once (no wait);
 * - anything else → the error itself, unchanged (a fetch `Response`, an axios error), so the caller
 *   can dead-letter it.
 *
 * How p-retry is used, and why:
 * - Every throw is wrapped in a `FailedAttempt` (an `Error`): p-retry turns non-`Error` throws into a
 *   `TypeError` and never retries a `TypeError`, which would lose a thrown `Response`'s status and
 *   headers. The original is unwrapped and rethrown unchanged when the verdict is "do not retry".
 * - p-retry's own backoff is 0 (`minTimeout: 0`): its options are fixed per `pRetry` call, so they
 *   cannot give way to one error's `Retry-After`. Instead `shouldRetry` awaits our computed wait
 *   ({@link retryDelayMs}: header wait, else exponential backoff with equal jitter, which p-retry's
 *   `randomize` (×1–2) does not offer) through an abortable sleep: Ctrl-C ends even an hour's wait.
 * - The session refresh replays inside the attempt rather than as a p-retry retry: p-retry gives up
 *   when `retriesLeft` is 0 before asking `shouldRetry` or `shouldConsumeRetry`, so with
 *   `retries: 0` (or on the last retry) a refresh could never be replayed.
 */
export function createCallContext(options: CallContextOptions): LimitedCallContext {
  const { service, limiter, limits, signal, hooks } = options;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, signal));
  const now = options.now ?? Date.now;
  const classify = hooks?.classifyError === undefined ? undefined : (error: unknown) => hooks.classifyError?.(error);
  const backoff: BackoffOptions = {
    minDelayMs: limits.minRetryDelayMs,
    maxDelayMs: limits.maxRetryDelayMs,
    factor: limits.retryFactor,
    jitter: limits.jitter,
    maxRetryAfterMs: limits.maxRetryAfterMs,
  };
  const refreshSession = options.refreshSession ?? (hooks?.refreshSession === undefined ? undefined : () => hooks.refreshSession?.() ?? Promise.resolve());
  const sessions = createSessionRefresher({ refreshSession, classify, now });
  let calls = 0;
  let writes = 0;

  async function call<T>(operation: string, fn: () => Promise<T>, callOptions?: CallOptions): Promise<T> {
    const kind = callOptions?.kind ?? 'read';
    let refreshed = false;
    const once = (attempt: number): Promise<T> =>
      limiter.schedule(() => {
        calls += 1;
        if (kind === 'write') writes += 1;
        options.onCall?.({ service, operation, attempt, kind });
        return fn();
      });
    const verdictOn = (error: unknown, attempt: number): FailedAttempt => {
      const verdict = decideRetry(error, now(), classify);
      const stop = stopError(service, operation, verdict, error);
      if (stop !== undefined) throw new AbortError(stop);
      return new FailedAttempt(error, verdict, attempt);
    };

    const attempt = async (attemptNumber: number): Promise<T> => {
      const generation = sessions.generation;
      try {
        return await once(attemptNumber);
      } catch (error) {
        const failed = verdictOn(error, attemptNumber);
        if (failed.verdict.refreshSession !== true) throw failed;
        if (refreshed) throw new AbortError(new AuthError(`${service} ${operation}: session rejected again after a refresh`, {}, error));
        refreshed = true;
        try {
          await sessions.refresh(service, operation, generation, error);
        } catch (refreshError) {
          throw new AbortError(refreshError instanceof Error ? refreshError : new AuthError(`${service} ${operation}: session refresh failed`, {}, refreshError));
        }
        options.onRetry?.({ service, operation, attempt: attemptNumber, delayMs: 0, reason: failed.verdict.reason });
        try {
          return await once(attemptNumber);
        } catch (again) {
          const second = verdictOn(again, attemptNumber);
          if (second.verdict.refreshSession === true) throw new AbortError(new AuthError(`${service} ${operation}: session rejected again after a refresh`, {}, again));
          throw second;
        }
      }
    };

    try {
      return await pRetry(attempt, {
        retries: limits.retries,
        minTimeout: 0,
        maxTimeout: 0,
        factor: 1,
        randomize: false,
        ...(signal === undefined ? {} : { signal }),
        shouldRetry: async ({ error, retriesConsumed }) => {
          if (!(error instanceof FailedAttempt) || !error.verdict.retryable) return false;
          const delayMs = retryDelayMs(retriesConsumed + 1, error.verdict, backoff, options.random);
          options.onRetry?.({ service, operation, attempt: error.attempt, delayMs, reason: error.verdict.reason });
          await sleep(delayMs); // rejects on abort: p-retry then rejects with the signal's reason
          signal?.throwIfAborted();
          return true;
        },
      });
    } catch (error) {
      if (!(error instanceof FailedAttempt)) throw error; // abort reason, AuthError, BudgetExhaustedError, refresh failure
      if (!error.verdict.retryable) throw error.original;
      throw gaveUp(service, operation, error.attempt, error.verdict, error.original);
    }
  }

  return {
    call,
    reportUsage(usage: ServiceUsage): void {
      if (!(usage.limit > 0) || !Number.isFinite(usage.used) || usage.used < 0) return; // unreadable figures brake nothing
      limiter.observeUsage?.({ used: usage.used, max: usage.limit });
      options.onUsage?.(service, usage);
    },
    ...(signal === undefined ? {} : { signal }),
    get calls(): number {
      return calls;
    },
    get writes(): number {
      return writes;
    },
  };
}
