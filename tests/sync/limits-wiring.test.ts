import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import type { CrmAdapter } from '../../src/adapters/types.js';
import type { VendorErrorClassification } from '../../src/calls/types.js';
import { AuthError, BudgetExhaustedError } from '../../src/errors.js';
import { createServiceLimiter } from '../../src/limits/limiter.js';
import { SyncReportSchema } from '../../src/model/report.js';
import { arraySource } from '../../src/sources/array-source.js';
import type { SocialSource } from '../../src/sources/types.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { BRAND, conversation } from './fixtures.js';

const HOUR = 3_600_000;

/** The local CRM whose `lookup` first fails the way a remote one would, through `ctx.call`. */
function flakyCrm(failures: unknown[], extra: Partial<CrmAdapter> = {}): CrmAdapter & { snapshot: ReturnType<typeof localCrmAdapter>['snapshot'] } {
  const real = localCrmAdapter();
  let left = [...failures];
  return {
    ...real,
    snapshot: () => real.snapshot(),
    describe: (ctx) => real.describe(ctx),
    apply: (plan, ctx) => real.apply(plan, ctx),
    lookup: (request, ctx) =>
      ctx.call('lookup', async () => {
        const next = left[0];
        if (next !== undefined) {
          left = left.slice(1);
          throw typeof next === 'function' ? (next as () => unknown)() : next;
        }
        return real.lookup(request, { call: (_op, fn) => fn(), reportUsage: () => undefined });
      }),
    ...extra,
  };
}

const rateLimitedAnHour = () => ({ status: 429, headers: new Headers({ 'x-rate-limit-reset': String(Math.ceil((Date.now() + HOUR) / 1000)) }) });

describe('the run\'s signal reaches every call context', () => {
  it('Ctrl-C during a reset wait an hour away ends the run at once: stoppedEarly, nothing committed, a rerun syncs all', async () => {
    const controller = new AbortController();
    const crm = flakyCrm([() => {
      setTimeout(() => controller.abort(), 30); // the signal arrives while the run waits out the reset
      return rateLimitedAnHour();
    }]);
    const state = memoryStateStore();
    const sync = createSync({ source: arraySource(conversation()), crm, state, brand: BRAND, limits: { maxRetryAfterMs: 2 * HOUR } });
    const t0 = Date.now();
    const report = await sync.run({ signal: controller.signal });
    expect(Date.now() - t0).toBeLessThan(HOUR / 10); // hangs (test timeout) if the wait were not cut short
    expect(SyncReportSchema.parse(report)).toMatchObject({ stoppedEarly: true, batches: 0, postsRead: 0, casesCreated: 0, checkpoint: null, crmCalls: 2 });
    expect(await state.getCheckpoint('array')).toBeNull();
    expect(crm.snapshot().cases).toHaveLength(0);
    const rerun = await sync.run();
    expect(rerun).toMatchObject({ stoppedEarly: false, batches: 1, casesCreated: 5 });
    await sync.close();
  });
});

describe('the CRM adapter\'s hooks', () => {
  const vendor = (error: unknown): VendorErrorClassification | undefined => {
    const code = (error as { vendorCode?: string }).vendorCode;
    if (code === 'LOCKED') return { retryable: true, reason: 'vendor LOCKED', retryAfterMs: 1 };
    if (code === 'EXPIRED') return { retryable: false, refreshSession: true, reason: 'vendor EXPIRED' };
    if (code === 'DENIED') return { retryable: false, authFailed: true, reason: 'vendor DENIED' };
    return undefined;
  };
  const vendorError = (code: string) => Object.assign(new Error(code), { vendorCode: code });

  it('classifyError makes a vendor code retryable and refreshSession renews the session, counted as calls', async () => {
    let refreshes = 0;
    const crm = flakyCrm([vendorError('LOCKED'), vendorError('EXPIRED')], { classifyError: vendor, refreshSession: async () => void (refreshes += 1) });
    const sync = createSync({ source: arraySource(conversation()), crm, brand: BRAND });
    const report = await sync.run();
    expect(report).toMatchObject({ casesCreated: 5, crmCalls: 5, crmWrites: 0 }); // describe, 3 lookups, apply (local apply makes no ctx.call)
    expect(refreshes).toBe(1);
    await sync.close();
  });

  it('authFailed ends the run with an AuthError (the job exits 2), nothing committed', async () => {
    const crm = flakyCrm([vendorError('DENIED')], { classifyError: vendor });
    const state = memoryStateStore();
    const sync = createSync({ source: arraySource(conversation()), crm, state, brand: BRAND });
    await expect(sync.run()).rejects.toBeInstanceOf(AuthError);
    expect(await state.getCheckpoint('array')).toBeNull();
    await sync.close();
  });
});

/** A source that reads through its call context: fails retryably first, reports usage. */
function remoteSource(pages: unknown[][], behaviour: { failFirst?: unknown; usage?: { used: number; limit: number }; classify?: SocialSource['classifyError'] } = {}): SocialSource & { pulls: number } {
  const inner = arraySource(pages.flat(), 'remote');
  let failed = false;
  const source: SocialSource & { pulls: number } = {
    id: 'acme-x:mentions',
    pulls: 0,
    async pull(cursor, options) {
      const ctx = options.ctx;
      if (ctx === undefined) throw new Error('the engine passed no ctx');
      return ctx.call('GET /mentions', async () => {
        source.pulls += 1;
        if (!failed && behaviour.failFirst !== undefined) {
          failed = true;
          throw behaviour.failFirst;
        }
        if (behaviour.usage !== undefined) ctx.reportUsage({ ...behaviour.usage, name: 'mentions' });
        return inner.pull(cursor, { limit: Math.min(options.limit, 4) });
      });
    },
    ...(behaviour.classify === undefined ? {} : { classifyError: behaviour.classify }),
  };
  return source;
}

describe('sources get a call context', () => {
  it('the source\'s reads are retried and counted as sourceCalls, under its own service limiter', async () => {
    const services: string[] = [];
    const source = remoteSource([conversation()], { failFirst: { status: 503, headers: new Headers() } });
    const sync = createSync({
      source,
      crm: localCrmAdapter(),
      brand: BRAND,
      limits: { minRetryDelayMs: 1, maxRetryDelayMs: 1 },
      limiter: (service, limits) => {
        services.push(service);
        return createServiceLimiter(limits);
      },
    });
    const report = await sync.run();
    expect(report).toMatchObject({ postsRead: 10, casesCreated: 5, sourceCalls: 4 }); // 1 failed + 3 pages (4, 4, 2)
    expect(source.pulls).toBe(4);
    expect(services.sort()).toEqual(['acme-x', 'local']);
    await sync.close();
  });

  it('the source\'s classifyError hook is honoured: its "usage capped" stops the run without waiting', async () => {
    const capped = Object.assign(new Error('usage-capped'), { title: 'UsageCapExceeded' });
    const source = remoteSource([conversation()], {
      failFirst: capped,
      classify: (e) => (e === capped ? { retryable: false, exhausted: true, reason: 'X usage-capped' } : undefined),
    });
    const sync = createSync({ source, crm: localCrmAdapter(), brand: BRAND });
    const error: unknown = await sync.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect((error as BudgetExhaustedError).service).toBe('acme-x');
    expect((error as BudgetExhaustedError).report).toMatchObject({ batches: 0, sourceCalls: 1, stoppedEarly: true });
    await sync.close();
  });
});

describe('usage budgets', () => {
  it('above limits.stopAbove no new batch starts: BUDGET_EXHAUSTED naming service and figures, the report so far attached', async () => {
    const source = remoteSource([conversation()], { usage: { used: 96, limit: 100 } });
    const state = memoryStateStore();
    const sync = createSync({ source, crm: localCrmAdapter(), state, brand: BRAND });
    const error: unknown = await sync.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    const budget = error as BudgetExhaustedError;
    expect(budget.code).toBe('BUDGET_EXHAUSTED');
    expect(budget.message).toBe('acme-x budget (mentions) at 96/100 (96.0%), above limits.stopAbove 0.95: no new batch started; a rerun resumes from the last checkpoint');
    expect(SyncReportSchema.parse(budget.report)).toMatchObject({ batches: 1, postsRead: 4, sourceCalls: 1, usage: { 'acme-x': { used: 96, limit: 100, share: 0.96, name: 'mentions' } } });
    expect(await state.getCheckpoint('acme-x:mentions')).toBe('4'); // the committed batch stays; a rerun resumes there
    await sync.close();
  });

  it('below stopAbove the run goes on, the limiter brakes from slowAbove, and the report carries the last usage', async () => {
    const levels: string[] = [];
    const crmLimiter = createServiceLimiter({ maxConcurrent: 4, minTimeMs: 0, usagePolicy: { slowAt: 0.5, crawlAt: 0.99 } });
    const crm = flakyCrm([]);
    const reporting: CrmAdapter = { ...crm, lookup: async (request, ctx) => {
      const result = await crm.lookup(request, ctx);
      ctx.reportUsage({ used: 60, limit: 100, name: 'api-usage' });
      levels.push(crmLimiter.usageLevel);
      return result;
    } };
    const sync = createSync({ source: arraySource(conversation()), crm: reporting, brand: BRAND, limiter: crmLimiter, limits: { stopAbove: 0.9 } });
    const report = await sync.run();
    expect(report).toMatchObject({ casesCreated: 5, stoppedEarly: false, usage: { local: { used: 60, limit: 100, share: 0.6, name: 'api-usage' } }, sourceCalls: 0 });
    expect(levels).toEqual(['slow']);
    await sync.close();
    await crmLimiter.stop(); // given from outside: the sync did not stop it
  });
});
