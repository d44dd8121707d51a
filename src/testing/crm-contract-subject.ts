/**
 * What each CRM contract check gets: the adapter, its capabilities, and `lookup` / `apply` / `seed`
 * made through the suite's own call context, which counts the calls that really ran. A check is a
 * plain async function that throws (a vitest assertion) on a breach, so a suite can be proven to fail.
 */
import { expect } from 'vitest';
import type { ApplyResult, CrmAdapter, CrmCallContext, CrmCapabilities, LookupRequest, LookupResult, WritePlan } from '../adapters/types.js';
import { countingCallContext, type CountingCallContext } from './call-counter.js';

/** What a contract factory hands over: the adapter and how to dispose of it. */
export interface CrmAdapterUnderTest {
  readonly adapter: CrmAdapter;
  /** Runs after each test; without it the suite calls `adapter.close()`. */
  readonly cleanup?: () => Promise<void>;
}

/** Builds a fresh adapter for each test. */
export type CrmAdapterFactory = () => Promise<CrmAdapterUnderTest> | CrmAdapterUnderTest;

/** Puts records into the CRM before a check. Default: the adapter's own `apply`, every item must succeed. */
export type CrmContractSeeder = (plan: WritePlan, adapter: CrmAdapter, ctx: CrmCallContext) => Promise<ApplyResult>;

/** How the suite reaches an adapter: {@link describeCrmAdapterContract}'s options. */
export interface CrmAdapterContractOptions {
  /** Shown in the suite's title. */
  readonly name: string;
  /** A fresh adapter per test. */
  readonly create: CrmAdapterFactory;
  /** How records a check needs are put into the CRM (default: through the adapter's `apply`). */
  readonly seed?: CrmContractSeeder;
  /**
   * Ids the CRM certainly does not hold, for the "unknown id" checks (default: a Case's or Contact's
   * real id with `404` appended). Give well-formed ids if your CRM rejects a malformed one for the whole call.
   */
  readonly unknownIds?: { readonly case?: string; readonly contact?: string };
}

/** The adapter as a check sees it. */
export interface CrmContractSubject {
  readonly adapter: CrmAdapter;
  readonly caps: CrmCapabilities;
  readonly options: CrmAdapterContractOptions;
  /** The suite's context: counts every call whose function really ran. */
  readonly ctx: CountingCallContext;
  /**
   * `lookup` through the suite's context; fails the check unless it made at least one call through it.
   * An empty request ({@link isEmptyLookupRequest}: nothing to ask) may be answered without a call.
   */
  lookup(request: Partial<LookupRequest>): Promise<LookupResult>;
  /** `apply` through the suite's context; fails unless it made a call and returned one result per item, in plan order. */
  apply(plan: Partial<WritePlan>): Promise<ApplyResult>;
  /** Puts records into the CRM (the options' `seed`, else `apply`): every item must succeed. */
  seed(plan: Partial<WritePlan>): Promise<ApplyResult>;
}

/** One check of the contract. */
export interface CrmContractCheck {
  readonly name: string;
  run(subject: CrmContractSubject): Promise<void>;
}

const SECTIONS = ['contacts', 'cases', 'reopens', 'comments'] as const;

/** A plan with the given parts (the rest empty). */
export function fullPlan(parts: Partial<WritePlan>): WritePlan {
  return { contacts: [], cases: [], reopens: [], comments: [], ...parts };
}

/** A request with the given parts (the rest empty). */
export function fullRequest(parts: Partial<LookupRequest>): LookupRequest {
  return { identities: [], contactIds: [], threadKeys: [], externalPostIds: [], ...parts };
}

/**
 * Whether a request asks for nothing: no identities, Contact ids, thread keys, post ids or mentioned
 * handles (`openCasesOfMatchedContacts` alone matches no Contact, so it asks nothing either). An adapter
 * may answer it with empty lists and no round trip.
 */
export function isEmptyLookupRequest(request: LookupRequest): boolean {
  return (
    request.identities.length === 0 &&
    request.contactIds.length === 0 &&
    request.threadKeys.length === 0 &&
    request.externalPostIds.length === 0 &&
    (request.mentionedHandles ?? []).length === 0
  );
}

/** Fails unless `result` has one result per plan item, in plan order. */
export function expectResultsInPlanOrder(plan: WritePlan, result: ApplyResult): void {
  for (const section of SECTIONS) {
    const keys = plan[section].map((item) => item.key);
    expect(result[section]?.map((r) => r.key), `apply: one ${section} result per item, in plan order`).toEqual(keys);
  }
}

async function throughContext<T>(ctx: CountingCallContext, what: string, run: () => Promise<T>): Promise<T> {
  const before = ctx.calls;
  const value = await run();
  expect(ctx.calls - before, `${what} made no call through ctx.call (every round trip must go through it)`).toBeGreaterThan(0);
  return value;
}

/** Builds the subject of one check from a fresh adapter. */
export async function createSubject(adapter: CrmAdapter, options: CrmAdapterContractOptions): Promise<CrmContractSubject> {
  const ctx = countingCallContext();
  const caps = await adapter.describe(ctx);
  ctx.reset();
  const apply = async (parts: Partial<WritePlan>): Promise<ApplyResult> => {
    const plan = fullPlan(parts);
    const result = await throughContext(ctx, 'apply', () => adapter.apply(plan, ctx));
    expectResultsInPlanOrder(plan, result);
    return result;
  };
  return {
    adapter,
    caps,
    options,
    ctx,
    apply,
    lookup(parts) {
      const request = fullRequest(parts);
      const run = () => adapter.lookup(request, ctx);
      return isEmptyLookupRequest(request) ? run() : throughContext(ctx, 'lookup', run);
    },
    async seed(parts) {
      const plan = fullPlan(parts);
      const result = options.seed ? await options.seed(plan, adapter, ctx) : await apply(plan);
      expectResultsInPlanOrder(plan, result);
      for (const section of SECTIONS) {
        for (const item of result[section]) expect(item, `seeding ${section}`).toMatchObject({ ok: true, id: expect.any(String) });
      }
      return result;
    },
  };
}

/** Runs one check on a fresh adapter from `options.create`, then disposes of it. Rejects when the check fails. */
export async function runCrmAdapterContractCheck(check: CrmContractCheck, options: CrmAdapterContractOptions): Promise<void> {
  const underTest = await options.create();
  try {
    await check.run(await createSubject(underTest.adapter, options));
  } finally {
    if (underTest.cleanup) await underTest.cleanup();
    else await underTest.adapter.close?.();
  }
}
