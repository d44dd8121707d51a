/**
 * The local CRM's indexes keyed by post: Cases by the external post id that opened them, Cases by
 * thread key, comments by external post id. All three keys are `provider:postId` strings and a
 * thread key is usually the external post id of the Case that opened the thread, so one `Map`
 * holds the three lists under each key: a lookup probes a key once for its Cases and comments, and a
 * new Case whose thread key is its own post id files both with one probe (three maps cost twice the
 * probes on the CRM's ~130k keys at 200k posts).
 */

/** Ids under one key of one list: none, a lone id (most keys), or a Set once a second one comes. */
export type PostKeyIds = string | Set<string> | undefined;

/** Which list of a key: {@link POST_LIST}. */
export type PostList = 0 | 1 | 2;

/** The three lists kept under each key. */
export const POST_LIST = { caseByPost: 0, caseByThread: 1, commentByPost: 2 } as const satisfies Record<string, PostList>;

/** The three lists of one key, indexed by {@link PostList}. */
export type PostKeyEntry = [PostKeyIds, PostKeyIds, PostKeyIds];

const NONE: readonly string[] = Object.freeze([]);

function withId(held: PostKeyIds, id: string): PostKeyIds {
  if (held === undefined) return id;
  if (typeof held === 'string') return held === id ? held : new Set([held, id]);
  held.add(id);
  return held;
}

function withoutId(held: PostKeyIds, id: string): PostKeyIds {
  if (held === undefined) return undefined;
  if (typeof held === 'string') return held === id ? undefined : held;
  held.delete(id);
  if (held.size === 1) return held.values().next().value as string;
  return held.size === 0 ? undefined : held;
}

/** Adds every id of one list to `into`, in the list's order. */
export function addPostKeyIdsTo(held: PostKeyIds, into: Set<string>): void {
  if (held === undefined) return;
  if (typeof held === 'string') into.add(held);
  else for (const id of held) into.add(id);
}

/** The ids of one list as an iterable (a lone id as a one-element array). */
export function postKeyIds(held: PostKeyIds): Iterable<string> {
  if (held === undefined) return NONE;
  return typeof held === 'string' ? [held] : held;
}

/** The three post-keyed indexes in one map. */
export class PostKeyIndex {
  private readonly map = new Map<string, PostKeyEntry>();

  /** The lists under `key`, or undefined when the key holds none. Read only: change through add/remove. */
  entry(key: string): Readonly<PostKeyEntry> | undefined {
    return this.map.get(key);
  }

  /** Files `id` under `key` in `list` (null or empty keys are not indexed). */
  add(list: PostList, key: string | null, id: string): void {
    if (key === null || key === '') return;
    const entry = this.map.get(key);
    if (entry === undefined) {
      const fresh: PostKeyEntry = [undefined, undefined, undefined];
      fresh[list] = id;
      this.map.set(key, fresh);
    } else entry[list] = withId(entry[list], id);
  }

  /**
   * Files a Case under its external post id and its thread key: one probe when both are the same
   * key (a thread's first Case), as {@link PostKeyIndex.add} twice otherwise.
   */
  addCase(externalPostId: string | null, threadKey: string | null, id: string): void {
    if (externalPostId === null || externalPostId === '' || externalPostId !== threadKey) {
      this.add(POST_LIST.caseByPost, externalPostId, id);
      this.add(POST_LIST.caseByThread, threadKey, id);
      return;
    }
    const entry = this.map.get(externalPostId);
    if (entry === undefined) this.map.set(externalPostId, [id, id, undefined]);
    else {
      entry[POST_LIST.caseByPost] = withId(entry[POST_LIST.caseByPost], id);
      entry[POST_LIST.caseByThread] = withId(entry[POST_LIST.caseByThread], id);
    }
  }

  /** Takes `id` out of `list` under `key`; a key left with no ids at all goes. */
  remove(list: PostList, key: string | null, id: string): void {
    if (key === null) return;
    const entry = this.map.get(key);
    if (entry === undefined) return;
    entry[list] = withoutId(entry[list], id);
    if (entry[0] === undefined && entry[1] === undefined && entry[2] === undefined) this.map.delete(key);
  }

  /** The ids under `key` in `list`. */
  get(list: PostList, key: string): Iterable<string> {
    return postKeyIds(this.map.get(key)?.[list]);
  }

  /** The first id under `key` in `list`. */
  first(list: PostList, key: string): string | undefined {
    const held = this.map.get(key)?.[list];
    if (held === undefined || typeof held === 'string') return held;
    for (const id of held) return id;
    return undefined;
  }
}
