import type { ErrorClassification } from './retry-policy.js';

/** How long to wait between attempts. */
export interface BackoffOptions {
  /** Wait before the first retry. */
  readonly minDelayMs: number;
  /** Longest computed (exponential) wait. */
  readonly maxDelayMs: number;
  /** Growth per attempt (2 doubles the wait each time). */
  readonly factor: number;
  /** Spread waits out: each becomes a random value between half and all of the computed wait. */
  readonly jitter: boolean;
  /** Longest wait a remote may ask for through `Retry-After`/reset headers (default 15 minutes). */
  readonly maxRetryAfterMs?: number;
}

/** Default cap on a header-given wait: 15 minutes, the length of an X rate-limit window. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 900_000;

/**
 * Milliseconds to wait before retry number `attempt` (1 = the first retry).
 *
 * A wait the remote asked for (`classification.retryAfterMs`) beats backoff, capped at
 * `maxRetryAfterMs`. Otherwise: `minDelayMs × factor^(attempt − 1)`, capped at `maxDelayMs`; with
 * `jitter`, a value drawn uniformly from [half, all] of that ("equal jitter": never zero, so a
 * herd of workers does not hammer the remote, and still spread out).
 */
export function retryDelayMs(
  attempt: number,
  classification: Pick<ErrorClassification, 'retryAfterMs'>,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const headerDelay = classification.retryAfterMs;
  if (headerDelay !== undefined && Number.isFinite(headerDelay)) {
    return Math.min(Math.max(0, Math.round(headerDelay)), options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS);
  }
  const n = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
  const grown = options.minDelayMs * Math.max(1, options.factor) ** (n - 1);
  const capped = Math.min(Math.max(0, grown), options.maxDelayMs);
  if (!options.jitter) return Math.round(capped);
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(capped / 2 + (capped / 2) * r);
}
