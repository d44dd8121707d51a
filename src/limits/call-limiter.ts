import type { LimitsConfig } from './config.js';
import { createServiceLimiter } from './limiter.js';
import type { ApiUsage } from './usage.js';

/**
 * What the engine needs of a service's limiter: `schedule` runs each attempt of a remote call when
 * the budget allows; `observeUsage` (optional) hears the service's own usage figures to brake on.
 * The in-process {@link createServiceLimiter} is one; a limiter shared by many workers (one API
 * budget in Redis, e.g. rate-limiter-flexible behind `schedule`) is the other this seam is for.
 */
export interface CallLimiter {
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  observeUsage?(usage: ApiUsage): unknown;
}

/** Makes (or hands out a shared) limiter for one service name (`salesforce`, `twitter`). */
export type LimiterFactory = (service: string, limits: LimitsConfig) => CallLimiter;

/**
 * `createSync({ limiter })`: a {@link CallLimiter} (used for the CRM's service; the source keeps the
 * default) or a {@link LimiterFactory} asked once per service name (the CRM's and the source's).
 */
export type LimiterOption = CallLimiter | LimiterFactory;

/** The service limiters of one sync: one per service name, made on first use. */
export interface LimiterPool {
  get(service: string): CallLimiter;
  /** Stops the limiters the pool made itself; limiters from outside are their owner's to stop. */
  stop(): Promise<void>;
}

/**
 * One limiter per service name. Default: an in-process limiter from `limits` that brakes from
 * `limits.slowAbove` and crawls from `limits.stopAbove` of a reported budget.
 */
export function limiterPool(limits: LimitsConfig, option: LimiterOption | undefined, crmService: string): LimiterPool {
  const made = new Map<string, CallLimiter>();
  const own: { stop(): Promise<void> }[] = [];
  const byDefault = (service: string): CallLimiter => {
    const limiter = createServiceLimiter({ ...limits, id: service, usagePolicy: { slowAt: limits.slowAbove, crawlAt: limits.stopAbove } });
    own.push(limiter);
    return limiter;
  };
  const make = (service: string): CallLimiter => {
    if (typeof option === 'function') return option(service, limits);
    if (option !== undefined && service === crmService) return option;
    return byDefault(service);
  };
  return {
    get(service) {
      let limiter = made.get(service);
      if (limiter === undefined) {
        limiter = make(service);
        made.set(service, limiter);
      }
      return limiter;
    },
    async stop() {
      await Promise.all(own.map((l) => l.stop()));
    },
  };
}
