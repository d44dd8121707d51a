/**
 * The contract every {@link StateStore} must pass, as one vitest suite: checkpoints per stream,
 * look-ups by key, atomic and replayable commits, dead letters (paged, resolved, removed), name
 * suggestions (kept, paged), reopen,
 * and reopen after `kill -9` of a writer in a child process. Run it on your store (a Redis one, say):
 * `describeStateStoreContract('redis', { open: () => myStore(), persistent: true, crashWriter })`.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NameSuggestionRecord, StateStore } from '../state/types.js';
import { contractBatch, contractLetter, CRASH_STREAM, killWriterAfter } from './state-contract-fixtures.js';

/** How the suite gets at the store under test. */
export interface StateStoreContractOptions {
  /** Opens the store. Within one test, a persistent store opened again sees what the last one committed. */
  readonly open: () => Promise<StateStore> | StateStore;
  /** Runs before each test: a fresh, empty state (e.g. a new temp folder). */
  readonly reset?: () => Promise<void> | void;
  /** The store keeps its data across close and reopen (file, SQLite, Redis); memory stores don't. */
  readonly persistent: boolean;
  /**
   * The command of a child process that opens the store as `open` does and calls
   * `runStateWriter(store)`; the suite kills it with SIGKILL mid-run and reopens. Persistent stores only.
   */
  readonly crashWriter?: () => readonly [string, ...string[]];
}

/** Registers the state-store contract suite under `describe(name)`. */
export function describeStateStoreContract(name: string, options: StateStoreContractOptions): void {
  describe(`StateStore contract: ${name}`, () => {
    let store: StateStore;
    let prefix: string;
    const reopen = async (): Promise<StateStore> => {
      await store.close();
      store = await options.open();
      return store;
    };

    beforeEach(async () => {
      await options.reset?.();
      prefix = `c${randomBytes(4).toString('hex')}`;
      store = await options.open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('knows nothing of keys never committed', async () => {
      expect(await store.getCheckpoint(`${prefix}:stream`)).toBeNull();
      expect((await store.getPosts([`${prefix}:p1`])).size).toBe(0);
      expect((await store.getIdentities([`${prefix}:u1`])).size).toBe(0);
      expect(await store.listDeadLetters()).toEqual([]);
    });

    it('keeps one checkpoint per stream; an absent checkpoint leaves it, null clears it', async () => {
      const a = `${prefix}:a`;
      const b = `${prefix}:b`;
      await store.commit({ ...contractBatch(prefix, 1, a) });
      await store.commit({ ...contractBatch(prefix, 2, b) });
      expect(await store.getCheckpoint(a)).toBe('1');
      expect(await store.getCheckpoint(b)).toBe('2');
      await store.commit({ stream: a, posts: [], identities: [], deadLetters: [] });
      expect(await store.getCheckpoint(a)).toBe('1');
      await store.commit({ stream: a, checkpoint: null, posts: [], identities: [], deadLetters: [] });
      expect(await store.getCheckpoint(a)).toBeNull();
      expect(await store.getCheckpoint(b)).toBe('2');
    });

    it('finds posts and identities by key, as committed, and only the known ones', async () => {
      const batch = contractBatch(prefix, 1);
      await store.commit(batch);
      const posts = await store.getPosts([`${prefix}:p1`, `${prefix}:p1i`, `${prefix}:nope`]);
      expect([...posts.keys()].sort()).toEqual([`${prefix}:p1`, `${prefix}:p1i`]);
      const [caseRecord, ignored] = batch.posts;
      expect(posts.get(`${prefix}:p1`)).toMatchObject({ ...caseRecord });
      expect(posts.get(`${prefix}:p1i`)).toMatchObject({ ...ignored, reason: 'repost' });
      expect(posts.get(`${prefix}:p1i`)).not.toHaveProperty('caseId');
      expect(typeof posts.get(`${prefix}:p1`)?.at).toBe('string');
      const identities = await store.getIdentities([`${prefix}:u1`, `${prefix}:u2`]);
      expect([...identities.values()]).toEqual(batch.identities);
    });

    it('stores an identity read and then changed, and keeps one committed unchanged', async () => {
      const batch = contractBatch(prefix, 1);
      await store.commit(batch);
      const key = `${prefix}:u1`;
      const read = (await store.getIdentities([key])).get(key);
      expect(read).toBeDefined();
      if (read === undefined) return;
      await store.commit({ stream: `${prefix}:s`, posts: [], identities: [{ ...read }], deadLetters: [] });
      expect((await store.getIdentities([key])).get(key)).toEqual(read);
      await store.getIdentities([key]);
      const moved = { ...read, contactId: 'contact-moved', method: 'handle' as const, confidence: 0.8 };
      await store.commit({ stream: `${prefix}:s`, posts: [], identities: [moved], deadLetters: [] });
      expect((await store.getIdentities([key])).get(key)).toEqual(moved);
    });

    it('keeps no object of the caller', async () => {
      const batch = contractBatch(prefix, 1);
      await store.commit(batch);
      (batch.posts as unknown as { outcome: string }[])[0]!.outcome = 'dead';
      (batch.deadLetters as unknown[]).push(contractLetter(`${prefix}:late`));
      (await store.listDeadLetters()).pop();
      expect((await store.getPosts([`${prefix}:p1`])).get(`${prefix}:p1`)?.outcome).toBe('case');
      expect(await store.listDeadLetters()).toHaveLength(1);
    });

    it('commits a large batch as a whole, and a replayed batch changes nothing', async () => {
      const posts = Array.from({ length: 3000 }, (_, i) => ({ postId: `${prefix}:big${i}`, threadId: `t${i % 7}`, outcome: 'comment' as const, caseId: 'c', recordId: `r${i}`, authorKey: `${prefix}:u` }));
      const big = { stream: `${prefix}:stream`, checkpoint: 'big', posts, identities: [], deadLetters: [contractLetter(`${prefix}:bad`)] };
      await store.commit(big);
      await store.commit(big);
      const found = await store.getPosts(posts.map((p) => p.postId));
      expect(found.size).toBe(3000);
      expect(found.get(`${prefix}:big2999`)?.recordId).toBe('r2999');
      expect((await store.listDeadLetters()).map((d) => d.postId)).toEqual([`${prefix}:bad`]);
    });

    it('lists dead letters oldest first, a page at a time, by code', async () => {
      for (let n = 1; n <= 7; n += 1) {
        await store.commit({ stream: `${prefix}:s`, posts: [], identities: [], deadLetters: [contractLetter(`${prefix}:d${n}`, n % 2 === 0 ? 'EVEN' : 'ODD')] });
      }
      const all = await store.listDeadLetters();
      expect(all.map((d) => d.postId)).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => `${prefix}:d${n}`));
      expect(all[0]).toEqual({ ...contractLetter(`${prefix}:d1`, 'ODD'), id: all[0]?.id });
      expect(new Set(all.map((d) => d.id)).size).toBe(7);
      const paged: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listDeadLetters({ limit: 3, ...(after === undefined ? {} : { after }) });
        expect(page.length).toBeLessThanOrEqual(3);
        if (page.length === 0) break;
        paged.push(...page.map((d) => d.postId));
        after = page.at(-1)?.id;
      }
      expect(paged).toEqual(all.map((d) => d.postId));
      const even = await store.listDeadLetters({ code: 'EVEN' });
      expect(even.map((d) => d.postId)).toEqual([2, 4, 6].map((n) => `${prefix}:d${n}`));
      expect((await store.listDeadLetters({ code: 'EVEN', after: even[0]?.id ?? '', limit: 1 })).map((d) => d.postId)).toEqual([`${prefix}:d4`]);
    });

    it('keeps one letter per post: a newer one replaces it, its post syncing resolves it; unreadable lines keep each', async () => {
      const letters = [contractLetter(`${prefix}:x`, 'OLD'), contractLetter(`${prefix}:y`), contractLetter('line:3'), contractLetter('line:3', 'OTHER')];
      await store.commit({ stream: `${prefix}:s`, posts: [], identities: [], deadLetters: letters });
      await store.commit({ stream: `${prefix}:s`, posts: [], identities: [], deadLetters: [contractLetter(`${prefix}:x`, 'NEW', 'still failing')] });
      const synced = { postId: `${prefix}:y`, threadId: 'y', outcome: 'case' as const, caseId: 'c', recordId: 'c', authorKey: 'a' };
      await store.commit({ stream: `${prefix}:s`, posts: [synced], identities: [], deadLetters: [] });
      const left = await store.listDeadLetters();
      expect(left.map((d) => [d.postId, d.code])).toEqual([['line:3', 'STRING_TOO_LONG'], ['line:3', 'OTHER'], [`${prefix}:x`, 'NEW']]);
      const dead = { ...synced, postId: `${prefix}:x`, outcome: 'dead' as const };
      await store.commit({ stream: `${prefix}:s`, posts: [dead], identities: [], deadLetters: [] });
      expect(await store.listDeadLetters()).toHaveLength(3);
    });

    it('removes dead letters by id, ignoring unknown ids', async () => {
      await store.commit(contractBatch(prefix, 1));
      await store.commit(contractBatch(prefix, 2));
      const [first, second] = await store.listDeadLetters();
      await store.removeDeadLetters([first?.id ?? '', 'no-such-id']);
      expect(await store.listDeadLetters()).toEqual([second]);
      await store.removeDeadLetters([]);
      expect(await store.listDeadLetters()).toHaveLength(1);
    });

    it('drops post records older than a horizon, when it supports retention', async () => {
      if (store.dropPostsBefore === undefined) return;
      const old = { postId: `${prefix}:old`, threadId: 'o', outcome: 'case' as const, caseId: 'c', authorKey: 'a', at: '2020-01-01T00:00:00.000Z' };
      await store.commit({ ...contractBatch(prefix, 1), posts: [old, ...contractBatch(prefix, 1).posts] });
      expect(await store.dropPostsBefore('2021-01-01T00:00:00.000Z')).toBe(1);
      expect([...(await store.getPosts([`${prefix}:old`, `${prefix}:p1`, `${prefix}:p1i`])).keys()].sort()).toEqual([`${prefix}:p1`, `${prefix}:p1i`]);
      expect(await store.getCheckpoint(`${prefix}:stream`)).toBe('1');
    });

    it('keeps name suggestions for review, oldest first, a page at a time, and none of the caller\'s objects', async () => {
      expect(store.addSuggestions, 'addSuggestions (--list-suggestions)').toBeTypeOf('function');
      expect(store.listSuggestions, 'listSuggestions (--list-suggestions)').toBeTypeOf('function');
      const row = (n: number): NameSuggestionRecord => ({
        identityKey: `${prefix}:u${n}`, handle: `h${n}`, contactId: `new-${n}`, similarContactId: `old-${n}`, similarContactName: `Ana Lima ${n}`, score: 0.5 + n / 100, at: '2026-01-01T00:00:00.000Z',
      });
      expect(await store.listSuggestions?.()).toEqual([]);
      const first = [row(1), row(2), row(3)];
      await store.addSuggestions?.(first);
      await store.addSuggestions?.([]);
      await store.addSuggestions?.([row(4), row(5)]);
      (first[0] as { handle: string }).handle = 'changed';
      const all = (await store.listSuggestions?.()) ?? [];
      expect(all.map(({ id: _id, ...r }) => r)).toEqual([1, 2, 3, 4, 5].map(row));
      expect(new Set(all.map((r) => r.id)).size).toBe(5);
      const paged: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = (await store.listSuggestions?.({ limit: 2, ...(after === undefined ? {} : { after }) })) ?? [];
        expect(page.length).toBeLessThanOrEqual(2);
        if (page.length === 0) break;
        paged.push(...page.map((r) => r.identityKey));
        after = page.at(-1)?.id;
      }
      expect(paged).toEqual(all.map((r) => r.identityKey));
      if (!options.persistent) return;
      await reopen();
      expect(await store.listSuggestions?.()).toEqual(all);
      await store.addSuggestions?.([row(6)]);
      const again = (await store.listSuggestions?.()) ?? [];
      expect(again.map((r) => r.identityKey)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${prefix}:u${n}`));
      expect(new Set(again.map((r) => r.id)).size).toBe(6);
    });

    it.runIf(options.persistent)('reopens with everything that was committed', async () => {
      await store.commit(contractBatch(prefix, 1));
      await store.commit(contractBatch(prefix, 2));
      const letters = await store.listDeadLetters();
      await store.removeDeadLetters([letters[0]?.id ?? '']);
      await reopen();
      expect(await store.getCheckpoint(`${prefix}:stream`)).toBe('2');
      expect((await store.getPosts([`${prefix}:p1`, `${prefix}:p2i`])).size).toBe(2);
      expect((await store.getIdentities([`${prefix}:u2`])).get(`${prefix}:u2`)?.contactId).toBe('contact-2');
      expect(await store.listDeadLetters()).toEqual(letters.slice(1));
      await store.commit(contractBatch(prefix, 3));
      const after = await store.listDeadLetters();
      expect(after.map((d) => d.postId)).toEqual([`${prefix}:d2`, `${prefix}:d3`]);
      expect(after[1]?.id).not.toBe(letters[0]?.id);
    });

    it.runIf(options.persistent && options.crashWriter !== undefined)('reopens after kill -9 with every reported commit whole and none half-written', async () => {
      await store.close();
      let reported = 0;
      for (const delay of [30, 200, 80]) {
        const command = options.crashWriter?.();
        if (command === undefined) return;
        reported = Math.max(reported, await killWriterAfter(command, delay + Math.random() * 50));
        store = await options.open();
        const checkpoint = Number(await store.getCheckpoint(CRASH_STREAM));
        expect(checkpoint).toBeGreaterThanOrEqual(reported);
        const ids = Array.from({ length: checkpoint + 1 }, (_, i) => i + 1);
        const posts = await store.getPosts(ids.flatMap((i) => [`crash:p${i}`, `crash:p${i}i`]));
        expect(posts.size).toBe(2 * checkpoint);
        expect((await store.getIdentities(ids.map((i) => `crash:u${i}`))).size).toBe(checkpoint);
        expect((await store.listDeadLetters()).map((d) => d.postId)).toEqual(ids.slice(0, checkpoint).map((i) => `crash:d${i}`));
        await store.close();
        reported = checkpoint;
      }
      store = await options.open();
    }, 60_000);

    it('refuses commits once closed', async () => {
      await store.close();
      await expect(store.commit(contractBatch(prefix, 1))).rejects.toThrow();
      store = await options.open();
    });
  });
}
