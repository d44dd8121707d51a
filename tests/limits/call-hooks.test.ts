import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RemoteServiceHooks, VendorErrorClassification } from '../../src/calls/types.js';
import { AuthError, BudgetExhaustedError, TransientError } from '../../src/errors.js';
import { createCallContext, type CallContextOptions, type RetryEvent } from '../../src/limits/call-context.js';
import { LimitsConfigSchema } from '../../src/limits/config.js';
import { axiosError } from './fixtures.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

/** A vendor error: the core's generic rules know none of these codes. */
const vendorError = (code: string): Error => Object.assign(new Error(`${code}: vendor says no`), { vendorCode: code });

/** A fake vendor classifier, as an adapter's `classifyError` hook would be. */
function fakeVendor(error: unknown): VendorErrorClassification | undefined {
  const code = (error as { vendorCode?: unknown }).vendorCode;
  switch (code) {
    case 'ROW_LOCK':
      return { retryable: true, reason: 'vendor ROW_LOCK', remoteCode: code };
    case 'SLOW_DOWN':
      return { retryable: true, rateLimited: true, reason: 'vendor SLOW_DOWN', retryAfterMs: 1234 };
    case 'SESSION_GONE':
      return { retryable: false, refreshSession: true, reason: 'vendor SESSION_GONE' };
    case 'BAD_LOGIN':
      return { retryable: false, authFailed: true, reason: 'vendor BAD_LOGIN' };
    case 'CAPPED':
      return { retryable: false, exhausted: true, reason: 'vendor usage cap', remoteCode: code };
    default:
      return undefined;
  }
}

function setup(hooks: RemoteServiceHooks, overrides: Partial<CallContextOptions> = {}, limits: Record<string, unknown> = {}) {
  const delays: number[] = [];
  const retries: RetryEvent[] = [];
  const ctx = createCallContext({
    service: 'vendor',
    limiter: { schedule: (fn) => fn() },
    limits: LimitsConfigSchema.parse({ jitter: false, ...limits }),
    hooks,
    sleep: async (ms) => {
      delays.push(ms);
    },
    now: () => NOW,
    onRetry: (e) => retries.push(e),
    ...overrides,
  });
  return { ctx, delays, retries };
}

function failing<T>(errors: unknown[], value: T): () => Promise<T> {
  let i = 0;
  return async () => {
    if (i < errors.length) throw errors[i++];
    return value;
  };
}

describe('call context: the vendor hook decides vendor codes', () => {
  it('retries what the hook calls retryable (with backoff), which the core alone would rethrow', async () => {
    const { ctx, delays } = setup({ classifyError: fakeVendor });
    await expect(ctx.call('apply', failing([vendorError('ROW_LOCK'), vendorError('ROW_LOCK')], 'ok'), { kind: 'write' })).resolves.toBe('ok');
    expect(delays).toEqual([200, 400]);
    const bare = setup({});
    const error = vendorError('ROW_LOCK');
    await expect(bare.ctx.call('apply', failing([error], 'ok'))).rejects.toBe(error);
  });

  it('waits what a rate-limited verdict asks instead of backoff', async () => {
    const { ctx, delays } = setup({ classifyError: fakeVendor });
    await ctx.call('lookup', failing([vendorError('SLOW_DOWN')], 'ok'));
    expect(delays).toEqual([1234]);
  });

  it('stops with an AuthError on authFailed: one attempt, no wait', async () => {
    const { ctx, delays } = setup({ classifyError: fakeVendor });
    const error: unknown = await ctx.call('lookup', failing([vendorError('BAD_LOGIN')], 'ok')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toContain('vendor BAD_LOGIN');
    expect(ctx.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('stops with a BudgetExhaustedError on exhausted, without waiting', async () => {
    const { ctx, delays } = setup({ classifyError: fakeVendor });
    const error: unknown = await ctx.call('pull', failing([vendorError('CAPPED')], 'ok')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect(error).toMatchObject({ code: 'BUDGET_EXHAUSTED', service: 'vendor' });
    expect((error as Error).message).toMatch(/rerun resumes/);
    expect(ctx.calls).toBe(1);
    expect(delays).toEqual([]);
  });

  it('keeps the generic rules for what the hook does not know', async () => {
    const { ctx, delays } = setup({ classifyError: fakeVendor });
    await ctx.call('apply', failing([axiosError(503)], 'ok'));
    expect(delays).toEqual([200]);
  });

  it('rethrows unchanged what nobody retries: a thrown Response-like object, an axios 400, a TypeError bug', async () => {
    const { ctx } = setup({ classifyError: fakeVendor });
    for (const thrown of [{ status: 400, headers: new Headers() }, axiosError(400, { error: 'bad' }), new TypeError('x is undefined')]) {
      await expect(ctx.call('apply', failing([thrown], 'never'))).rejects.toBe(thrown);
    }
  });

  it('retries a thrown Response-like 503 (p-retry alone would turn it into a TypeError and give up)', async () => {
    const { ctx, delays } = setup({});
    await expect(ctx.call('lookup', failing([{ status: 503, headers: new Headers({ 'retry-after': '2' }) }], 'ok'))).resolves.toBe('ok');
    expect(delays).toEqual([2000]);
  });
});

describe('call context: refreshSession through the hooks', () => {
  it('refreshes on the hook\'s refreshSession verdict and replays once; a second expiry is an AuthError', async () => {
    let refreshes = 0;
    const hooks = { classifyError: fakeVendor, refreshSession: async () => void (refreshes += 1) };
    const { ctx } = setup(hooks);
    await expect(ctx.call('lookup', failing([vendorError('SESSION_GONE')], 'ok'))).resolves.toBe('ok');
    expect(refreshes).toBe(1);
    const again = setup(hooks);
    const error: unknown = await again.ctx.call('lookup', failing([vendorError('SESSION_GONE'), vendorError('SESSION_GONE')], 'x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect(refreshes).toBe(2);
    expect(again.ctx.calls).toBe(2);
  });

  it('replays a refresh even with retries: 0 (the refresh is not a retry)', async () => {
    let refreshes = 0;
    const { ctx } = setup({ classifyError: fakeVendor, refreshSession: async () => void (refreshes += 1) }, {}, { retries: 0 });
    await expect(ctx.call('lookup', failing([vendorError('SESSION_GONE')], 'ok'))).resolves.toBe('ok');
    expect(refreshes).toBe(1);
  });

  it('single flight: calls failing together share one refresh, and each is replayed once', async () => {
    let refreshes = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hooks = {
      classifyError: fakeVendor,
      refreshSession: async () => {
        refreshes += 1;
        await gate;
      },
    };
    const { ctx } = setup(hooks);
    let session = 1;
    const attempts: number[] = [];
    const fn = (n: number) => async () => {
      const seen = session;
      attempts.push(n);
      await new Promise((resolve) => setTimeout(resolve, n * 5)); // they fail one after another, not at once
      if (seen === 1) throw vendorError('SESSION_GONE');
      return n;
    };
    const all = Promise.all([1, 2, 3].map((n) => ctx.call('lookup', fn(n))));
    await new Promise((resolve) => setTimeout(resolve, 40));
    session = 2;
    release();
    await expect(all).resolves.toEqual([1, 2, 3]);
    expect(refreshes).toBe(1);
    expect(attempts.sort()).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it('a call whose attempt started before a finished refresh replays without another refresh', async () => {
    let refreshes = 0;
    let session = 1;
    const { ctx } = setup({ classifyError: fakeVendor, refreshSession: async () => void ((refreshes += 1), (session += 1)) });
    let slowStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    let finishSlow: () => void = () => undefined;
    const slowGate = new Promise<void>((resolve) => (finishSlow = resolve));
    const slow = ctx.call('apply', async () => {
      const seen = session;
      slowStarted();
      await slowGate;
      if (seen === 1) throw vendorError('SESSION_GONE'); // sent with the old session
      return 'slow';
    });
    await started;
    const fast = ctx.call('lookup', async () => {
      if (session === 1) throw vendorError('SESSION_GONE');
      return 'fast';
    });
    await expect(fast).resolves.toBe('fast');
    finishSlow();
    await expect(slow).resolves.toBe('slow');
    expect(refreshes).toBe(1);
  });
});

describe('call context: counting and usage', () => {
  it('counts reads and writes, every attempt', async () => {
    const { ctx } = setup({});
    await ctx.call('lookup', async () => 1);
    await ctx.call('apply', failing([axiosError(503)], 2), { kind: 'write' });
    expect(ctx.calls).toBe(3);
    expect(ctx.writes).toBe(2);
  });

  it('feeds reportUsage to the limiter\'s braking and to the run, ignoring unreadable figures', async () => {
    const observed: unknown[] = [];
    const usages: unknown[] = [];
    const { ctx } = setup({}, { limiter: { schedule: (fn) => fn(), observeUsage: (u) => observed.push(u) }, onUsage: (service, u) => usages.push([service, u]) });
    ctx.reportUsage({ used: 90, limit: 100, name: 'api-usage' });
    ctx.reportUsage({ used: 5, limit: 0 });
    ctx.reportUsage({ used: Number.NaN, limit: 10 });
    expect(observed).toEqual([{ used: 90, max: 100 }]);
    expect(usages).toEqual([['vendor', { used: 90, limit: 100, name: 'api-usage' }]]);
  });
});

describe('call context: abort ends any wait at once', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a reset header an hour away: the wait starts, the abort ends it without the clock moving', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const controller = new AbortController();
    const retries: RetryEvent[] = [];
    const ctx = createCallContext({
      service: 'twitter',
      limiter: { schedule: (fn) => fn() },
      limits: LimitsConfigSchema.parse({ maxRetryAfterMs: 7_200_000 }),
      signal: controller.signal,
      now: () => NOW,
      onRetry: (e) => retries.push(e),
    });
    const reset = String(NOW / 1000 + 3600);
    const call = ctx.call('pull', failing([{ status: 429, headers: new Headers({ 'x-rate-limit-reset': reset }) }], 'ok'));
    const outcome = call.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await vi.waitFor(() => expect(retries).toHaveLength(1));
    expect(retries[0]?.delayMs).toBe(3_600_000);
    expect(vi.getTimerCount()).toBe(1); // the hour's timer is pending
    controller.abort(new Error('SIGTERM'));
    const settled = await outcome; // no timer was advanced: only the abort can have ended the wait
    expect(settled).toBeInstanceOf(Error);
    expect((settled as Error).message).toBe('SIGTERM');
    expect(vi.getTimerCount()).toBe(0); // and it left no timer behind
    expect(ctx.calls).toBe(1);
  });

  it('an already aborted signal makes no attempt', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    const { ctx } = setup({}, { signal: controller.signal });
    await expect(ctx.call('lookup', async () => 1)).rejects.toThrow('stopped');
    expect(ctx.calls).toBe(0);
  });

  it('gives up after the retries with a TransientError whose cause is the vendor error', async () => {
    const { ctx } = setup({ classifyError: fakeVendor }, {}, { retries: 1 });
    const last = vendorError('ROW_LOCK');
    const error: unknown = await ctx.call('apply', failing([vendorError('ROW_LOCK'), last], 'x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).message).toBe('vendor apply failed after 2 attempts: vendor ROW_LOCK');
    expect((error as TransientError).cause).toBe(last);
  });
});
