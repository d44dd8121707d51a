import { AuthError } from '../errors.js';
import { gaveUp } from './give-up.js';
import { decideRetry, type VendorClassifier } from './retry-policy.js';

/** A single-flight session refresher shared by the calls of one service. */
export interface SessionRefresher {
  /** How many refreshes have succeeded; an attempt notes it when it starts. */
  readonly generation: number;
  /**
   * Makes sure the session is newer than `seenGeneration`: when another call refreshed it since, at
   * once; when a refresh is running, joins it; else starts one. Throws an {@link AuthError} without
   * a refresher or when the refresh is refused, a `TransientError` when it failed on the network.
   */
  refresh(service: string, operation: string, seenGeneration: number, cause: unknown): Promise<void>;
}

/** Options of {@link createSessionRefresher}. */
export interface SessionRefresherOptions {
  readonly refreshSession?: (() => Promise<void>) | undefined;
  readonly classify?: VendorClassifier | undefined;
  readonly now: () => number;
}

/**
 * Calls failing together with an expired session share one refresh: the first starts it, the others
 * join it, and a call whose attempt began before a refresh that has since finished replays without
 * another one.
 */
export function createSessionRefresher(options: SessionRefresherOptions): SessionRefresher {
  let generation = 0;
  let running: Promise<void> | undefined;
  return {
    get generation(): number {
      return generation;
    },
    async refresh(service, operation, seenGeneration, cause): Promise<void> {
      if (generation > seenGeneration) return;
      const refresher = options.refreshSession;
      if (refresher === undefined) throw new AuthError(`${service} ${operation}: session expired and no session refresher is configured`, {}, cause);
      running ??= refresher().then(
        () => {
          generation += 1;
          running = undefined;
        },
        (error: unknown) => {
          running = undefined;
          throw error;
        },
      );
      try {
        await running;
      } catch (error) {
        if (error instanceof AuthError) throw error;
        const c = decideRetry(error, options.now(), options.classify);
        if (c.retryable) throw gaveUp(service, `${operation} (session refresh)`, 1, c, error);
        throw new AuthError(`${service} ${operation}: could not refresh the session (${c.reason})`, {}, error);
      }
    },
  };
}
