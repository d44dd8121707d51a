import { describe, expect, it } from 'vitest';
import { AuthError, RateLimitError, TransientError } from '../../src/errors.js';
import { createCallContext, type CallContextOptions, type CallEvent, type RetryEvent } from '../../src/limits/call-context.js';
import { LimitsConfigSchema } from '../../src/limits/config.js';
import { createServiceLimiter } from '../../src/limits/limiter.js';
import { axiosError, systemError } from './fixtures.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

/** A context with a pass-through limiter, no jitter, and a sleep that records instead of waiting. */
function setup(overrides: Partial<CallContextOptions> = {}, limits: Record<string, unknown> = {}) {
  const delays: number[] = [];
  const calls: CallEvent[] = [];
  const retries: RetryEvent[] = [];
  const ctx = createCallContext({
    service: 'salesforce',
    limiter: { schedule: (fn) => fn() },
    limits: LimitsConfigSchema.parse({ jitter: false, ...limits }),
    sleep: async (ms) => {
      delays.push(ms);
    },
    now: () => NOW,
    onCall: (event) => calls.push(event),
    onRetry: (event) => retries.push(event),
    ...overrides,
  });
  return { ctx, delays, calls, retries };
}

/** A function failing with the given errors in turn, then returning `value`. */
function failing<T>(errors: unknown[], value: T): () => Promise<T> {
  let i = 0;
  return async () => {
    if (i < errors.length) throw errors[i++];
    return value;
  };
}

describe('createCallContext', () => {
  it('calls through once when all goes well', async () => {
    const { ctx, delays, calls } = setup();
    await expect(ctx.call('describe', async () => 42)).resolves.toBe(42);
    expect(ctx.calls).toBe(1);
    expect(delays).toEqual([]);
    expect(calls).toEqual([{ service: 'salesforce', operation: 'describe', attempt: 1, kind: 'read' }]);
  });

  it('retries a 503 after backoff, then succeeds (2 calls)', async () => {
    const { ctx, delays, retries } = setup();
    await expect(ctx.call('apply', failing([axiosError(503)], 'ok'))).resolves.toBe('ok');
    expect(ctx.calls).toBe(2);
    expect(delays).toEqual([200]);
    expect(retries).toEqual([{ service: 'salesforce', operation: 'apply', attempt: 1, delayMs: 200, reason: 'HTTP 503' }]);
  });

  it('backs off exponentially across retries', async () => {
    const { ctx, delays } = setup();
    const errors = [systemError('ECONNRESET'), axiosError(502), axiosError(504)];
    await ctx.call('apply', failing(errors, 'ok'));
    expect(ctx.calls).toBe(4);
    expect(delays).toEqual([200, 400, 800]);
  });

  it('honours Retry-After instead of backoff', async () => {
    const { ctx, delays } = setup();
    await ctx.call('lookup', failing([axiosError(429, {}, { 'retry-after': '7' })], 'ok'));
    expect(delays).toEqual([7000]);
    expect(ctx.calls).toBe(2);
  });

  it('caps a Retry-After at maxRetryAfterMs', async () => {
    const { ctx, delays } = setup({}, { maxRetryAfterMs: 60_000 });
    await ctx.call('lookup', failing([axiosError(429, {}, { 'retry-after': '3600' })], 'ok'));
    expect(delays).toEqual([60_000]);
  });

  it('never retries a validation error: one call, the same error rethrown', async () => {
    const { ctx, delays } = setup();
    const error = axiosError(400, [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]' }]);
    await expect(ctx.call('apply', failing([error], 'never'))).rejects.toBe(error);
    expect(ctx.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('rethrows a non-Error throw unchanged', async () => {
    const { ctx } = setup();
    const response = { status: 404, headers: new Headers() };
    await expect(ctx.call('lookup', failing([response], 'never'))).rejects.toBe(response);
    expect(ctx.calls).toBe(1);
  });

  it('gives up after limits.retries with a TransientError naming service, operation and attempts', async () => {
    const { ctx, delays } = setup({}, { retries: 3 });
    const last = axiosError(503);
    const errors = [axiosError(503), axiosError(503), axiosError(503), last, axiosError(503)];
    const error: unknown = await ctx.call('apply', failing(errors, 'never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).message).toBe('salesforce apply failed after 4 attempts: HTTP 503');
    expect((error as TransientError).cause).toBe(last);
    expect((error as TransientError).details).toEqual({ status: 503 });
    expect(ctx.calls).toBe(4);
    expect(delays).toHaveLength(3);
  });

  it('gives up on a rate limit with a RateLimitError carrying the last wait', async () => {
    const { ctx } = setup({}, { retries: 1 });
    const errors = [axiosError(429, {}, { 'retry-after': '5' }), axiosError(429, {}, { 'retry-after': '9' })];
    const error: unknown = await ctx.call('lookup', failing(errors, 'never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(9000);
    expect(ctx.calls).toBe(2);
  });

  it('with retries 0 makes exactly one attempt', async () => {
    const { ctx } = setup({}, { retries: 0 });
    await expect(ctx.call('apply', failing([axiosError(503)], 'ok'))).rejects.toBeInstanceOf(TransientError);
    expect(ctx.calls).toBe(1);
  });
});

describe('createCallContext: sessions', () => {
  it('refreshes an expired session once, then succeeds', async () => {
    let refreshes = 0;
    const { ctx, delays } = setup({
      refreshSession: async () => {
        refreshes += 1;
      },
    });
    await expect(ctx.call('lookup', failing([axiosError(401)], 'ok'))).resolves.toBe('ok');
    expect(refreshes).toBe(1);
    expect(ctx.calls).toBe(2);
    expect(delays).toEqual([]);
  });

  it('throws an AuthError when the session is rejected again after the refresh', async () => {
    let refreshes = 0;
    const { ctx } = setup({
      refreshSession: async () => {
        refreshes += 1;
      },
    });
    const error: unknown = await ctx.call('lookup', failing([axiosError(401), axiosError(401)], 'never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(/salesforce lookup: session rejected again after a refresh/);
    expect(refreshes).toBe(1);
    expect(ctx.calls).toBe(2);
  });

  it('throws an AuthError without a refresher', async () => {
    const { ctx } = setup();
    const expired = axiosError(401, { error: 'invalid_grant' });
    const error: unknown = await ctx.call('apply', failing([expired], 'never')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).cause).toBe(expired);
    expect(ctx.calls).toBe(1);
  });

  it('turns a refresh that fails on credentials into an AuthError, on the network into a TransientError', async () => {
    const denied = setup({ refreshSession: () => Promise.reject(axiosError(400, { error: 'invalid_client' })) });
    await expect(denied.ctx.call('apply', failing([axiosError(401)], 'never'))).rejects.toBeInstanceOf(AuthError);
    const offline = setup({ refreshSession: () => Promise.reject(systemError('ECONNRESET')) });
    await expect(offline.ctx.call('apply', failing([axiosError(401)], 'never'))).rejects.toBeInstanceOf(TransientError);
  });

  it('shares one refresh between calls failing together', async () => {
    let refreshes = 0;
    const { ctx } = setup({
      refreshSession: async () => {
        refreshes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      },
    });
    const results = await Promise.all([1, 2, 3].map((n) => ctx.call('lookup', failing([axiosError(401)], n))));
    expect(results).toEqual([1, 2, 3]);
    expect(refreshes).toBe(1);
    expect(ctx.calls).toBe(6);
  });
});

describe('createCallContext: limiter and abort', () => {
  it('runs every attempt inside the limiter', async () => {
    let scheduled = 0;
    const { ctx } = setup({
      limiter: {
        schedule: (fn) => {
          scheduled += 1;
          return fn();
        },
      },
    });
    await ctx.call('apply', failing([axiosError(500), axiosError(500)], 'ok'));
    expect(scheduled).toBe(3);
    expect(ctx.calls).toBe(3);
  });

  it('keeps concurrency within a real limiter', async () => {
    const limiter = createServiceLimiter({ maxConcurrent: 2, minTimeMs: 0 });
    const { ctx } = setup({ limiter });
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        ctx.call('apply', async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(ctx.calls).toBe(8);
    await limiter.stop();
  });

  it('stops retrying once the signal is aborted', async () => {
    const controller = new AbortController();
    const { ctx } = setup({
      signal: controller.signal,
      sleep: async () => {
        controller.abort(new Error('shutting down'));
      },
    });
    await expect(ctx.call('apply', failing([axiosError(503), axiosError(503)], 'ok'))).rejects.toThrow('shutting down');
    expect(ctx.calls).toBe(1);
  });

  it('waits for real with the default sleep, and an abort cuts the wait short', async () => {
    const controller = new AbortController();
    const ctx = createCallContext({
      service: 'sugarcrm',
      limiter: { schedule: (fn) => fn() },
      limits: LimitsConfigSchema.parse({ jitter: false, minRetryDelayMs: 30 }),
      signal: controller.signal,
    });
    const t0 = performance.now();
    await ctx.call('apply', failing([axiosError(503)], 'ok'));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    const slow = createCallContext({
      service: 'sugarcrm',
      limiter: { schedule: (fn) => fn() },
      limits: LimitsConfigSchema.parse({ jitter: false, minRetryDelayMs: 60_000, maxRetryDelayMs: 60_000 }),
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(slow.call('apply', failing([axiosError(503)], 'ok'))).rejects.toThrow('stop');
  });
});
