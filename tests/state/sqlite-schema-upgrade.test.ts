import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_STATE_SCHEMA_VERSION, sqliteStateStore } from '../../src/state/sqlite/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'schema-upgrade-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The tables as version 1 and 2 of the connector wrote them (version 2 added `suggestions`). */
const OLD_TABLES = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE checkpoints (stream TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE posts (post_id TEXT PRIMARY KEY, thread_id TEXT NOT NULL, outcome TEXT NOT NULL, case_id TEXT, record_id TEXT,
  author_key TEXT NOT NULL, reason TEXT, at TEXT) WITHOUT ROWID;
CREATE INDEX posts_by_thread ON posts (thread_id);
CREATE TABLE identities (key TEXT PRIMARY KEY, contact_id TEXT NOT NULL, handle TEXT NOT NULL, method TEXT NOT NULL,
  confidence REAL NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE dead_letters (id INTEGER PRIMARY KEY AUTOINCREMENT, post_id TEXT NOT NULL, code TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX dead_letters_by_post ON dead_letters (post_id);
CREATE INDEX dead_letters_by_code ON dead_letters (code, id);
`;
const SUGGESTIONS = `CREATE TABLE suggestions (id INTEGER PRIMARY KEY AUTOINCREMENT, identity_key TEXT NOT NULL, handle TEXT NOT NULL,
  contact_id TEXT NOT NULL, similar_contact_id TEXT NOT NULL, similar_contact_name TEXT NOT NULL, score REAL NOT NULL, at TEXT NOT NULL);`;

/** A state file as an older version left it, with one checkpoint, post and identity. */
function writeOldFile(path: string, version: 1 | 2): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(OLD_TABLES + (version === 2 ? SUGGESTIONS : ''));
  db.prepare("INSERT INTO checkpoints VALUES ('jsonl:a', '42')").run();
  db.prepare("INSERT INTO posts VALUES ('twitter:1', '1', 'case', '500A', '500A', 'twitter:u1', NULL, '2026-01-01T00:00:00.000Z')").run();
  db.prepare("INSERT INTO identities VALUES ('twitter:u1', '003A', 'ann', 'created', 1, '2026-01-01T00:00:00.000Z')").run();
  db.pragma(`user_version = ${version}`);
  db.close();
}

const indexesOf = (path: string): string[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
  } finally {
    db.close();
  }
};
const versionOf = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
};

describe('SQLite state files of older versions', () => {
  it.each([1, 2] as const)('a version %i file opens, keeps its data, loses the unused thread index and takes new commits', async (version) => {
    const path = join(dir, `v${version}.db`);
    writeOldFile(path, version);
    expect(indexesOf(path)).toContain('posts_by_thread');

    if (version === 2) {
      // A read-only view reads it as it is, without upgrading it. (A version 1 file, without
      // `suggestions`, cannot be viewed read-only before a writer has opened it once: as before.)
      const view = sqliteStateStore({ path, readOnly: true });
      expect(await view.getCheckpoint('jsonl:a')).toBe('42');
      await view.close();
      expect(versionOf(path)).toBe(version);
    }

    const store = sqliteStateStore({ path, durability: 'flush' });
    try {
      expect(await store.getCheckpoint('jsonl:a')).toBe('42');
      expect((await store.getPosts(['twitter:1'])).get('twitter:1')).toEqual({
        postId: 'twitter:1', threadId: '1', outcome: 'case', caseId: '500A', recordId: '500A', authorKey: 'twitter:u1', at: '2026-01-01T00:00:00.000Z',
      });
      expect((await store.getIdentities(['twitter:u1'])).get('twitter:u1')).toEqual({
        key: 'twitter:u1', contactId: '003A', handle: 'ann', method: 'created', confidence: 1, updatedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.commit({ stream: 'jsonl:a', checkpoint: '43', posts: [{ postId: 'twitter:2', threadId: '1', outcome: 'comment', caseId: '500A', recordId: '00a1', authorKey: 'twitter:u1' }], identities: [], deadLetters: [] });
      await store.addSuggestions?.([{ identityKey: 'twitter:u1', handle: 'ann', contactId: '003A', similarContactId: '003Z', similarContactName: 'Ann', score: 0.9, at: '2026-01-01T00:00:00.000Z' }]);
      expect(await store.listSuggestions?.()).toHaveLength(1);
    } finally {
      await store.close();
    }
    expect(versionOf(path)).toBe(SQLITE_STATE_SCHEMA_VERSION);
    expect(SQLITE_STATE_SCHEMA_VERSION).toBe(3);
    expect(indexesOf(path)).toEqual(['dead_letters_by_code', 'dead_letters_by_post']);
    const again = sqliteStateStore({ path, readOnly: true });
    expect(await again.getCheckpoint('jsonl:a')).toBe('43');
    expect([...(await again.getPosts(['twitter:1', 'twitter:2'])).keys()]).toEqual(['twitter:1', 'twitter:2']);
    await again.close();
  });

  it('a new file has no thread index', async () => {
    const path = join(dir, 'new.db');
    await sqliteStateStore({ path }).close();
    expect(indexesOf(path)).toEqual(['dead_letters_by_code', 'dead_letters_by_post']);
    expect(versionOf(path)).toBe(3);
  });

  it('a file of a newer version is refused', async () => {
    const path = join(dir, 'future.db');
    await sqliteStateStore({ path }).close();
    const db = new Database(path);
    db.pragma('user_version = 4');
    db.close();
    expect(() => sqliteStateStore({ path })).toThrow(/newer version/);
  });
});
