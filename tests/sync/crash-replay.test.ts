import { describe, expect, it } from 'vitest';
import type { CrmAdapter } from '../../src/adapters/types.js';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { memoryStateStore } from '../../src/state/index.js';
import type { StateStore } from '../../src/state/types.js';
import { createSync } from '../../src/sync/create-sync.js';
import { BRAND, conversation } from './fixtures.js';

class Crash extends Error {}

/** The CRM content by external ids (CRM ids differ between runs). */
function content(crm: ReturnType<typeof localCrmAdapter>) {
  const db = crm.snapshot();
  const post = new Map(db.cases.map((c) => [c.id, c.externalPostId]));
  return {
    cases: db.cases.map((c) => `${c.externalPostId}|${c.threadKey}|${c.parentId === null ? '-' : post.get(c.parentId)}`).sort(),
    comments: db.comments.map((c) => `${c.externalPostId}|${post.get(c.caseId)}|${c.outbound}`).sort(),
    contacts: db.contacts.length,
  };
}

type Stage = 'lookup' | 'apply-before' | 'apply-after' | 'commit-before' | 'commit-after';

/** Wraps the CRM and state so the process "dies" at one stage of one batch. */
function crashing(crm: CrmAdapter, state: StateStore, stage: Stage, batch: number) {
  let lookups = 0;
  let applies = 0;
  let commits = 0;
  const die = (at: Stage, n: number): void => {
    if (at === stage && n === batch) throw new Crash(`crash at ${at} of batch ${n}`);
  };
  const wrappedCrm: CrmAdapter = {
    name: crm.name,
    describe: (ctx) => crm.describe(ctx),
    lookup: async (req, ctx) => {
      lookups += 1;
      die('lookup', lookups);
      return crm.lookup(req, ctx);
    },
    apply: async (plan, ctx) => {
      applies += 1;
      die('apply-before', applies);
      const result = await crm.apply(plan, ctx);
      die('apply-after', applies); // written to the CRM, never acknowledged: the checkpoint stays behind
      return result;
    },
  };
  const wrappedState: StateStore = {
    ...state,
    kind: state.kind,
    getCheckpoint: (s) => state.getCheckpoint(s),
    getPosts: (ids) => state.getPosts(ids),
    getIdentities: (keys) => state.getIdentities(keys),
    listDeadLetters: () => state.listDeadLetters(),
    close: () => state.close(),
    commit: async (change) => {
      commits += 1;
      die('commit-before', commits);
      await state.commit(change);
      die('commit-after', commits);
    },
  };
  return { crm: wrappedCrm, state: wrappedState };
}

describe('crash at any stage, then rerun', () => {
  const stages: Stage[] = ['lookup', 'apply-before', 'apply-after', 'commit-before', 'commit-after'];
  it.each(stages.flatMap((stage) => [1, 2, 4].map((batch) => [stage, batch] as const)))('at %s of batch %i: same CRM content as an uninterrupted run', async (stage, batch) => {
    const reference = localCrmAdapter();
    await createSync({ source: arraySource(conversation()), crm: reference, state: memoryStateStore(), brand: BRAND, batchSize: 2 }).run();

    const crm = localCrmAdapter();
    const state = memoryStateStore();
    const broken = crashing(crm, state, stage, batch);
    await expect(createSync({ source: arraySource(conversation()), crm: broken.crm, state: broken.state, brand: BRAND, batchSize: 2 }).run()).rejects.toBeInstanceOf(Crash);
    const rerun = await createSync({ source: arraySource(conversation()), crm, state, brand: BRAND, batchSize: 2 }).run();
    expect(rerun.deadLettered).toBe(0);
    expect(content(crm)).toEqual(content(reference));
  });
});
