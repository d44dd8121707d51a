/** A call context that counts round trips, for tests and benchmarks. */
import type { CrmCallContext } from '../adapters/types.js';

/** A {@link CrmCallContext} that calls straight through and records every call. */
export interface CountingCallContext extends CrmCallContext {
  /** Number of calls made so far. */
  readonly calls: number;
  /** Operation names of the calls, in order (`describe`, `lookup`, `apply`, …). */
  readonly operations: readonly string[];
  /** Sets the count back to zero. */
  reset(): void;
}

/** A call context that counts calls (`ctx.calls`) and remembers their operation names. */
export function countingCallContext(): CountingCallContext {
  const operations: string[] = [];
  return {
    reportUsage: () => undefined,
    call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
      operations.push(operation);
      return fn();
    },
    get calls() {
      return operations.length;
    },
    get operations() {
      return [...operations];
    },
    reset() {
      operations.length = 0;
    },
  };
}
