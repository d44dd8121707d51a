import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalPostId, identityKey, threadKeyOf, type SocialPost } from '../../src/model/social-post.js';
import { validatePost } from '../../src/model/validate.js';
import type { PostRecord } from '../../src/state/types.js';
import { prepareBatch, type PreparedBatch } from '../../src/sync/prepare.js';
import { deriveThreadIds, parentExternalId } from '../../src/threads/derive-thread.js';
import type { TriageDecision } from '../../src/triage/triage.js';

/** The engine's first prepareBatch (before its keys were computed once), kept as the reference. */
function referencePrepare(posts: readonly SocialPost[], known: ReadonlyMap<string, PostRecord>, triage: (post: SocialPost) => TriageDecision): PreparedBatch {
  const byCreatedAt = (a: SocialPost, b: SocialPost): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
  const seen = new Set<string>();
  const fresh: SocialPost[] = [];
  let duplicates = 0;
  for (const post of [...posts].sort(byCreatedAt)) {
    const key = externalPostId(post);
    if (seen.has(key) || known.has(key)) {
      duplicates += 1;
      continue;
    }
    seen.add(key);
    fresh.push(post);
  }
  const byKey = new Map(fresh.map((p) => [externalPostId(p), p]));
  const placed = new Set<string>();
  const ordered: SocialPost[] = [];
  for (const post of fresh) {
    const chain: SocialPost[] = [];
    const onChain = new Set<string>();
    let current: SocialPost | undefined = post;
    while (current !== undefined) {
      const key = externalPostId(current);
      if (placed.has(key) || onChain.has(key)) break;
      chain.push(current);
      onChain.add(key);
      const parent = parentExternalId(current);
      current = parent === undefined ? undefined : byKey.get(parent);
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const item = chain[i] as SocialPost;
      placed.add(externalPostId(item));
      ordered.push(item);
    }
  }
  const threads = deriveThreadIds(ordered, known);
  return {
    posts: ordered.map((post) => {
      const key = externalPostId(post);
      const threadId = threads.get(key) ?? post.id;
      return { post, key, authorKey: identityKey(post.author), threadId, threadKey: threadKeyOf(post.provider, threadId), decision: triage(post), parentKey: parentExternalId(post) };
    }),
    duplicates,
  };
}

const postArb = fc.record({
  id: fc.integer({ min: 1, max: 12 }),
  second: fc.integer({ min: 0, max: 3 }), // ties on createdAt are common
  parent: fc.option(fc.integer({ min: 1, max: 14 }), { nil: undefined }), // cycles, self-replies and parents outside the page
  threadId: fc.option(fc.constantFrom('T1', 'T2', '1', '3'), { freq: 5, nil: undefined }), // '1', '3': a post's or its parent's own id
  provider: fc.constantFrom('twitter', 'twitter', 'x2'),
});

function toPost(p: { id: number; second: number; parent: number | undefined; threadId: string | undefined; provider: string }): SocialPost {
  const v = validatePost({
    id: String(p.id),
    provider: p.provider,
    text: `post ${p.id}`,
    createdAt: `2026-10-01T08:00:0${p.second}Z`,
    author: { provider: p.provider, id: `a${p.id % 3}`, handle: `h${p.id % 3}` },
    ...(p.parent === undefined ? {} : { inReplyTo: { postId: String(p.parent) } }),
    ...(p.threadId === undefined ? {} : { threadId: p.threadId }),
  });
  if (!v.ok) throw v.error;
  return v.post;
}

describe('prepareBatch', () => {
  it('orders, dedupes, threads and triages exactly as the reference does', () => {
    fc.assert(
      fc.property(fc.array(postArb, { maxLength: 30 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 14 }), fc.constantFrom('K1', 'K2')), { maxLength: 6 }), (raw, knownList) => {
        const posts = raw.map(toPost);
        const known = new Map<string, PostRecord>(knownList.map(([id, threadId]) => [`twitter:${id}`, { postId: `twitter:${id}`, threadId, authorKey: 'twitter:k', outcome: 'case' }]));
        let calls = 0;
        const triage = (post: SocialPost): TriageDecision => ({ action: 'case', priority: 'Medium', reasons: [`${(calls += 1)} ${post.id}`], sentiment: 0, influence: 'low' });
        const actual = prepareBatch(posts, known, triage);
        calls = 0;
        expect(actual).toEqual(referencePrepare(posts, known, triage));
      }),
      { numRuns: 300 },
    );
  });
});
