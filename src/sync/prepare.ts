import { externalPostId, threadKeyOf, type SocialPost } from '../model/social-post.js';
import type { PostRecord } from '../state/types.js';
import { deriveThreadIds, parentExternalId } from '../threads/derive-thread.js';
import type { TriageDecision } from '../mapping/triage.js';

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
 * Sorts a page by `createdAt` (stable), drops posts already handled (dedupe by external id),
 * triages each post and derives its thread.
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
  const threads = deriveThreadIds(fresh, known);
  const prepared = fresh.map((post): PreparedPost => {
    const key = externalPostId(post);
    const threadId = threads.get(key) ?? post.id;
    return { post, key, threadId, threadKey: threadKeyOf(post.provider, threadId), decision: triage(post), parentKey: parentExternalId(post) };
  });
  return { posts: prepared, duplicates };
}
