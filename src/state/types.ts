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
}

/** How a social identity was matched to a CRM Contact. */
export type MatchMethod = 'providerId' | 'handle' | 'email' | 'created';

/** Identity cache entry: social identity → Contact. */
export interface IdentityRecord {
  /** `provider:userId`. */
  readonly key: string;
  readonly contactId: string;
  readonly handle: string;
  /** How the Contact was found (`created`: made for this identity). */
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

/** Where the connector keeps checkpoints, post → record ids, the identity cache and dead letters. */
export interface StateStore {
  /** `memory`, `file`, `redis`, … */
  readonly kind: string;
  getCheckpoint(stream: string): Promise<string | null>;
  /** Records of the given external post ids that are known; unknown ids are absent from the map. */
  getPosts(postIds: readonly string[]): Promise<Map<string, PostRecord>>;
  /** Cached identities for the given keys. */
  getIdentities(keys: readonly string[]): Promise<Map<string, IdentityRecord>>;
  /** Applies one batch's changes atomically: after a crash either all of it is there or none. */
  commit(change: StateCommit): Promise<void>;
  /** All dead letters, oldest first. */
  listDeadLetters(): Promise<DeadLetter[]>;
  /** The sync has caught up with its source for now: a moment for housekeeping (e.g. compacting a journal). Optional. */
  idle?(): Promise<void>;
  /** Flushes (e.g. compacts a journal) and releases resources. */
  close(): Promise<void>;
}
