import { externalPostId, threadKeyOf, type SocialPost } from '../model/social-post.js';
import type { PostRecord } from '../state/types.js';
import { deriveThreadIds, parentExternalId } from '../threads/derive-thread.js';
import type { TriageDecision } from '../triage/triage.js';

/** A post of the batch with everything the later stages need. */
export interface PreparedPost {
  readonly post: SocialPost;
  /** External post id (`provider:postId`). */
  readonly key: string;
  readonly threadId: string;
  readonly threadKey: string;
  readonly decision: TriageDecision;
  /** External id of the parent post, for replies. */
  readonly parentKey: string | undefined;
}

/** Result of preparing a batch. */
export interface PreparedBatch {
  readonly posts: readonly PreparedPost[];
  /** Posts skipped because they were seen before (in state or earlier in the batch). */
  readonly duplicates: number;
}

const byCreatedAt = (a: SocialPost, b: SocialPost): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/**
 * Puts every post after its parent when both are in the batch, otherwise keeping `createdAt` order:
 * timestamps with second resolution tie (a brand answer in the same second as the complaint), and
 * clocks disagree, yet a reply can only be routed once its parent has been.
 */
function parentsFirst(posts: readonly SocialPost[]): SocialPost[] {
  const byKey = new Map(posts.map((p) => [externalPostId(p), p]));
  const placed = new Set<string>();
  const out: SocialPost[] = [];
  const place = (post: SocialPost): void => {
    // Walk up to the oldest unplaced ancestor in the batch, then place down the chain (no recursion: chains can be long).
    const chain: SocialPost[] = [];
    const onChain = new Set<string>();
    let current: SocialPost | undefined = post;
    while (current !== undefined) {
      const key = externalPostId(current);
      if (placed.has(key) || onChain.has(key)) break; // placed already, or a cycle in bad input
      chain.push(current);
      onChain.add(key);
      const parent = parentExternalId(current);
      current = parent === undefined ? undefined : byKey.get(parent);
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const item = chain[i] as SocialPost;
      placed.add(externalPostId(item));
      out.push(item);
    }
  };
  for (const post of posts) place(post);
  return out;
}

/**
 * Sorts a page by `createdAt` (stable; a parent in the page always before its replies), drops posts
 * already handled (dedupe by external id), triages each post and derives its thread.
 */
export function prepareBatch(
  posts: readonly SocialPost[],
  known: ReadonlyMap<string, PostRecord>,
  triage: (post: SocialPost) => TriageDecision,
): PreparedBatch {
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
  const ordered = parentsFirst(fresh);
  const threads = deriveThreadIds(ordered, known);
  const prepared = ordered.map((post): PreparedPost => {
    const key = externalPostId(post);
    const threadId = threads.get(key) ?? post.id;
    return { post, key, threadId, threadKey: threadKeyOf(post.provider, threadId), decision: triage(post), parentKey: parentExternalId(post) };
  });
  return { posts: prepared, duplicates };
}
