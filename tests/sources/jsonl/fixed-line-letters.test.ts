import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { jsonlSource } from '../../../src/sources/jsonl/source.js';
import { fileStateStore } from '../../../src/state/file-store.js';
import { memoryStateStore } from '../../../src/state/memory-store.js';
import { sqliteStateStore } from '../../../src/state/sqlite/index.js';
import type { StateStore } from '../../../src/state/types.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { BRAND } from '../../sync/fixtures.js';

const line = (id: unknown, createdAt: string): string =>
  JSON.stringify({ id, provider: 'Twitter', text: '@AcmeHelp my order never came', createdAt, author: { id: `u${String(id)}`, handle: `user${String(id)}` } });

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fixed-line-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const STORES: readonly [string, (dir: string) => StateStore][] = [
  ['sqlite', (d) => sqliteStateStore({ path: join(d, 'state.db') })],
  ['file', (d) => fileStateStore({ path: join(d, 'state.json') })],
  ['memory', () => memoryStateStore()],
];

describe('a dead letter of an invalid JSONL post', () => {
  it.each(STORES)('is filed under the post key and resolved when the fixed line syncs (%s state)', async (_name, open) => {
    const input = join(dir, 'posts.jsonl');
    const state = open(dir);
    const crm = localCrmAdapter();
    const run = async (): Promise<void> => {
      const sync = createSync({ source: jsonlSource({ path: input }), crm, state, brand: BRAND });
      try {
        await sync.run();
      } finally {
        await sync.close();
      }
    };
    try {
      writeFileSync(input, [line('1', '2026-12-01T10:00:00Z'), line(5, '2026-12-01T10:01:00Z'), line(' 7 ', '2026-02-30T10:02:00Z')].join('\n') + '\n');
      await run();
      expect((await state.listDeadLetters()).map((l) => l.postId).sort()).toEqual(['twitter:5', 'twitter:7']);

      writeFileSync(input, [line('1', '2026-12-01T10:00:00Z'), line('5', '2026-12-01T10:01:00Z'), line('7', '2026-12-01T10:02:00Z')].join('\n') + '\n');
      await run();
      expect(await state.listDeadLetters()).toEqual([]);
      expect(crm.snapshot().cases.map((c) => c.externalPostId).sort()).toEqual(['twitter:1', 'twitter:5', 'twitter:7']);
    } finally {
      await state.close();
    }
  });
});
