/**
 * Item failures the CRM marks retryable are tried again within the batch (at most 2 more rounds,
 * with only those items and their dependants), then dead-lettered with `retryable: true`; a
 * permanent failure is never sent again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayDeadLetters } from '../../src/dead-letters/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { fileStateStore, memoryStateStore } from '../../src/state/index.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { ANN, BRAND, reply, tweet } from './fixtures.js';
import { flakyCrm, type FlakyCrm } from './flaky-crm.js';

const limits = { minRetryDelayMs: 1, maxRetryDelayMs: 1 };

/** Ann complains (post 100: a Case) and replies to herself (post 102: a comment on that Case). */
function posts() {
  const p100 = tweet('100', 0, ANN, '@AcmeHelp my internet has been down since this morning');
  return [p100, reply('102', 9, ANN, p100, '@AcmeHelp still down')];
}

async function runOn(flaky: FlakyCrm, state = memoryStateStore()) {
  const sync = createSync({ source: arraySource(posts()), crm: flaky.crm, state, brand: BRAND, limits });
  try {
    return { report: await sync.run(), state };
  } finally {
    await sync.close();
  }
}

const keysOf = (plan: FlakyCrm['plans'][number]) => ({
  contacts: plan.contacts.map((c) => c.key),
  cases: plan.cases.map((c) => c.key),
  comments: plan.comments.map((c) => c.key),
});

describe('retryable item failures', () => {
  it('a Case that fails once with a row lock is written on the next round, with its comment: no dead letter, counted once', async () => {
    const flaky = flakyCrm({ 'twitter:100': 1 });
    const { report, state } = await runOn(flaky);
    expect(flaky.plans.map(keysOf)).toEqual([
      { contacts: ['twitter:1'], cases: ['twitter:100'], comments: ['twitter:102'] },
      { contacts: [], cases: ['twitter:100'], comments: ['twitter:102'] },
    ]);
    const contactId = flaky.inner.snapshot().contacts[0]?.id;
    expect(flaky.plans[1]?.cases[0]?.contact, 'the Contact written in round 1 is referred to by its id').toEqual({ id: contactId });
    expect(report).toMatchObject({ casesCreated: 1, commentsAdded: 1, contactsCreated: 1, deadLettered: 0, crmCalls: 4, crmWrites: 2 });
    const db = flaky.inner.snapshot();
    expect([db.contacts.length, db.cases.length, db.comments.length]).toEqual([1, 1, 1]);
    expect(await state.listDeadLetters()).toEqual([]);
  });

  it('a Contact that fails once is retried with its dependants (Case, then comment)', async () => {
    const flaky = flakyCrm({ 'twitter:1': 1 });
    const { report } = await runOn(flaky);
    expect(flaky.plans.map(keysOf)[1]).toEqual({ contacts: ['twitter:1'], cases: ['twitter:100'], comments: ['twitter:102'] });
    expect(flaky.plans[1]?.cases[0]?.contact, 'a Contact sent again is referred to by its key').toEqual({ externalKey: 'twitter:1' });
    expect(report).toMatchObject({ casesCreated: 1, commentsAdded: 1, contactsCreated: 1, deadLettered: 0 });
  });

  it('one that keeps failing is tried 3 times in all, then dead-lettered with retryable: true, and a replay by code picks it', async () => {
    const flaky = flakyCrm({ 'twitter:100': 99 });
    const { report, state } = await runOn(flaky);
    expect(flaky.plans).toHaveLength(3);
    expect(report).toMatchObject({ casesCreated: 0, commentsAdded: 0, contactsCreated: 1, deadLettered: 2, crmCalls: 5, crmWrites: 3 });
    const letters = await state.listDeadLetters();
    expect(letters.map((l) => [l.postId, l.code, l.retryable])).toEqual([
      ['twitter:100', 'UNABLE_TO_LOCK_ROW', true],
      ['twitter:102', 'DEPENDENCY_FAILED', true],
    ]);
    flaky.heal();
    const sync = { crm: flaky.crm, brand: BRAND, limits };
    expect(await replayDeadLetters({ state, sync, only: 'UNABLE_TO_LOCK_ROW' })).toMatchObject({ letters: 1, resolved: 1, stillFailing: 0 });
    expect(await replayDeadLetters({ state, sync, only: 'DEPENDENCY_FAILED' })).toMatchObject({ letters: 1, resolved: 1, stillFailing: 0 });
    expect(await state.listDeadLetters()).toEqual([]);
    const db = flaky.inner.snapshot();
    expect([db.contacts.length, db.cases.length, db.comments.length]).toEqual([1, 1, 1]);
  });

  it('a permanent failure is not retried and its letter is not marked retryable', async () => {
    const flaky = flakyCrm({ 'twitter:100': 1 }, { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', retryable: false });
    const { report, state } = await runOn(flaky);
    expect(flaky.plans).toHaveLength(1);
    expect(report).toMatchObject({ casesCreated: 0, deadLettered: 2, crmCalls: 3, crmWrites: 1 });
    const letters = await state.listDeadLetters();
    expect(letters.map((l) => [l.postId, l.code, l.retryable])).toEqual([
      ['twitter:100', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', undefined],
      ['twitter:102', 'DEPENDENCY_FAILED', undefined],
    ]);
  });

  it.each([
    ['sqlite', (dir: string) => sqliteStateStore({ path: join(dir, 'state.db') })],
    ['file', (dir: string) => fileStateStore({ path: join(dir, 'state.json') })],
  ] as const)('the %s state keeps retryable: true on the letter', async (_kind, open) => {
    const dir = mkdtempSync(join(tmpdir(), 'item-retry-'));
    try {
      const state = open(dir);
      await runOn(flakyCrm({ 'twitter:100': 99 }), state);
      expect((await state.listDeadLetters()).map((l) => l.retryable)).toEqual([true, true]);
      await state.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
