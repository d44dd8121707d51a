import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityCache } from '../../src/state/sqlite/identity-cache.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';
import type { IdentityRecord, MatchMethod, StateStore } from '../../src/state/types.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'identity-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const identity = (key: string, contactId: string, updatedAt = '2026-01-01T00:00:00.000Z'): IdentityRecord => ({
  key,
  contactId,
  handle: `h_${key}`,
  method: 'created',
  confidence: 1,
  updatedAt,
});

describe('IdentityCache', () => {
  it('holds at most its capacity; complete until the first row is dropped', () => {
    const cache = new IdentityCache(3);
    cache.load([identity('a', '1')]);
    expect(cache.isComplete).toBe(true);
    expect(cache.lookup('zz')).toBe('absent');
    cache.remember(identity('b', '2'));
    cache.remember(identity('c', '3'));
    expect(cache.isComplete).toBe(true);
    cache.remember(identity('d', '4'));
    expect(cache.size).toBe(1);
    expect(cache.isComplete).toBe(false);
    expect(cache.lookup('zz')).toBe('unknown');
  });

  it('a changed row takes its new value; when full it starts over with the new row', () => {
    const cache = new IdentityCache(3);
    cache.load([identity('a', '1'), identity('b', '2'), identity('c', '3')]);
    cache.remember(identity('a', '1x'));
    expect(cache.lookup('a')).toMatchObject({ contactId: '1x' });
    expect(cache.size).toBe(3);
    cache.remember(identity('d', '4'));
    expect(cache.size).toBe(1);
    expect(cache.lookup('a')).toBe('unknown');
    expect(cache.lookup('d')).toMatchObject({ contactId: '4' });
  });

  it('a load of more rows than it holds is not complete; forget and clear end completeness', () => {
    const big = new IdentityCache(2);
    big.load([identity('a', '1'), identity('b', '2'), identity('c', '3')]);
    expect(big.isComplete).toBe(false);
    expect(big.size).toBeLessThanOrEqual(2);
    const cache = new IdentityCache(5);
    cache.load([identity('a', '1')]);
    cache.forget('a');
    expect(cache.lookup('a')).toBe('unknown');
    cache.load([identity('a', '1')], false);
    expect(cache.isComplete).toBe(false);
    cache.load([]);
    cache.clear();
    expect(cache.lookup('a')).toBe('unknown');
  });

  it('with capacity 0 keeps nothing and knows nothing', () => {
    const cache = new IdentityCache(0);
    cache.load([identity('a', '1')]);
    cache.remember(identity('b', '2'));
    expect(cache.size).toBe(0);
    expect(cache.lookup('a')).toBe('unknown');
    expect(cache.lookup('b')).toBe('unknown');
  });
});

const METHODS: readonly MatchMethod[] = ['providerId', 'handle', 'email', 'created'];
// Few distinct links, so that an unchanged link with a new time (kept as stored) comes up often.
const KEYS = ['twitter:1', 'twitter:2', 'twitter:3', 'twitter:4', 'twitter:5', 'twitter:6'];
const identityArb = fc.record({
  key: fc.constantFrom(...KEYS),
  contactId: fc.constantFrom('003A', '003B'),
  handle: fc.constantFrom('ann', 'ann', 'bob'),
  method: fc.constantFrom(...METHODS.slice(2)),
  confidence: fc.constantFrom(1, 1, 0.93),
  updatedAt: fc.integer({ min: 0, max: 1e6 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString()),
});
/** One step: a commit of identities (duplicates of a key included), or a commit that fails (a post without a thread), or a reopen. */
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('commit' as const), identities: fc.array(identityArb, { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('failing' as const), identities: fc.array(identityArb, { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('reopen' as const) }),
);

/** What the file holds: read by a read-only view (which keeps no copy). */
async function fileHolds(path: string, keys: readonly string[] = KEYS): Promise<Map<string, IdentityRecord>> {
  const view = sqliteStateStore({ path, readOnly: true });
  try {
    return await view.getIdentities(keys);
  } finally {
    await view.close();
  }
}

describe('SQLite identity copy in step with the file', () => {
  it('a writer reads what the file holds, whatever its copy holds (property, tiny copies to force evictions)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.array(stepArb, { maxLength: 12 }), fc.boolean(), async (rows, steps, readFirst) => {
        const path = join(mkdtempSync(join(dir, 'p-')), 'state.db');
        const open = (): StateStore => sqliteStateStore({ path, durability: 'flush', identityCacheRows: rows });
        let store = open();
        try {
          let n = 0;
          for (const step of steps) {
            n += 1;
            if (step.kind === 'reopen') {
              await store.close();
              store = open();
              continue;
            }
            if (readFirst) await store.getIdentities(KEYS.slice(0, 3));
            const posts = step.kind === 'failing' ? [{ postId: `twitter:p${n}`, threadId: null as unknown as string, outcome: 'case' as const, authorKey: 'twitter:1' }] : [];
            const commit = store.commit({ stream: 's', checkpoint: String(n), posts, identities: step.identities, deadLetters: [] });
            if (step.kind === 'failing') await expect(commit).rejects.toThrow();
            else await commit;
            const seen = await store.getIdentities(KEYS);
            expect(seen).toEqual(await fileHolds(path));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a link the copy no longer holds, committed unchanged with a new time, reads back with the stored time', async () => {
    const path = join(dir, 'state.db');
    const store = sqliteStateStore({ path, durability: 'flush', identityCacheRows: 1 });
    try {
      await store.commit({ stream: 's', posts: [], identities: [identity('twitter:1', '003A', 't1')], deadLetters: [] });
      await store.commit({ stream: 's', posts: [], identities: [identity('twitter:2', '003B', 't1')], deadLetters: [] }); // evicts twitter:1
      await store.commit({ stream: 's', posts: [], identities: [identity('twitter:1', '003A', 't2')], deadLetters: [] });
      expect((await store.getIdentities(['twitter:1'])).get('twitter:1')?.updatedAt).toBe('t1');
      expect((await fileHolds(path, ['twitter:1'])).get('twitter:1')?.updatedAt).toBe('t1');
    } finally {
      await store.close();
    }
  });

  it('an unchanged link keeps the time it last changed, from the copy as from the file', async () => {
    const path = join(dir, 'state.db');
    const store = sqliteStateStore({ path, durability: 'flush' });
    try {
      const first = identity('twitter:9', '003A', '2026-01-01T00:00:00.000Z');
      await store.commit({ stream: 's', posts: [], identities: [first], deadLetters: [] });
      await store.commit({ stream: 's', posts: [], identities: [{ ...first, updatedAt: '2026-02-01T00:00:00.000Z' }], deadLetters: [] });
      expect((await store.getIdentities(['twitter:9'])).get('twitter:9')?.updatedAt).toBe('2026-01-01T00:00:00.000Z');
      const moved = { ...first, contactId: '003B', updatedAt: '2026-03-01T00:00:00.000Z' };
      await store.commit({ stream: 's', posts: [], identities: [moved], deadLetters: [] });
      expect((await store.getIdentities(['twitter:9'])).get('twitter:9')).toEqual(moved);
      expect(await fileHolds(path, ['twitter:9'])).toEqual(new Map([['twitter:9', moved]]));
    } finally {
      await store.close();
    }
  });

  it('many identities in one commit (multi-row upserts and the single-row rest) all land, in key order of the request', async () => {
    const path = join(dir, 'state.db');
    const store = sqliteStateStore({ path, durability: 'flush' });
    try {
      const many = Array.from({ length: 137 }, (_, i) => identity(`twitter:${1000 + i}`, `003_${i}`));
      await store.commit({ stream: 's', posts: [], identities: many, deadLetters: [] });
      const changed = many.map((i, n) => (n % 3 === 0 ? { ...i, contactId: `${i.contactId}x`, updatedAt: '2026-05-01T00:00:00.000Z' } : i));
      await store.commit({ stream: 's', posts: [], identities: changed, deadLetters: [] });
      const keys = [...changed.map((i) => i.key)].reverse();
      const seen = await store.getIdentities(keys);
      expect([...seen.keys()]).toEqual(keys);
      const view = sqliteStateStore({ path, readOnly: true });
      expect(await view.getIdentities(keys)).toEqual(new Map(changed.map((i) => [i.key, i])));
      await view.close();
    } finally {
      await store.close();
    }
  });
});
