/**
 * A call context that honours an adapter's hooks the way the engine does (issue 7): `classifyError`
 * first; a session error → one shared `refreshSession`, then one replay; a retryable error → up to
 * `retries` more tries after `retryAfterMs` (capped for tests). Counts attempts and refreshes.
 */
import type { CallContext, RemoteServiceHooks } from '../../../src/calls/types.js';

/** A hook-honouring context with counters. */
export interface HookContext extends CallContext {
  readonly attempts: number;
  readonly refreshes: number;
  readonly waits: readonly number[];
}

/** Builds a {@link HookContext} for `hooks` (an adapter). */
export function hookContext(hooks: RemoteServiceHooks, options: { retries?: number; maxWaitMs?: number } = {}): HookContext {
  let attempts = 0;
  let refreshes = 0;
  const waits: number[] = [];
  let refreshing: Promise<void> | undefined;
  const retries = options.retries ?? 8;
  return {
    reportUsage: () => undefined,
    async call<T>(_operation: string, fn: () => Promise<T>): Promise<T> {
      let refreshed = false;
      for (let tries = 0; ; tries += 1) {
        attempts += 1;
        try {
          return await fn();
        } catch (error) {
          const c = hooks.classifyError?.(error);
          if (c?.refreshSession && !refreshed && hooks.refreshSession) {
            refreshed = true;
            refreshing ??= (refreshes += 1, hooks.refreshSession().finally(() => (refreshing = undefined)));
            await refreshing;
            continue;
          }
          if (!c?.retryable || c.authFailed || tries >= retries) throw error;
          const wait = Math.min(c.retryAfterMs ?? 1, options.maxWaitMs ?? 5);
          waits.push(c.retryAfterMs ?? -1);
          await new Promise((r) => setTimeout(r, wait));
        }
      }
    },
    get attempts() {
      return attempts;
    },
    get refreshes() {
      return refreshes;
    },
    get waits() {
      return waits;
    },
  };
}
