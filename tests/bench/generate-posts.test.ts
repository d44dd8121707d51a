import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePosts, SYNTHETIC_BRANDS, writePostsJsonl } from '../../bench/generate-posts.js';
import { validatePost } from '../../src/model/validate.js';

const dir = mkdtempSync(join(tmpdir(), 'gen-posts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generatePosts', () => {
  const posts = [...generatePosts(20_000, 7)];

  it('is deterministic and yields exactly count valid posts with unique 19-digit ids', () => {
    expect(posts).toHaveLength(20_000);
    expect([...generatePosts(20_000, 7)]).toEqual(posts);
    expect([...generatePosts(20_000, 8)].slice(0, 50)).not.toEqual(posts.slice(0, 50));
    expect(new Set(posts.map((p) => p.id)).size).toBe(20_000);
    expect(posts.every((p) => /^\d{19}$/.test(p.id))).toBe(true);
    expect(posts.every((p) => validatePost(p).ok)).toBe(true);
  });

  it('has the intended mix of kinds and authors', () => {
    const share = (pred: (p: (typeof posts)[number]) => boolean): number => posts.filter(pred).length / posts.length;
    const brandIds = new Set<string>(SYNTHETIC_BRANDS.map((b) => b.id));
    expect(share((p) => p.kind === 'post')).toBeCloseTo(0.6, 1);
    expect(share((p) => p.kind === 'reply' && !brandIds.has(p.author.id))).toBeCloseTo(0.25, 1);
    expect(share((p) => brandIds.has(p.author.id))).toBeCloseTo(0.1, 1);
    expect(share((p) => p.kind === 'repost')).toBeGreaterThan(0.02);
    expect(share((p) => p.kind === 'direct_message')).toBeGreaterThan(0.01);
    const customers = new Set(posts.filter((p) => !brandIds.has(p.author.id)).map((p) => p.author.id));
    expect(customers.size).toBeLessThanOrEqual(4_000);
    expect(customers.size).toBeGreaterThan(3_000);
  });

  it('keeps replies after their parents, in their thread', () => {
    const seen = new Map<string, string>();
    for (const p of posts) {
      if (p.inReplyTo) expect(seen.get(p.inReplyTo.postId)).toBe(p.threadId);
      seen.set(p.id, p.threadId ?? '');
    }
    const times = posts.map((p) => Date.parse(p.createdAt));
    expect(times.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);
  });
});

describe('writePostsJsonl', () => {
  it('streams exactly count lines identical to the generator', async () => {
    const path = join(dir, 'nested', 'posts.jsonl');
    await expect(writePostsJsonl(path, 3_000, 11)).resolves.toBe(3_000);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines).toHaveLength(3_001);
    expect(lines[3_000]).toBe('');
    expect(lines.slice(0, 3_000).map((l) => JSON.parse(l) as unknown)).toEqual([...generatePosts(3_000, 11)]);
  });
});
