import Bottleneck from 'bottleneck';
import { ConfigError } from '../errors.js';
import { DEFAULT_USAGE_POLICY, minTimeFor, usageLevel, type ApiUsage, type UsageLevel, type UsagePolicy } from './usage.js';

/** Settings of one service's limiter (a {@link LimitsConfig} fits as is). */
export interface LimiterOptions {
  /** Calls in flight at once. */
  readonly maxConcurrent: number;
  /** Least ms between the starts of two calls. */
  readonly minTimeMs: number;
  /** Optional quota: at most `amount` calls per `refreshIntervalMs`. */
  readonly reservoir?: { readonly amount: number; readonly refreshIntervalMs: number } | undefined;
  /** When to brake on API usage reports (see {@link ServiceLimiter.observeUsage}). */
  readonly usagePolicy?: Partial<UsagePolicy> | undefined;
  /** Name for debugging, e.g. `salesforce`. */
  readonly id?: string | undefined;
}

/** Jobs waiting and running in a limiter. */
export interface LimiterCounts {
  /** Jobs waiting for a slot. */
  readonly queued: number;
  /** Jobs given a slot, waiting out `minTime` before they start. */
  readonly scheduled: number;
  /** Jobs executing now. */
  readonly executing: number;
}

/** A per-service limiter: concurrency, spacing, an optional quota, and braking on usage reports. */
export interface ServiceLimiter {
  /** Runs `fn` when the limits allow; resolves or rejects with its outcome. */
  schedule<T>(fn: () => Promise<T>): Promise<T>;
  /** Refuses new jobs and resolves when the queued and running ones have finished. Idempotent. */
  stop(): Promise<void>;
  /** Jobs waiting and running now. */
  counts(): LimiterCounts;
  /**
   * Feeds the remote's usage report (e.g. {@link parseSforceLimitInfo}). From `slowAt` (80%) of the
   * limit the limiter spaces calls at least `slowMinTimeMs` (250 ms) and twice the configured
   * `minTimeMs` apart; from `crawlAt` (95%) at least `crawlMinTimeMs` (2 s) and 8× apart, which keeps
   * the sync going but leaves what is left of the limit mostly to other users of the org. Below
   * `slowAt` the configured spacing comes back. Returns the level now in force.
   */
  observeUsage(usage: ApiUsage): UsageLevel;
  /** The spacing now in force, in ms. */
  readonly minTimeMs: number;
  /** The braking level now in force. */
  readonly usageLevel: UsageLevel;
}

function positiveInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`limits.${field} must be a positive integer`, { field: `limits.${field}` });
  return value;
}

/** Runs at most `max` jobs at once, without timers: the whole limiter when no spacing or quota applies. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private idle: (() => void)[] = [];

  constructor(private readonly max: number) {}

  get executing(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next !== undefined) next(); // the slot passes straight to the next job
      else {
        this.active -= 1;
        if (this.active === 0) for (const done of this.idle.splice(0)) done();
      }
    }
  }

  /** Resolves when nothing runs or waits. */
  drained(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }
}

/**
 * Creates a limiter for one remote service (no shared or module state: one limiter per service,
 * created by whoever runs the sync). Concurrency is a semaphore; spacing (`minTimeMs`, braking on
 * usage) and quotas (`reservoir`) go through the limiter's own Bottleneck instance, created when
 * first needed — without them a call waits for no timer at all.
 */
export function createServiceLimiter(options: LimiterOptions): ServiceLimiter {
  const maxConcurrent = positiveInt(options.maxConcurrent, 'maxConcurrent');
  if (!Number.isFinite(options.minTimeMs) || options.minTimeMs < 0) {
    throw new ConfigError('limits.minTimeMs must be a non-negative number', { field: 'limits.minTimeMs' });
  }
  const baseMinTime = options.minTimeMs;
  const policy: UsagePolicy = { ...DEFAULT_USAGE_POLICY, ...options.usagePolicy };
  const reservoir = options.reservoir;
  const reservoirSettings =
    reservoir === undefined
      ? {}
      : {
          reservoir: positiveInt(reservoir.amount, 'reservoir.amount'),
          reservoirRefreshAmount: reservoir.amount,
          reservoirRefreshInterval: positiveInt(reservoir.refreshIntervalMs, 'reservoir.refreshIntervalMs'),
        };
  const semaphore = new Semaphore(maxConcurrent);
  let level: UsageLevel = 'normal';
  let minTime = baseMinTime;
  let stopping: Promise<void> | undefined;
  let bottleneck: Bottleneck | undefined;
  const paced = (): Bottleneck =>
    (bottleneck ??= new Bottleneck({
      maxConcurrent,
      minTime,
      ...(options.id === undefined ? {} : { id: options.id }),
      ...reservoirSettings,
    }));

  return {
    schedule<T>(fn: () => Promise<T>): Promise<T> {
      if (stopping !== undefined) return Promise.reject(new Error(`limiter ${options.id ?? ''} is stopped`.replace('  ', ' ')));
      if (minTime === 0 && reservoir === undefined) return semaphore.run(fn);
      return paced().schedule(() => semaphore.run(fn));
    },
    stop(): Promise<void> {
      stopping ??= (async () => {
        if (bottleneck !== undefined) await bottleneck.stop({ dropWaitingJobs: false });
        await semaphore.drained();
      })();
      return stopping;
    },
    counts(): LimiterCounts {
      const c = bottleneck?.counts();
      return {
        queued: (c === undefined ? 0 : c.RECEIVED + c.QUEUED) + semaphore.queued,
        scheduled: c?.RUNNING ?? 0,
        executing: semaphore.executing,
      };
    },
    observeUsage(usage: ApiUsage): UsageLevel {
      const next = usageLevel(usage, policy);
      if (next !== level) {
        level = next;
        minTime = minTimeFor(next, baseMinTime, policy);
        bottleneck?.updateSettings({ minTime });
      }
      return level;
    },
    get minTimeMs(): number {
      return minTime;
    },
    get usageLevel(): UsageLevel {
      return level;
    },
  };
}
