import { z } from 'zod';

const ms = z.number().int().nonnegative();
const share = z.number().gt(0).max(1);

/** Reservoir: at most `amount` calls per `refreshIntervalMs` (e.g. a per-minute quota). */
export const ReservoirSchema = z.strictObject({
  amount: z.number().int().positive(),
  refreshIntervalMs: z.number().int().positive(),
});

/**
 * Limits of one remote service (the job config's `limits:` section). Every key has a default, so
 * `LimitsConfigSchema.parse({})` gives a working configuration. Unknown keys are rejected.
 */
export const LimitsConfigSchema = z
  .strictObject({
    /** Calls in flight at once. */
    maxConcurrent: z.number().int().positive().default(4),
    /** Least time between the starts of two calls. */
    minTimeMs: ms.default(0),
    /** Optional call quota per interval. */
    reservoir: ReservoirSchema.optional(),
    /** Retries of a retryable failure (attempts = retries + 1). */
    retries: z.number().int().nonnegative().default(5),
    /** Wait before the first retry. */
    minRetryDelayMs: ms.default(200),
    /** Longest computed backoff wait. */
    maxRetryDelayMs: ms.default(30_000),
    /** Longest wait a `Retry-After`/reset header may impose (15 minutes). */
    maxRetryAfterMs: ms.default(900_000),
    /** Backoff growth per attempt. */
    retryFactor: z.number().min(1).default(2),
    /** Randomise backoff waits (between half and all of the computed wait). */
    jitter: z.boolean().default(true),
    /** Share of a service's reported budget (`ctx.reportUsage`) from which calls are spaced out. */
    slowAbove: share.default(0.8),
    /** Share of a service's reported budget from which no new batch starts (`BUDGET_EXHAUSTED`; a rerun resumes). */
    stopAbove: share.default(0.95),
  })
  .refine((c) => c.slowAbove <= c.stopAbove, {
    message: 'slowAbove must not exceed stopAbove',
    path: ['slowAbove'],
  })
  .refine((c) => c.minRetryDelayMs <= c.maxRetryDelayMs, {
    message: 'minRetryDelayMs must not exceed maxRetryDelayMs',
    path: ['minRetryDelayMs'],
  });

/** Limits of one remote service, defaults applied. */
export type LimitsConfig = z.output<typeof LimitsConfigSchema>;
/** Limits as a user writes them (every key optional). */
export type LimitsConfigInput = z.input<typeof LimitsConfigSchema>;
