import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RETRY_AFTER_MS, retryDelayMs } from '../../src/limits/backoff.js';

const plain = { minDelayMs: 200, maxDelayMs: 5_000, factor: 2, jitter: false };

describe('retryDelayMs', () => {
  it('grows exponentially from minDelayMs and stops at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 30].map((a) => retryDelayMs(a, {}, plain))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000, 5000]);
  });

  it('treats attempts below 1 (and NaN) as the first', () => {
    expect(retryDelayMs(0, {}, plain)).toBe(200);
    expect(retryDelayMs(Number.NaN, {}, plain)).toBe(200);
  });

  it('with jitter draws between half and all of the computed wait', () => {
    const jittered = { ...plain, jitter: true };
    expect(retryDelayMs(3, {}, jittered, () => 0)).toBe(400);
    expect(retryDelayMs(3, {}, jittered, () => 1)).toBe(800);
    expect(retryDelayMs(3, {}, jittered, () => 0.5)).toBe(600);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const full = retryDelayMs(attempt, {}, plain);
        const delay = retryDelayMs(attempt, {}, jittered, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2));
        expect(delay).toBeLessThanOrEqual(full);
      }),
    );
  });

  it('lets a header-given wait beat backoff, even a short one', () => {
    expect(retryDelayMs(5, { retryAfterMs: 7_000 }, plain)).toBe(7_000);
    expect(retryDelayMs(5, { retryAfterMs: 50 }, plain)).toBe(50);
    expect(retryDelayMs(1, { retryAfterMs: 0 }, plain)).toBe(0);
  });

  it('caps a header-given wait at maxRetryAfterMs (default 15 minutes)', () => {
    expect(retryDelayMs(1, { retryAfterMs: 3_600_000 }, plain)).toBe(DEFAULT_MAX_RETRY_AFTER_MS);
    expect(DEFAULT_MAX_RETRY_AFTER_MS).toBe(900_000);
    expect(retryDelayMs(1, { retryAfterMs: 3_600_000 }, { ...plain, maxRetryAfterMs: 60_000 })).toBe(60_000);
  });
});
