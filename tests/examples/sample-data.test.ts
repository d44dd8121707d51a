import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHashtags, extractMentions } from '../../bench/twitter-text.js';
import {
  BAD_LINES_PATH, buildBadLines, buildSample, DUPLICATE_LINES, INVALID_LINE_NUMBERS, SAMPLE_POSTS_PATH,
} from '../../examples/data/make-sample.js';
import { INVALID_LINES } from '../../examples/data/sample/hostile.js';
import type { SocialPost } from '../../src/model/social-post.js';
import { validatePost } from '../../src/model/validate.js';

const BRAND_IDS = new Set(['900000000000000001', '900000000000000002']);
const text = readFileSync(SAMPLE_POSTS_PATH, 'utf8');
const lines = text.split('\n');
const rows = lines.slice(0, -1).map((raw, i) => {
  let value: unknown;
  let json = true;
  try {
    value = JSON.parse(raw);
  } catch {
    json = false;
  }
  return { lineNo: i + 1, raw, json, result: json ? validatePost(value) : undefined };
});
const valid = rows.flatMap((r) => (r.result?.ok ? [{ lineNo: r.lineNo, post: r.result.post }] : []));
const firstById = new Map<string, { lineNo: number; post: SocialPost }>();
for (const v of valid) if (!firstById.has(v.post.id)) firstById.set(v.post.id, v);
const posts = [...firstById.values()].map((v) => v.post);
const byId = new Map(posts.map((p) => [p.id, p]));

describe('sample-posts.jsonl', () => {
  it('is exactly what make-sample.ts writes', () => {
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1)).toEqual(buildSample().lines);
  });

  it('has no invalid line: the demo runs clean', () => {
    expect(rows.filter((r) => !r.result?.ok).map((r) => r.lineNo)).toEqual([]);
  });

  it('bad-lines.jsonl has exactly 4 invalid lines, where the header says, failing on the named field', () => {
    const badText = readFileSync(BAD_LINES_PATH, 'utf8');
    expect(badText.split('\n').slice(0, -1)).toEqual(buildBadLines());
    const badRows = badText.split('\n').slice(0, -1).map((raw, i) => {
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        return { lineNo: i + 1, json: false, result: undefined };
      }
      return { lineNo: i + 1, json: true, result: validatePost(value) };
    });
    const invalid = badRows.filter((r) => !r.result?.ok);
    expect(invalid.map((r) => r.lineNo)).toEqual([...INVALID_LINE_NUMBERS]);
    expect(invalid[0]?.json).toBe(false);
    const fields = invalid.slice(1).map((r) => (r.result && !r.result.ok ? r.result.error.details.field : ''));
    expect(fields).toEqual(['author.handle', 'createdAt', 'text']);
    expect(INVALID_LINES.map((l) => l.field)).toEqual(['(line)', 'author.handle', 'createdAt', 'text']);
    expect(badRows.filter((r) => r.result?.ok)).toHaveLength(3);
  });

  it('has ≥ 300 distinct valid posts and exactly 3 exact duplicate lines', () => {
    expect(posts.length).toBeGreaterThanOrEqual(300);
    expect(valid.length - posts.length).toBe(3);
    const dups = valid.filter((v) => firstById.get(v.post.id)?.lineNo !== v.lineNo);
    const expected = DUPLICATE_LINES.map((d) => (d.line === 'last' ? rows.length : d.line));
    expect(dups.map((d) => d.lineNo)).toEqual(expected);
    const rawAt = (lineNo: number) => rows[lineNo - 1]?.raw;
    for (const d of dups) expect(rawAt(d.lineNo)).toBe(rawAt(firstById.get(d.post.id)?.lineNo ?? 0));
  });

  it('uses realistic ids, urls, dates, mentions and hashtags', () => {
    for (const p of posts) {
      expect(p.id).toMatch(/^\d{19}$/);
      expect(p.author.id).toMatch(/^\d+$/);
      expect(p.provider).toBe('twitter');
      const t = Date.parse(p.createdAt);
      expect(t).toBeGreaterThanOrEqual(Date.parse('2026-10-01T00:00:00Z'));
      expect(t).toBeLessThan(Date.parse('2026-11-20T00:00:00Z'));
      if (p.kind === 'direct_message') {
        expect(p.url).toBeUndefined();
        const customer = BRAND_IDS.has(p.author.id) ? byId.get(p.inReplyTo?.postId ?? '')?.author.id : p.author.id;
        expect(p.threadId).toBe(`dm-${customer ?? '?'}`);
      } else {
        expect(p.url).toBe(`https://x.com/${p.author.handle}/status/${p.id}`);
        expect(p.mentions).toEqual(extractMentions(p.text));
        expect(p.hashtags).toEqual(extractHashtags(p.text));
      }
    }
    expect(posts.filter((p) => p.metrics).length / posts.length).toBeGreaterThan(0.7);
    expect(posts.filter((p) => p.author.followers !== undefined).length / posts.length).toBeGreaterThan(0.7);
    expect(new Set(posts.map((p) => p.lang))).toEqual(new Set(['en', 'es', 'fr', 'de', 'ar', 'he']));
  });

  it('puts every reply after its parent, in the same thread', () => {
    const lineOf = (id: string) => firstById.get(id)?.lineNo ?? Infinity;
    let inFile = 0;
    for (const p of posts) {
      const parent = p.inReplyTo ? byId.get(p.inReplyTo.postId) : undefined;
      if (!p.inReplyTo || !parent) continue;
      inFile += 1;
      expect(lineOf(parent.id)).toBeLessThan(lineOf(p.id));
      expect(Date.parse(parent.createdAt)).toBeLessThan(Date.parse(p.createdAt));
      expect(p.inReplyTo.authorId).toBe(parent.author.id);
      if (parent.threadId !== undefined && p.threadId !== undefined) expect(p.threadId).toBe(parent.threadId);
      if (BRAND_IDS.has(p.author.id) && p.kind !== 'direct_message') expect(p.mentions.length).toBeGreaterThan(0);
    }
    expect(inFile).toBeGreaterThan(200);
  });
});

/** Walks up inReplyTo links to the post that started the thread (within the file). */
function rootOf(p: SocialPost): SocialPost {
  let cur = p;
  for (let parent = byId.get(cur.inReplyTo?.postId ?? ''); parent; parent = byId.get(cur.inReplyTo?.postId ?? '')) cur = parent;
  return cur;
}

describe('sample scenarios', () => {
  const s = buildSample().scenarios;

  it('has a chain of 100+ replies between one customer and @AcmeHelp', () => {
    const last = byId.get('1980050000000000105');
    let depth = 0;
    const authors = new Set<string>();
    for (let p = last; p?.inReplyTo; p = byId.get(p.inReplyTo.postId)) {
      depth += 1;
      authors.add(p.author.handle);
    }
    expect(depth).toBe(104);
    expect(authors).toEqual(new Set(['kev_on_hold', 'AcmeHelp']));
    expect(last && rootOf(last).id).toBe('1980050000000000001');
    expect(posts.filter((p) => p.id.startsWith('1980050') && p.threadId !== undefined)).toHaveLength(0);
  });

  it('has ≥ 15 customer/brand threads, several of 6+ turns', () => {
    const threads = new Map<string, SocialPost[]>();
    for (const p of posts) {
      if (p.kind === 'direct_message') continue;
      const root = rootOf(p);
      threads.set(root.id, [...(threads.get(root.id) ?? []), p]);
    }
    const convo = [...threads.values()].filter((t) => {
      const brand = t.filter((p) => BRAND_IDS.has(p.author.id)).length;
      return brand >= 2 && t.length - brand >= 2 && !BRAND_IDS.has(t[0]?.author.id ?? '');
    });
    expect(convo.length).toBeGreaterThanOrEqual(15);
    expect(convo.filter((t) => t.length >= 6).length).toBeGreaterThanOrEqual(8);
    expect(s['threads']).toHaveLength(18);
  });

  it('has DMs, reposts, quotes, a broadcast with 6 repliers and a bystander', () => {
    expect(posts.filter((p) => p.kind === 'direct_message')).toHaveLength(12);
    expect(posts.filter((p) => p.kind === 'repost')).toHaveLength(5);
    expect(posts.filter((p) => p.kind === 'quote')).toHaveLength(3);
    const cast = byId.get('1980060000000000001');
    expect(cast?.author.handle).toBe('AcmeTelecom');
    const repliers = posts.filter((p) => p.inReplyTo?.postId === cast?.id && !BRAND_IDS.has(p.author.id));
    expect(new Set(repliers.map((p) => p.author.id)).size).toBe(6);
    const bystander = byId.get('1980063000000000003');
    expect(bystander?.inReplyTo?.postId).toBe('1980063000000000001');
    expect(bystander?.author.id).not.toBe(byId.get('1980063000000000001')?.author.id);
  });

  it('has a rename, one customer with two threads, and the hostile texts', () => {
    const renamed = posts.filter((p) => p.author.id === '1400000401');
    expect(new Set(renamed.map((p) => p.author.handle))).toEqual(new Set(['jkowalski_88', 'jordan_kowalski']));
    const bea = posts.filter((p) => p.author.handle === 'bea_santos' && !p.inReplyTo);
    expect(bea.map((p) => p.id)).toEqual(['1980065000000000001', '1980065000000000004']);
    const h = (id: string) => byId.get(id)?.text ?? '∅';
    expect(h('1980070000000000004')).toHaveLength(10_000);
    expect(h('1980070000000000006')).toBe('');
    for (const c of ['\u0000', '\u0007', '\u001b[31m']) expect(h('1980070000000000005')).toContain(c);
    expect(h('1980070000000000002')).toContain("' OR Name LIKE '%");
    expect(h('1980070000000000001')).toMatch(/"Bob's \\"Fast\\" WiFi"[\s\S]*\\n[\s\S]*\n/);
    expect(h('1980070000000000003')).toContain('👨‍👩‍👧‍👦');
    expect(h('1980070000000000007')).toMatch(/[\u0600-\u06FF]/);
    expect(byId.get('1980070000000000009')?.author.displayName).toHaveLength(300);
  });
});
