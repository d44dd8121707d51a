import type { DeadLetter } from '../model/dead-letter.js';

/** What became of a post. */
export type PostOutcome = 'case' | 'comment' | 'ignored' | 'dead';

/** What the connector remembers of a handled post (key: external post id `provider:postId`). */
export interface PostRecord {
  readonly postId: string;
  /** The thread id (without provider) the post belongs to, for deriving the thread of its replies. */
  readonly threadId: string;
  readonly outcome: PostOutcome;
  /** The Case the post opened or joined. */
  readonly caseId?: string;
  /** The comment record, for outcome `comment`. */
  readonly recordId?: string;
  /** Author identity key (`provider:userId`). */
  readonly authorKey: string;
  /** Why the post was not synced, for outcomes `ignored` and `dead` (e.g. the triage rule that ignored it). */
  readonly reason?: string;
  /** When the record was written (ISO 8601), for retention (`--compact-state`); absent in records of older versions. */
  readonly at?: string;
}

/** How a social identity was matched to a CRM Contact. */
export type MatchMethod = 'providerId' | 'handle' | 'email' | 'created';

/** Identity cache entry: social identity → Contact. */
export interface IdentityRecord {
  /** `provider:userId`. */
  readonly key: string;
  readonly contactId: string;
  readonly handle: string;
  /** How the Contact was found (`created`: made for this identity; it stays `created` when later batches find that Contact by its provider id). */
  readonly method: MatchMethod;
  /** Confidence of the match, 0 to 1 (1 for `providerId` and `created`). */
  readonly confidence: number;
  readonly updatedAt: string;
}

/** Everything one batch changes in the state, written atomically together with the checkpoint. */
export interface StateCommit {
  /** Source stream id. */
  readonly stream: string;
  /** New checkpoint of the stream (absent: unchanged). */
  readonly checkpoint?: string | null;
  readonly posts: readonly PostRecord[];
  readonly identities: readonly IdentityRecord[];
  readonly deadLetters: readonly DeadLetter[];
}

/** A dead letter as a store keeps it: with the store's own id (an opaque cursor, increasing with age). */
export type StoredDeadLetter = DeadLetter & { readonly id: string };

/** One page of {@link StateStore.listDeadLetters}. */
export interface DeadLetterQuery {
  /** Only letters after this id (the last `id` of the previous page); absent: from the oldest. */
  readonly after?: string;
  /** At most this many letters (absent: all). */
  readonly limit?: number;
  /** Only letters with this code. */
  readonly code?: string;
}

/** A Contact created for a social author that resembles an existing Contact by name: for a person to review. */
export interface NameSuggestionRecord {
  /** `provider:userId` of the author. */
  readonly identityKey: string;
  readonly handle: string;
  /** The Contact created for the author. */
  readonly contactId: string;
  /** The existing Contact it resembles. */
  readonly similarContactId: string;
  readonly similarContactName: string;
  /** Name similarity in [0, 1]. */
  readonly score: number;
  readonly at: string;
}

/** Where the connector keeps checkpoints, post → record ids, the identity cache and dead letters. */
export interface StateStore {
  /** `memory`, `file`, `redis`, … */
  readonly kind: string;
  getCheckpoint(stream: string): Promise<string | null>;
  /** Records of the given external post ids that are known; unknown ids are absent from the map. */
  getPosts(postIds: readonly string[]): Promise<Map<string, PostRecord>>;
  /** Cached identities for the given keys. */
  getIdentities(keys: readonly string[]): Promise<Map<string, IdentityRecord>>;
  /**
   * Applies one batch's changes atomically: after a crash either all of it is there or none.
   * Dead letters are kept one per post: a committed post record whose outcome is not `dead`
   * resolves (removes) the letters of that post id, and a committed letter replaces the earlier
   * letters of its post id (letters of unreadable input, post id `line:N`, are never replaced).
   */
  commit(change: StateCommit): Promise<void>;
  /** Dead letters, oldest first; a page of them with `query` (memory stays flat with many letters). */
  listDeadLetters(query?: DeadLetterQuery): Promise<StoredDeadLetter[]>;
  /** Removes the dead letters with these ids (unknown ids are ignored), atomically. */
  removeDeadLetters(ids: readonly string[]): Promise<void>;
  /**
   * Drops the records of posts handled before `at` (ISO 8601; records without a time are kept) and
   * says how many: retention (`--compact-state`). A reply to a dropped post still finds its Case
   * through the CRM's lookup by external post id and thread key. Optional.
   */
  dropPostsBefore?(at: string): Promise<number>;
  /** Keeps name suggestions for review (`--list-suggestions`). Optional: stores without it keep none. */
  addSuggestions?(rows: readonly NameSuggestionRecord[]): Promise<void>;
  /** Kept name suggestions, oldest first, a page at a time (`after`: the last `id` of the previous page). */
  listSuggestions?(query?: { readonly after?: string; readonly limit?: number }): Promise<(NameSuggestionRecord & { readonly id: string })[]>;
  /** The sync has caught up with its source for now: a moment for housekeeping (e.g. compacting a journal). Optional. */
  idle?(): Promise<void>;
  /** Flushes (e.g. compacts a journal) and releases resources. */
  close(): Promise<void>;
}
