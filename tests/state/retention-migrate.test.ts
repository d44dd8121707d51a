import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { fileStateStore } from '../../src/state/index.js';
import { migrateFileStateToSqlite, sqliteStateStore } from '../../src/state/sqlite/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { ANN, BRAND, conversation, reply, tweet } from '../sync/fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'retention-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('retention (--compact-state)', () => {
  it('a reply to a post whose record was dropped still lands on its Case, found through the CRM lookup', async () => {
    const crm = localCrmAdapter();
    const state = sqliteStateStore({ path: join(dir, 'state.db') });
    const opening = tweet('700', 0, ANN, '@AcmeHelp my router is dead again');
    await createSync({ source: arraySource([opening], 'a'), crm, state, brand: BRAND }).run();
    const caseId = (await state.getPosts(['twitter:700'])).get('twitter:700')?.caseId;
    expect(caseId).toBeDefined();
    // Past the horizon: every record so far is dropped.
    expect(await state.dropPostsBefore?.(new Date(Date.now() + 60_000).toISOString())).toBe(1);
    expect((await state.getPosts(['twitter:700'])).size).toBe(0);
    const later = reply('701', 600, ANN, opening, '@AcmeHelp still dead, any news?');
    const report = await createSync({ source: arraySource([later], 'b'), crm, state, brand: BRAND }).run();
    expect(report).toMatchObject({ casesCreated: 0, commentsAdded: 1, deadLettered: 0 });
    expect((await state.getPosts(['twitter:701'])).get('twitter:701')).toMatchObject({ outcome: 'comment', caseId });
    expect(crm.snapshot().cases).toHaveLength(1);
    await state.close();
  });
});

describe('migrateFileStateToSqlite', () => {
  it('copies checkpoints, post records, identities and dead letters; the copy syncs on without writing anything twice', async () => {
    const from = join(dir, 'state.json');
    const to = join(dir, 'state.db');
    const crm = localCrmAdapter();
    const file = fileStateStore({ path: from });
    const posts = conversation();
    await createSync({ source: arraySource(posts, 'c'), crm, state: file, brand: BRAND, batchSize: 4 }).run();
    await file.commit({ stream: 'x', posts: [], identities: [], deadLetters: [{ postId: 'line:9', stage: 'validate', code: 'INVALID_JSON', reason: 'bad', at: 'then' }] });
    await file.close();

    const copied = await migrateFileStateToSqlite(from, to);
    expect(copied).toEqual({ checkpoints: 1, posts: 10, identities: 3, deadLetters: 1 });
    await expect(migrateFileStateToSqlite(from, to)).rejects.toThrow(/exists already/);
    const state = sqliteStateStore({ path: to });
    expect(await state.getCheckpoint('c')).toBe('10');
    expect((await state.getPosts(posts.map((p) => `twitter:${p.id}`))).size).toBe(10);
    expect((await state.listDeadLetters()).map((d) => d.postId)).toEqual(['line:9']);
    const rerun = await createSync({ source: arraySource([...posts, tweet('800', 90, ANN, '@AcmeHelp new one')], 'c'), crm, state, brand: BRAND }).run();
    expect(rerun).toMatchObject({ postsRead: 1, casesCreated: 1, contactsCreated: 0 });
    await state.close();
  });
});
