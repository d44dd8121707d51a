import { describe, expect, it } from 'vitest';
import { describeSourceContract, runSourceContractCheck, sourceContractChecksFor, sourceContractFixture } from '../../src/testing/source-contract.js';
import { pagedFactory, type PagedDefect } from './paged-sources.js';

// A source that must buffer (API pages of 10, newest first, so fewer posts than `limit` at a page's
// end and reversed order inside a page) passes the contract.
describeSourceContract('buffering paged source (X-like, pages of 10 newest first)', pagedFactory());
describeSourceContract('buffering paged source (pages of 10), 25 posts', pagedFactory(), { fixture: sourceContractFixture(25) });

async function failures(defect: PagedDefect): Promise<string[]> {
  const failed: string[] = [];
  for (const check of sourceContractChecksFor()) {
    try {
      await runSourceContractCheck(check, pagedFactory(defect));
    } catch (error) {
      failed.push(`${check.name}: ${(error as Error).message}`);
    }
  }
  return failed;
}

const caughtBy: Record<Exclude<PagedDefect, 'none'>, string> = {
  duplicatesOnResume: 'posts returned twice',
  losesOnResume: 'every post once, pages oldest first',
  exceedsLimit: 'a page of limit',
  unstableFirstPage: 'gives the same page for the same cursor',
  pagesNewestFirst: 'posts returned twice',
};

describe('the source contract catches broken sources', () => {
  it('a correct buffering source fails no check', async () => {
    expect(await failures('none')).toEqual([]);
  });

  it.each(Object.entries(caughtBy))('catches %s', async (defect, says) => {
    const failed = await failures(defect as PagedDefect);
    expect(failed.some((failure) => failure.includes(says)), `failures: ${JSON.stringify(failed, null, 1)}`).toBe(true);
  });
});
