import { describe, expect, it } from 'vitest';
import { LimitsConfigSchema } from '../../src/limits/config.js';

describe('LimitsConfigSchema', () => {
  it('parses {} to the defaults', () => {
    expect(LimitsConfigSchema.parse({})).toEqual({
      maxConcurrent: 4,
      minTimeMs: 0,
      retries: 5,
      minRetryDelayMs: 200,
      maxRetryDelayMs: 30_000,
      maxRetryAfterMs: 900_000,
      retryFactor: 2,
      jitter: true,
      slowAbove: 0.8,
      stopAbove: 0.95,
    });
  });

  it('keeps given values and a reservoir', () => {
    const config = LimitsConfigSchema.parse({ maxConcurrent: 1, reservoir: { amount: 100, refreshIntervalMs: 60_000 }, retries: 0 });
    expect(config).toMatchObject({ maxConcurrent: 1, retries: 0, reservoir: { amount: 100, refreshIntervalMs: 60_000 } });
  });

  it.each([
    [{ maxConcurrent: 0 }, 'maxConcurrent'],
    [{ minTimeMs: -1 }, 'minTimeMs'],
    [{ retries: 1.5 }, 'retries'],
    [{ reservoir: { amount: 10 } }, 'reservoir.refreshIntervalMs'],
    [{ minRetryDelayMs: 5_000, maxRetryDelayMs: 1_000 }, 'minRetryDelayMs'],
    [{ maxConcurent: 3 }, ''],
    [{ stopAbove: 1.5 }, 'stopAbove'],
    [{ slowAbove: 0 }, 'slowAbove'],
    [{ slowAbove: 0.9, stopAbove: 0.85 }, 'slowAbove'],
  ])('rejects %j', (input, path) => {
    const result = LimitsConfigSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path.join('.')).toBe(path);
  });
});
