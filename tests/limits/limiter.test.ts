import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { createServiceLimiter } from '../../src/limits/limiter.js';

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `n` jobs that each take `ms`; returns the most that ran at once and each job's start time. */
async function run(limiter: ReturnType<typeof createServiceLimiter>, n: number, ms: number) {
  let running = 0;
  let peak = 0;
  const starts: number[] = [];
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      limiter.schedule(async () => {
        starts.push(performance.now());
        running += 1;
        peak = Math.max(peak, running);
        await pause(ms);
        running -= 1;
        return i;
      }),
    ),
  );
  return { peak, starts, results };
}

/** Time from the first start to the last (robust to timer jitter on a busy machine, unlike single gaps). */
const span = (starts: number[]): number => Math.max(...starts) - Math.min(...starts);

describe('createServiceLimiter', () => {
  it('never runs more than maxConcurrent jobs at once, and runs them all', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 3, minTimeMs: 0 });
    const { peak, results } = await run(limiter, 12, 10);
    expect(peak).toBe(3);
    expect(results).toEqual([...Array(12).keys()]);
    await limiter.stop();
  });

  it('serialises with maxConcurrent 1', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0 });
    expect((await run(limiter, 5, 5)).peak).toBe(1);
    await limiter.stop();
  });

  it('spaces job starts by minTimeMs', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 10, minTimeMs: 40 });
    const { starts } = await run(limiter, 4, 1);
    expect(span(starts)).toBeGreaterThanOrEqual(3 * 40 - 10);
    await limiter.stop();
  });

  it('holds jobs back when the reservoir is empty until it refreshes', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 10, minTimeMs: 0, reservoir: { amount: 2, refreshIntervalMs: 150 } });
    const t0 = performance.now();
    const { starts } = await run(limiter, 3, 1);
    const sorted = starts.map((t) => t - t0).sort((a, b) => a - b);
    expect(sorted[1]).toBeLessThan(100);
    expect(sorted[2]).toBeGreaterThanOrEqual(100);
    await limiter.stop();
  });

  it('passes results and rejections through unchanged', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 2, minTimeMs: 0 });
    const error = new Error('boom');
    await expect(limiter.schedule(() => Promise.reject(error))).rejects.toBe(error);
    await expect(limiter.schedule(() => Promise.resolve('ok'))).resolves.toBe('ok');
    await limiter.stop();
  });

  it('counts queued and executing jobs', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0 });
    const gates: (() => void)[] = [];
    const jobs = [1, 2, 3].map(() => limiter.schedule(() => new Promise<void>((resolve) => gates.push(resolve))));
    await pause(20);
    expect(limiter.counts()).toEqual({ queued: 2, scheduled: 0, executing: 1 });
    gates[0]?.();
    await pause(20);
    expect(limiter.counts()).toEqual({ queued: 1, scheduled: 0, executing: 1 });
    gates[1]?.();
    await pause(20);
    gates[2]?.();
    await Promise.all(jobs);
    expect(gates).toHaveLength(3);
    expect(limiter.counts()).toEqual({ queued: 0, scheduled: 0, executing: 0 });
    await limiter.stop();
  });

  it('stop() waits for running jobs, is idempotent, and refuses new jobs', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0 });
    let finished = false;
    const job = limiter.schedule(async () => {
      await pause(30);
      finished = true;
    });
    await pause(5);
    await Promise.all([limiter.stop(), limiter.stop()]);
    expect(finished).toBe(true);
    await job;
    await expect(limiter.schedule(() => Promise.resolve(1))).rejects.toThrow();
  });

  it('rejects impossible settings with a ConfigError', () => {
    expect(() => createServiceLimiter({ maxConcurrent: 0, minTimeMs: 0 })).toThrow(ConfigError);
    expect(() => createServiceLimiter({ maxConcurrent: 1, minTimeMs: -1 })).toThrow(ConfigError);
    expect(() => createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0, reservoir: { amount: 0, refreshIntervalMs: 10 } })).toThrow(
      /limits\.reservoir\.amount/,
    );
  });

  it('limiters are independent (no shared state)', async () => {
    const a = createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0 });
    const b = createServiceLimiter({ maxConcurrent: 1, minTimeMs: 0 });
    let running = 0;
    let peak = 0;
    const job = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await pause(20);
      running -= 1;
    };
    await Promise.all([a.schedule(job), b.schedule(job)]);
    expect(peak).toBe(2);
    await Promise.all([a.stop(), b.stop()]);
  });
});

describe('ServiceLimiter.observeUsage', () => {
  it('raises minTime at 80% and 95% of the limit and restores it below', () => {
    const limiter = createServiceLimiter({ maxConcurrent: 2, minTimeMs: 100 });
    expect(limiter.observeUsage({ used: 100, max: 5000 })).toBe('normal');
    expect(limiter.minTimeMs).toBe(100);
    expect(limiter.observeUsage({ used: 4100, max: 5000 })).toBe('slow');
    expect(limiter.minTimeMs).toBe(250);
    expect(limiter.observeUsage({ used: 4800, max: 5000 })).toBe('crawl');
    expect(limiter.minTimeMs).toBe(2000);
    expect(limiter.usageLevel).toBe('crawl');
    expect(limiter.observeUsage({ used: 10, max: 5000 })).toBe('normal');
    expect(limiter.minTimeMs).toBe(100);
    void limiter.stop();
  });

  it('really slows calls down', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 5, minTimeMs: 0, usagePolicy: { slowMinTimeMs: 60 } });
    const fast = await run(limiter, 3, 1);
    expect(span(fast.starts)).toBeLessThan(60);
    limiter.observeUsage({ used: 4500, max: 5000 });
    const slow = await run(limiter, 3, 1);
    expect(span(slow.starts)).toBeGreaterThanOrEqual(2 * 60 - 10);
    await limiter.stop();
  });
});
