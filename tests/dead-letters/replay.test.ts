import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter, type LocalCrmAdapter } from '../../src/adapters/local/index.js';
import type { CrmAdapter, ItemResult } from '../../src/adapters/types.js';
import { DeadLetterGroups, deadLetterPages, formatDeadLetterGroups, replayDeadLetters } from '../../src/dead-letters/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';
import type { StateStore } from '../../src/state/types.js';
import { createSync } from '../../src/sync/create-sync.js';
import { BRAND, conversation } from '../sync/fixtures.js';
import { parseLine } from '../../src/sources/jsonl/parse-line.js';

/** The local CRM refusing the Cases of the posts in `refuse` (code → message), as a picklist or a too-narrow field would. */
function refusingCrm(local: LocalCrmAdapter, refuse: Map<string, { code: string; message: string }>): CrmAdapter {
  return {
    ...local,
    name: local.name,
    describe: (ctx) => local.describe(ctx),
    lookup: (request, ctx) => local.lookup(request, ctx),
    async apply(plan, ctx) {
      const refused = plan.cases.filter((c) => refuse.has(c.fields.externalPostId ?? ''));
      const result = await local.apply({ ...plan, cases: plan.cases.filter((c) => !refused.includes(c)) }, ctx);
      const failed: ItemResult[] = refused.map((c) => ({ key: c.key, ok: false, error: { ...refuse.get(c.fields.externalPostId ?? '')!, field: 'origin' } }));
      return { ...result, cases: [...result.cases, ...failed] };
    },
  };
}

let dir: string;
let state: StateStore;
let local: LocalCrmAdapter;
const refuse = new Map<string, { code: string; message: string }>();
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'replay-'));
  state = sqliteStateStore({ path: join(dir, 'state.db') });
  local = localCrmAdapter();
  refuse.clear();
});
afterEach(async () => {
  await state.close();
  rmSync(dir, { recursive: true, force: true });
});

const casesOf = (id: string): number => local.snapshot().cases.filter((c) => c.externalPostId === `twitter:${id}`).length;

describe('replaying dead letters', () => {
  it('removes the letters whose post now syncs, keeps the rest with the new reason, writes nothing twice', async () => {
    refuse.set('twitter:106', { code: 'INVALID_PICKLIST', message: "bad value for restricted picklist field: 'Twitter'" });
    refuse.set('twitter:107', { code: 'INVALID_PICKLIST', message: "bad value for restricted picklist field: 'Twitter'" });
    const crm = refusingCrm(local, refuse);
    const first = await createSync({ source: arraySource(conversation(), 'c'), crm, state, brand: BRAND }).run();
    expect(first.deadLettered).toBe(2);
    const groups = new DeadLetterGroups();
    for await (const page of deadLetterPages(state)) for (const l of page) groups.add(l);
    expect(formatDeadLetterGroups(groups.list())).toEqual([expect.stringMatching(/^ {2}2 × origin: Case for post … failed: bad value .* \(twitter:106, twitter:107\)$/)]);

    // The admin adds the picklist value; one post still fails, for another reason now.
    refuse.delete('twitter:106');
    refuse.set('twitter:107', { code: 'STRING_TOO_LONG', message: 'subject: data value too large' });
    const dry = await replayDeadLetters({ state, sync: { crm, brand: BRAND }, dryRun: true });
    expect(dry).toMatchObject({ letters: 2, retried: 2 }); // a dry run plans; the CRM's own checks run only when writing
    expect(casesOf('106')).toBe(0);
    expect(await state.listDeadLetters()).toHaveLength(2);

    const result = await replayDeadLetters({ state, sync: { crm, brand: BRAND } });
    expect(result).toEqual({ letters: 2, retried: 2, resolved: 1, stillFailing: 1, notReplayable: 0 });
    expect(casesOf('106')).toBe(1);
    const left = await state.listDeadLetters();
    expect(left.map((l) => [l.postId, l.code])).toEqual([['twitter:107', 'STRING_TOO_LONG']]);
    expect((await state.getPosts(['twitter:106'])).get('twitter:106')?.outcome).toBe('case');

    // Only one code, then all fixed: replayed again, nothing is created twice.
    expect(await replayDeadLetters({ state, sync: { crm, brand: BRAND }, only: 'INVALID_PICKLIST' })).toMatchObject({ letters: 0 });
    refuse.clear();
    expect(await replayDeadLetters({ state, sync: { crm, brand: BRAND }, only: 'STRING_TOO_LONG' })).toMatchObject({ resolved: 1, stillFailing: 0 });
    expect(await state.listDeadLetters()).toEqual([]);
    expect([casesOf('106'), casesOf('107'), casesOf('100')]).toEqual([1, 1, 1]);
    const rerun = await createSync({ source: arraySource(conversation(), 'c'), crm, state, brand: BRAND }).run();
    expect(rerun).toMatchObject({ casesCreated: 0, deadLettered: 0 });
  });

  it('keeps a letter without a post to retry, and pages through many letters', async () => {
    const letters = Array.from({ length: 1203 }, (_, i) => ({ postId: `line:${i + 1}`, stage: 'validate' as const, code: 'INVALID_JSON', reason: 'not JSON', payload: '{oops', at: '2024-01-01T00:00:00.000Z' }));
    await state.commit({ stream: 's', posts: [], identities: [], deadLetters: letters });
    const pages: number[] = [];
    const result = await replayDeadLetters({ state, sync: { crm: local, brand: BRAND }, pageSize: 500, onPage: (p) => pages.push(p.letters) });
    expect(result).toEqual({ letters: 1203, retried: 0, resolved: 0, stillFailing: 0, notReplayable: 1203 });
    expect(pages).toEqual([500, 1000, 1203]);
    expect(await state.listDeadLetters({ limit: 5000 })).toHaveLength(1203);
  });

  it('leaves an invalid JSONL post that is still invalid as it was: its line and time kept', async () => {
    const text = JSON.stringify({ id: 5, provider: 'twitter', text: 'hi', createdAt: '2026-11-01T10:00:00.000Z', author: { provider: 'twitter', id: 'u', handle: 'h' } });
    const outcome = parseLine({ kind: 'text', number: 3, end: 0, text }, 1_000_000, '2024-01-01T00:00:00.000Z');
    if (outcome.kind !== 'rejected') throw new Error('line 3 was not rejected');
    await state.commit({ stream: 's', posts: [], identities: [], deadLetters: [outcome.deadLetter] });
    const result = await replayDeadLetters({ state, sync: { crm: local, brand: BRAND } });
    expect(result).toMatchObject({ letters: 1, retried: 0, notReplayable: 1 });
    const [left] = await state.listDeadLetters();
    expect(left).toMatchObject({ postId: 'twitter:5', line: 3, reason: 'line 3: Invalid post 5: id: expected a string, got 5', at: '2024-01-01T00:00:00.000Z' });
  });

  it('reads a JSONL letter as the source read it: an author without provider takes the post\'s', async () => {
    const text = JSON.stringify({ id: 6, provider: 'twitter', text: 'hi', createdAt: '2026-11-01T10:00:00.000Z', author: { id: 'u', handle: 'h' } });
    const outcome = parseLine({ kind: 'text', number: 4, end: 0, text }, 1_000_000, '2024-01-01T00:00:00.000Z');
    if (outcome.kind !== 'rejected') throw new Error('line 4 was not rejected');
    await state.commit({ stream: 's', posts: [], identities: [], deadLetters: [outcome.deadLetter] });
    await replayDeadLetters({ state, sync: { crm: local, brand: BRAND } });
    const [left] = await state.listDeadLetters();
    expect(left).toMatchObject({ postId: 'twitter:6', reason: outcome.deadLetter.reason, at: '2024-01-01T00:00:00.000Z' });
  });
});
