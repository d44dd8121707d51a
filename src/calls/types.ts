/**
 * The seam between the engine and anything remote (a CRM adapter or a social source): every round
 * trip goes through a {@link CallContext}, so limits, retries, session refresh, abort and call
 * counting live in the engine, and adapters and sources only describe their calls.
 */

/** What a round trip does: reads are always safe to replay, writes only when idempotent (upserts). */
export type CallKind = 'read' | 'write';

/** Options of one {@link CallContext.call}. */
export interface CallOptions {
  /** Default `read`. Counted separately in the report. */
  readonly kind?: CallKind;
}

/**
 * A service's own budget figures, as its replies state them: Salesforce `Sforce-Limit-Info:
 * api-usage=USED/LIMIT`, X `x-rate-limit-limit / -remaining` (used = limit − remaining).
 */
export interface ServiceUsage {
  readonly used: number;
  readonly limit: number;
  /** Which budget (`api-usage`, `GET /2/users/:id/mentions`, `day`); default: the service's main one. */
  readonly name?: string;
  /** When the window resets (ISO 8601), when the service says so. */
  readonly resetAt?: string;
  /**
   * What kind of window the figures are of. `budget` (the default): a daily or monthly allocation
   * (Salesforce's daily API requests, X's 24-hour headers): it slows the limiter, and from
   * `limits.stopAbove` no new batch starts. `rate`: a short rate-limit window (X's 15 minutes): it
   * only slows; calls wait for its reset (abortably), it never stops the run.
   */
  readonly window?: UsageWindow;
}

/** See {@link ServiceUsage.window}. */
export type UsageWindow = 'rate' | 'budget';

/** How a remote round trip reaches its service. */
export interface CallContext {
  /**
   * Runs one remote round trip under the service's limiter, the retry policy (a pure function of the
   * error; the adapter's or source's `classifyError` hook first), the session refresh hook and the
   * run's abort signal, and counts it. `operation` names it for logs and counters.
   */
  call<T>(operation: string, fn: () => Promise<T>, options?: CallOptions): Promise<T>;
  /** Feeds the service's own budget figures; the engine slows and stops on them. */
  reportUsage(usage: ServiceUsage): void;
  /** The run's signal: aborted on Ctrl-C / SIGTERM. Pass it to the client where it takes one. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * A vendor's verdict on an error its client threw (the engine's generic rules decide when a hook
 * answers `undefined`).
 */
export interface VendorErrorClassification {
  /** True when the same call may succeed later (row lock, maintenance). */
  readonly retryable: boolean;
  /** Short, secret-free explanation, e.g. `Salesforce UNABLE_TO_LOCK_ROW`. */
  readonly reason: string;
  /** The wait the remote asked for, in ms. */
  readonly retryAfterMs?: number;
  /** The session expired: refresh once (single-flight), then replay. */
  readonly refreshSession?: boolean;
  /** A rate or usage limit was hit. */
  readonly rateLimited?: boolean;
  /** Credentials or permissions are wrong: stop the run (exit 2), never retry. */
  readonly authFailed?: boolean;
  /** A budget is used up for the period (X `usage-capped`): stop, do not wait. */
  readonly exhausted?: boolean;
  readonly status?: number;
  readonly remoteCode?: string;
}

/** Hooks a remote service's client may offer the engine (both optional). */
export interface RemoteServiceHooks {
  /** Gets a new session; the engine makes concurrent failures share one call, then replays each once. */
  refreshSession?(): Promise<void>;
  /** The vendor's own codes; `undefined` = let the engine's generic rules decide. */
  classifyError?(error: unknown): VendorErrorClassification | undefined;
}

/** A call context that calls straight through (tests, scripts): no limits, no retries. */
export const directCallContext: CallContext = {
  call: (_operation, fn) => fn(),
  reportUsage: () => undefined,
};
