import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import type { CrmAdapter } from '../../src/adapters/types.js';
import { crmAdapterContractChecks, runCrmAdapterContractCheck } from '../../src/testing/crm-adapter-contract.js';
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

describe('the CRM adapter contract catches broken adapters', () => {
  it('passes the local adapter on every check', async () => {
    expect(await failures(() => localCrmAdapter())).toEqual([]);
  });

  it.each(Object.entries(caughtBy))('catches %s', async (defect, says) => {
    const failed = await failures(brokenAdapters[defect as keyof typeof brokenAdapters]);
    expect(failed.some((failure) => failure.includes(says)), `failures: ${JSON.stringify(failed, null, 1)}`).toBe(true);
  });
});
