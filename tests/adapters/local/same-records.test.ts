/**
 * The local CRM file a generated sync writes is pinned byte for byte (sha256 recorded from the
 * implementation before the snapshot writer copied unchanged rows' bytes), across reopens, mid-run
 * compactions and idle writes; and every file it writes is exactly what the plain writer makes of
 * its own parsed content (one row per line, rows as `JSON.stringify`). Runs 2 and 3 open the file of
 * run 1, whose hash is the one the implementation before wrote: a crm.json of before opens and syncs
 * on to the same records, byte for byte.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts, SYNTHETIC_BRANDS } from '../../../bench/generate-posts.js';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { writeSnapshotJson } from '../../../src/files/snapshot-json.js';
import { arraySource } from '../../../src/sources/array-source.js';
import { memoryStateStore } from '../../../src/state/index.js';
import { createSync } from '../../../src/sync/create-sync.js';

const dir = mkdtempSync(join(tmpdir(), 'local-same-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-11-01T00:00:00.000Z');
const BRAND = { handles: SYNTHETIC_BRANDS.map((b) => b.handle), ids: SYNTHETIC_BRANDS.map((b) => b.id) };
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What the plain writer (every row through `JSON.stringify`) makes of a file's parsed content. */
function rewrittenPlainly(text: string): string {
  const path = join(dir, 'plain.json');
  const fd = openSync(path, 'w');
  try {
    writeSnapshotJson(fd, JSON.parse(text) as Record<string, unknown>);
  } finally {
    closeSync(fd);
  }
  return readFileSync(path, 'utf8');
}

/**
 * Hashes recorded with the writer of before (every row stringified at every write), for the runs
 * below: one per run, after its close.
 */
const EXPECTED = {
  afterRun: [
    'c9651130166b242daa8d1ef99189e08edddd8e177300adca76b8d74a2f59c730',
    'e072bb1109ecff17a2532a42da27d89fde6ab0f958b4df44ac0e4a325127763f',
    'd37ca62dcfbfb2d8cc7e9ac0b32df8723d3377ca80291e9f6f09464e2321a14c',
  ],
};

describe('local CRM file of a generated sync', () => {
  it('is byte for byte the file of before, through reopens, compactions and idle writes', async () => {
    const posts = [...generatePosts(3_000, 11)];
    const path = join(dir, 'crm.json');
    const state = memoryStateStore();
    const parts = [posts.slice(0, 1_200), posts.slice(1_200, 2_100), posts.slice(2_100)];
    const hashes: string[] = [];
    for (const [i, part] of parts.entries()) {
      // A small compaction threshold: many rewrites mid-run, from rows loaded, replayed and committed.
      const crm = localCrmAdapter({ path, durability: 'flush', now: () => NOW, compactBytes: 40_000 + i * 30_000, idleWriteMs: 0 });
      const sync = createSync({ source: arraySource(part, `gen${i}`), crm, state, brand: BRAND, batchSize: 150 + i * 100 });
      try {
        await sync.run();
        await crm.idle?.();
      } finally {
        await sync.close();
        await crm.close();
      }
      const text = readFileSync(path, 'utf8');
      expect(rewrittenPlainly(text)).toBe(text);
      hashes.push(sha256(text));
    }
    expect(hashes).toEqual(EXPECTED.afterRun);
  });
});
