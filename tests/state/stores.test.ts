import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import type { DeadLetter } from '../../src/model/dead-letter.js';
import { fileStateStore, journalPathOf, memoryStateStore, type StateCommit, type StateStore } from '../../src/state/index.js';
import { forgetLocksHeldHere } from '../../src/files/file-lock.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const dead = (postId: string): DeadLetter => ({
  postId,
  stage: 'write',
  code: 'STRING_TOO_LONG',
  reason: 'subject too long',
  field: 'subject',
  at: '2024-05-01T10:00:00.000Z',
});

function batch(n: number, checkpoint: string | null = `cursor-${n}`): StateCommit {
  return {
    stream: 'jsonl:posts',
    checkpoint,
    posts: [
      { postId: `twitter:${n}`, threadId: `${n}`, outcome: 'case', caseId: `500${n}`, authorKey: `twitter:u${n}` },
      { postId: `twitter:${n}b`, threadId: `${n}`, outcome: 'ignored', authorKey: `twitter:u${n}` },
    ],
    identities: [
      { key: `twitter:u${n}`, contactId: `003${n}`, handle: `h${n}`, method: 'created', confidence: 1, updatedAt: '2024-05-01T10:00:00.000Z' },
    ],
    deadLetters: [dead(`twitter:${n}x`)],
  };
}

const stores: [string, () => StateStore][] = [
  ['memory', () => memoryStateStore()],
  ['file', () => fileStateStore({ path: join(dir, 'a', 'state.json') })],
];

describe.each(stores)('%s state store', (kind, make) => {
  it('starts empty', async () => {
    const store = make();
    expect(store.kind).toBe(kind);
    expect(await store.getCheckpoint('jsonl:posts')).toBeNull();
    expect((await store.getPosts(['twitter:1'])).size).toBe(0);
    expect((await store.getIdentities(['twitter:u1'])).size).toBe(0);
    expect(await store.listDeadLetters()).toEqual([]);
    await store.close();
  });

  it('keeps checkpoints, posts, identities and dead letters of each commit', async () => {
    const store = make();
    await store.commit(batch(1));
    await store.commit(batch(2));
    await store.commit({ stream: 'other', posts: [], identities: [], deadLetters: [] });
    expect(await store.getCheckpoint('jsonl:posts')).toBe('cursor-2');
    expect(await store.getCheckpoint('other')).toBeNull();
    const posts = await store.getPosts(['twitter:1', 'twitter:2b', 'twitter:3']);
    expect([...posts.keys()]).toEqual(['twitter:1', 'twitter:2b']);
    expect(posts.get('twitter:1')).toMatchObject({ ...batch(1).posts[0] });
    expect(posts.get('twitter:2b')).not.toHaveProperty('caseId');
    expect((await store.getIdentities(['twitter:u2'])).get('twitter:u2')?.contactId).toBe('0032');
    expect((await store.listDeadLetters()).map((d) => d.postId)).toEqual(['twitter:1x', 'twitter:2x']);
    await store.commit({ stream: 'jsonl:posts', posts: [], identities: [], deadLetters: [] });
    expect(await store.getCheckpoint('jsonl:posts')).toBe('cursor-2');
    await store.commit({ stream: 'jsonl:posts', checkpoint: null, posts: [], identities: [], deadLetters: [] });
    expect(await store.getCheckpoint('jsonl:posts')).toBeNull();
    await store.close();
  });

  it('does not keep caller-owned objects', async () => {
    const store = make();
    const change = batch(1);
    await store.commit(change);
    (change.deadLetters as DeadLetter[]).push(dead('late'));
    (await store.listDeadLetters()).pop();
    expect(await store.listDeadLetters()).toHaveLength(1);
    await store.close();
  });
});

describe('fileStateStore', () => {
  const path = (): string => join(dir, 'state.json');

  it('persists across reopen, compacted on close into a readable file', async () => {
    const store = fileStateStore({ path: path() });
    await store.commit(batch(1));
    await store.commit(batch(2));
    await store.close();
    expect(statSync(journalPathOf(path())).size).toBe(0);
    const file = JSON.parse(readFileSync(path(), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file)).toEqual(['seq', 'checkpoints', 'posts', 'identities', 'deadLetters', 'nextDeadLetterId', 'suggestions']);
    expect(file.seq).toBe(2);
    const again = fileStateStore({ path: path() });
    expect(await again.getCheckpoint('jsonl:posts')).toBe('cursor-2');
    expect((await again.getPosts(['twitter:1'])).get('twitter:1')).toMatchObject({ ...batch(1).posts[0] });
    expect(await again.listDeadLetters()).toHaveLength(2);
    await again.close();
  });

  it('commits a batch atomically: a torn last commit is absent as a whole', async () => {
    const store = fileStateStore({ path: path(), durability: 'flush' });
    await store.commit(batch(1));
    const sizeAfterFirst = statSync(journalPathOf(path())).size;
    await store.commit(batch(2));
    const sizeAfterSecond = statSync(journalPathOf(path())).size;
    expect(readFileSync(journalPathOf(path()), 'utf8').trim().split('\n')).toHaveLength(2);
    // A crash in the middle of the second append: only part of its line reached the file.
    truncateSync(journalPathOf(path()), sizeAfterFirst + Math.floor((sizeAfterSecond - sizeAfterFirst) / 2));
    forgetLocksHeldHere(); // the first store "crashed": never closed
    const again = fileStateStore({ path: path() });
    expect(await again.getCheckpoint('jsonl:posts')).toBe('cursor-1');
    expect((await again.getPosts(['twitter:2', 'twitter:2b'])).size).toBe(0);
    expect((await again.getIdentities(['twitter:u2'])).size).toBe(0);
    expect((await again.listDeadLetters()).map((d) => d.postId)).toEqual(['twitter:1x']);
    await again.close();
  });

  it('rejects an invalid state file with a ConfigError naming the field', () => {
    writeFileSync(path(), JSON.stringify({ posts: { x: { postId: 'x' } } }));
    expect(() => fileStateStore({ path: path() })).toThrow(ConfigError);
    try {
      fileStateStore({ path: path() });
    } catch (error) {
      expect((error as ConfigError).details.field).toBe('posts.x.threadId');
      expect((error as ConfigError).message).toContain(path());
    }
  });
});
