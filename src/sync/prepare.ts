import { externalPostId, identityKey, threadKeyOf, type SocialPost } from '../model/social-post.js';
import type { PostRecord } from '../state/types.js';
import { parentExternalId, threadIdOf } from '../threads/derive-thread.js';
import type { TriageDecision } from '../triage/triage.js';

/** A post of the batch with everything the later stages need. */
export interface PreparedPost {
  readonly post: SocialPost;
  /** External post id (`provider:postId`). */
  readonly key: string;
  /** Its author's identity key (`provider:userId`), computed once for every stage. */
  readonly authorKey: string;
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
 * Indices of the page in `createdAt` order (stable: `Array.prototype.sort` is); `undefined` for a
 * page already in that order (the usual case), without sorting anything.
 */
function timeOrder(posts: readonly SocialPost[]): number[] | undefined {
  for (let i = 1; i < posts.length; i += 1) {
    if (byCreatedAt(posts[i - 1] as SocialPost, posts[i] as SocialPost) > 0) {
      return posts.map((_, index) => index).sort((a, b) => byCreatedAt(posts[a] as SocialPost, posts[b] as SocialPost));
    }
  }
  return undefined;
}

/** The external ids of a page's posts and of their parents, in page order (see {@link pageKeys}). */
export interface PageKeys {
  /** `externalPostId(posts[i])`. */
  readonly posts: readonly string[];
  /** `parentExternalId(posts[i])`. */
  readonly parents: readonly (string | undefined)[];
}

/** Computes {@link PageKeys}: the batch needs them to read the state before preparing, and prepares with the same strings. */
export function pageKeys(posts: readonly SocialPost[]): PageKeys {
  const keys: string[] = new Array<string>(posts.length);
  const parents: (string | undefined)[] = new Array<string | undefined>(posts.length);
  for (let i = 0; i < posts.length; i += 1) {
    const post = posts[i] as SocialPost;
    keys[i] = externalPostId(post);
    parents[i] = parentExternalId(post);
  }
  return { posts: keys, parents };
}

/** A post of the page with its keys computed once, and the marks {@link parentsFirst} walks with. */
interface Entry {
  readonly post: SocialPost;
  readonly key: string;
  readonly parentKey: string | undefined;
  placed: boolean;
  /** Number of the last walk that put it on its chain (a cycle in bad input ends the walk). */
  walk: number;
  /** Its thread id, once derived (posts are derived in their final order, parents first). */
  threadId: string | undefined;
}

/**
 * Puts every post after its parent when both are in the batch, otherwise keeping `createdAt` order:
 * timestamps with second resolution tie (a brand answer in the same second as the complaint), and
 * clocks disagree, yet a reply can only be routed once its parent has been.
 */
function parentsFirst(entries: readonly Entry[], byKey: ReadonlyMap<string, Entry>): Entry[] {
  const out: Entry[] = [];
  let walk = 0;
  for (const entry of entries) {
    if (entry.placed) continue;
    // Walk up to the oldest unplaced ancestor in the batch, then place down the chain (no recursion: chains can be long).
    walk += 1;
    const chain: Entry[] = [];
    let current: Entry | undefined = entry;
    while (current !== undefined && !current.placed && current.walk !== walk) {
      // stops at a post placed already, or at a cycle in bad input
      chain.push(current);
      current.walk = walk;
      current = current.parentKey === undefined ? undefined : byKey.get(current.parentKey);
    }
    for (let i = chain.length - 1; i >= 0; i -= 1) {
      const item = chain[i] as Entry;
      item.placed = true;
      out.push(item);
    }
  }
  return out;
}

/**
 * Sorts a page by `createdAt` (stable; a parent in the page always before its replies), drops posts
 * already handled (dedupe by external id), triages each post and derives its thread ({@link threadIdOf},
 * in the same pass). `keys` are the page's {@link pageKeys} when the caller has them already.
 */
export function prepareBatch(
  posts: readonly SocialPost[],
  known: ReadonlyMap<string, PostRecord>,
  triage: (post: SocialPost) => TriageDecision,
  keys: PageKeys = pageKeys(posts),
): PreparedBatch {
  const byKey = new Map<string, Entry>(); // the fresh posts of the page so far, by key (what was seen)
  const fresh: Entry[] = [];
  let duplicates = 0;
  const order = timeOrder(posts);
  for (let n = 0; n < posts.length; n += 1) {
    const i = order === undefined ? n : (order[n] as number);
    const key = keys.posts[i] as string;
    if (byKey.has(key) || known.has(key)) {
      duplicates += 1;
      continue;
    }
    const entry: Entry = { post: posts[i] as SocialPost, key, parentKey: keys.parents[i], placed: false, walk: 0, threadId: undefined };
    byKey.set(key, entry);
    fresh.push(entry);
  }
  const ordered = parentsFirst(fresh, byKey);
  // The thread ids of the posts derived so far (undefined for the others), by key: read from the entries, no second map.
  const threads = { get: (key: string): string | undefined => byKey.get(key)?.threadId };
  const prepared: PreparedPost[] = [];
  for (const entry of ordered) {
    const { post, key, parentKey } = entry;
    const threadId = threadIdOf(post, parentKey, threads, known);
    entry.threadId = threadId;
    // The thread key is often the post's own key or its parent's: the same string then, not a copy (its hash is computed once).
    const threadKey = threadId === post.id ? key : parentKey !== undefined && threadId === post.inReplyTo?.postId ? parentKey : threadKeyOf(post.provider, threadId);
    prepared.push({ post, key, authorKey: identityKey(post.author), threadId, threadKey, decision: triage(post), parentKey });
  }
  return { posts: prepared, duplicates };
}
