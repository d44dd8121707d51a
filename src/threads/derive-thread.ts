import { externalPostId, type SocialPost } from '../model/social-post.js';
import type { PostRecord } from '../state/types.js';

/** External id of the post a post answers, if any. */
export function parentExternalId(post: SocialPost): string | undefined {
  return post.inReplyTo === undefined ? undefined : externalPostId({ provider: post.provider, id: post.inReplyTo.postId });
}

/**
 * Derives the thread id of every post of a batch (each parent in the batch before its replies). An explicit
 * `threadId` wins; a reply takes its parent's thread (known from this batch or from state), else the
 * parent's id; a post without a parent starts its own thread.
 *
 * @returns thread id by external post id.
 */
export function deriveThreadIds(
  posts: readonly SocialPost[],
  known: ReadonlyMap<string, PostRecord>,
): Map<string, string> {
  const threads = new Map<string, string>();
  for (const post of posts) {
    const key = externalPostId(post);
    let threadId = post.threadId;
    if (threadId === undefined && post.inReplyTo !== undefined) {
      const parent = parentExternalId(post) ?? '';
      threadId = threads.get(parent) ?? known.get(parent)?.threadId ?? post.inReplyTo.postId;
    }
    threads.set(key, threadId ?? post.id);
  }
  return threads;
}
