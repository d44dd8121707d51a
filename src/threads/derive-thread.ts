import { externalPostId, type SocialPost } from '../model/social-post.js';
import type { PostRecord } from '../state/types.js';

/** External id of the post a post answers, if any. */
export function parentExternalId(post: SocialPost): string | undefined {
  return post.inReplyTo === undefined ? undefined : externalPostId({ provider: post.provider, id: post.inReplyTo.postId });
}

/**
 * The thread id of one post, given the thread ids of the posts before it in the batch (`threads`, by
 * external post id) and the state's records: an explicit `threadId` wins; a reply takes its parent's
 * thread (known from this batch or from state), else the parent's id; a post without a parent starts
 * its own thread. `parentKey` is {@link parentExternalId} of the post.
 */
export function threadIdOf(
  post: SocialPost,
  parentKey: string | undefined,
  threads: Pick<ReadonlyMap<string, string>, 'get'>,
  known: ReadonlyMap<string, PostRecord>,
): string {
  if (post.threadId !== undefined) return post.threadId;
  if (post.inReplyTo === undefined) return post.id;
  const parent = parentKey ?? '';
  return threads.get(parent) ?? known.get(parent)?.threadId ?? post.inReplyTo.postId;
}

/**
 * Derives the thread id of every post of a batch (each parent in the batch before its replies), by
 * {@link threadIdOf}.
 *
 * @returns thread id by external post id.
 */
export function deriveThreadIds(
  posts: readonly SocialPost[],
  known: ReadonlyMap<string, PostRecord>,
): Map<string, string> {
  const threads = new Map<string, string>();
  for (const post of posts) threads.set(externalPostId(post), threadIdOf(post, parentExternalId(post), threads, known));
  return threads;
}
