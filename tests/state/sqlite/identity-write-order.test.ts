/**
 * A commit writes its identities in key order (statements.ts `inKeyOrder`): what the file holds
 * afterwards is compared with the reference, the upserts run in the order given (a key given twice:
 * the later row wins; an unchanged link keeps its stored time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteStateStore } from '../../../src/state/sqlite/index.js';
import type { IdentityRecord, MatchMethod } from '../../../src/state/types.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'identity-order-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['twitter:9', 'twitter:10', 'twitter:1', 'x:1', 'twitter:2', 'a', 'é:1'];
const identity = fc.record({
  key: fc.constantFrom(...KEYS),
  contactId: fc.constantFrom('003A', '003B'),
  handle: fc.constantFrom('ann', 'bob'),
  method: fc.constantFrom<MatchMethod>('providerId', 'handle', 'email', 'created'),
  confidence: fc.constantFrom(1, 0.9),
  updatedAt: fc.integer({ min: 0, max: 1e6 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString()),
});

/** The upsert of statements.ts, row by row in the order given. */
function referenceUpserts(held: Map<string, IdentityRecord>, rows: readonly IdentityRecord[]): void {
  for (const r of rows) {
    const old = held.get(r.key);
    if (old === undefined || old.contactId !== r.contactId || old.handle !== r.handle || old.method !== r.method || old.confidence !== r.confidence) held.set(r.key, r);
  }
}

describe('SQLite identity writes in key order', () => {
  it('leave the file as the upserts in the given order would (property; keys given twice in a commit)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(identity, { maxLength: 10 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 3 }), async (commits, rows) => {
        run += 1;
        const path = join(dir, `state-${run}.db`);
        const store = sqliteStateStore({ path, durability: 'flush', identityCacheRows: rows });
        const held = new Map<string, IdentityRecord>();
        try {
          for (const [n, identities] of commits.entries()) {
            await store.commit({ stream: 's', checkpoint: String(n), posts: [], identities, deadLetters: [] });
            referenceUpserts(held, identities);
          }
        } finally {
          await store.close();
        }
        const view = sqliteStateStore({ path, readOnly: true });
        try {
          expect(await view.getIdentities(KEYS)).toEqual(held);
        } finally {
          await view.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
