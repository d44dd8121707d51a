import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import type { CrmAdapter } from '../../src/adapters/types.js';
import { crmAdapterContractChecks, runCrmAdapterContractCheck } from '../../src/testing/crm-adapter-contract.js';
import { createSubject, isEmptyLookupRequest } from '../../src/testing/crm-contract-subject.js';
import { brokenAdapters } from './broken-adapters.js';

/** The checks that fail for an adapter (each on a fresh one): `check name: error message`. */
async function failures(create: () => CrmAdapter): Promise<string[]> {
  const failed: string[] = [];
  for (const check of crmAdapterContractChecks) {
    try {
      await runCrmAdapterContractCheck(check, { name: 'under test', create: () => ({ adapter: create() }) });
    } catch (error) {
      failed.push(`${check.name}: ${(error as Error).message}`);
    }
  }
  return failed;
}

/** Each defect and what the failure it must cause says (a check's name or its message). */
const caughtBy: Record<keyof typeof brokenAdapters, string> = {
  bypassesCtx: 'made no call through ctx.call',
  callsCtxOnlyForShow: 'although ctx.call refused',
  writesAsReads: "no call marked { kind: 'write' }",
  ignoresMentionedHandles: 'mentionedHandles were ignored',
  ignoresOpenCases: 'openCasesOfMatchedContacts was ignored',
  noNameCandidates: 'no Contact by full name',
  forgetsComments: 'finds comments again',
  noDependencyFailed: 'a Contact that failed with DEPENDENCY_FAILED',
  claimsCreatedOnReplay: 'a plan applied twice',
  allOrNothing: 'in the middle of a batch',
  countsCharsNotBytes: 'exactly the byte limit',
  okForUnknownIds: 'which the CRM does not have',
};

/** The local adapter, answering a lookup that asks nothing without a call (as a remote adapter should). */
function quietWhenEmpty(): CrmAdapter {
  const inner = localCrmAdapter();
  return {
    name: inner.name,
    describe: (ctx) => inner.describe(ctx),
    lookup: (request, ctx) => (isEmptyLookupRequest(request) ? Promise.resolve({ contacts: [], cases: [], comments: [] }) : inner.lookup(request, ctx)),
    apply: (plan, ctx) => inner.apply(plan, ctx),
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

describe('the CRM adapter contract and empty lookups', () => {
  it('accepts no call for a lookup that asks nothing', async () => {
    const adapter = quietWhenEmpty();
    const subject = await createSubject(adapter, { name: 'quiet', create: () => ({ adapter }) });
    await expect(subject.lookup({})).resolves.toEqual({ contacts: [], cases: [], comments: [] });
    await expect(subject.lookup({ openCasesOfMatchedContacts: true })).resolves.toEqual({ contacts: [], cases: [], comments: [] });
    expect(subject.ctx.calls).toBe(0);
    await adapter.close?.();
  });

  it('passes such an adapter on every check', async () => {
    expect(await failures(quietWhenEmpty)).toEqual([]);
  });

  it('still requires a call for a lookup that asks something', async () => {
    const adapter = brokenAdapters.bypassesCtx();
    const subject = await createSubject(adapter, { name: 'bypass', create: () => ({ adapter }) });
    await expect(subject.lookup({ externalPostIds: ['twitter:1'] })).rejects.toThrow('made no call through ctx.call');
    await expect(subject.lookup({ mentionedHandles: [{ provider: 'twitter', handle: 'ana' }] })).rejects.toThrow('made no call through ctx.call');
    await adapter.close?.();
  });

  it.each([
    [{}, true],
    [{ openCasesOfMatchedContacts: true }, true],
    [{ identities: [{ provider: 'twitter', id: '1', handle: 'ana' }] }, false],
    [{ contactIds: ['c1'] }, false],
    [{ threadKeys: ['twitter:1'] }, false],
    [{ externalPostIds: ['twitter:1'] }, false],
    [{ mentionedHandles: [{ provider: 'twitter', handle: 'ana' }] }, false],
  ])('isEmptyLookupRequest(%j) is %s', (parts, empty) => {
    expect(isEmptyLookupRequest({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [], ...parts })).toBe(empty);
  });
});

describe('the CRM adapter contract catches broken adapters', () => {
  it('passes the local adapter on every check', async () => {
    expect(await failures(() => localCrmAdapter())).toEqual([]);
  });

  it.each(Object.entries(caughtBy))('catches %s', async (defect, says) => {
    const failed = await failures(brokenAdapters[defect as keyof typeof brokenAdapters]);
    expect(failed.some((failure) => failure.includes(says)), `failures: ${JSON.stringify(failed, null, 1)}`).toBe(true);
  });
});
