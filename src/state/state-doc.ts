/**
 * The state document shared by the memory and file stores: checkpoints, post records, the identity
 * cache and dead letters, plus its JSON form and the reducer that applies one {@link StateCommit}.
 */
import { z } from 'zod';
import { DeadLetterSchema, type DeadLetter } from '../model/dead-letter.js';
import type { SnapshotValue } from '../files/snapshot-json.js';
import type { IdentityRecord, PostRecord, StateCommit } from './types.js';

/** Schema of a {@link PostRecord} as stored. */
export const PostRecordSchema = z.object({
  postId: z.string(),
  threadId: z.string(),
  outcome: z.enum(['case', 'comment', 'ignored', 'dead']),
  caseId: z.string().optional(),
  recordId: z.string().optional(),
  authorKey: z.string(),
});

/** Schema of an {@link IdentityRecord} as stored. */
export const IdentityRecordSchema = z.object({
  key: z.string(),
  contactId: z.string(),
  handle: z.string(),
  method: z.enum(['providerId', 'handle', 'email', 'created']),
  confidence: z.number().min(0).max(1),
  updatedAt: z.string(),
});

/** Schema of one {@link StateCommit} as written to the journal. */
export const StateCommitSchema = z.object({
  stream: z.string(),
  checkpoint: z.string().nullable().optional(),
  posts: z.array(PostRecordSchema),
  identities: z.array(IdentityRecordSchema),
  deadLetters: z.array(DeadLetterSchema),
});

/** Schema of the state file (snapshot): every map keyed by its id. */
export const StateFileSchema = z.object({
  checkpoints: z.record(z.string(), z.string().nullable()).default({}),
  posts: z.record(z.string(), PostRecordSchema).default({}),
  identities: z.record(z.string(), IdentityRecordSchema).default({}),
  deadLetters: z.array(DeadLetterSchema).default([]),
});

/** The state in memory. */
export interface StateDoc {
  readonly checkpoints: Map<string, string | null>;
  readonly posts: Map<string, PostRecord>;
  readonly identities: Map<string, IdentityRecord>;
  readonly deadLetters: DeadLetter[];
}

/** An empty state. */
export function emptyStateDoc(): StateDoc {
  return { checkpoints: new Map(), posts: new Map(), identities: new Map(), deadLetters: [] };
}

/** Drops keys whose value is `undefined`, so records satisfy exact optional property types. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Applies one commit to the state (mutates and returns it). */
export function applyStateCommit(doc: StateDoc, change: StateCommit): StateDoc {
  if (change.checkpoint !== undefined) doc.checkpoints.set(change.stream, change.checkpoint);
  for (const post of change.posts) doc.posts.set(post.postId, post);
  for (const identity of change.identities) doc.identities.set(identity.key, identity);
  doc.deadLetters.push(...change.deadLetters);
  return doc;
}

/** Builds the state from a parsed state file. */
export function stateDocFromFile(file: z.output<typeof StateFileSchema>): StateDoc {
  return {
    checkpoints: new Map(Object.entries(file.checkpoints)),
    posts: new Map(Object.entries(file.posts).map(([k, v]) => [k, compact(v) as PostRecord])),
    identities: new Map(Object.entries(file.identities)),
    deadLetters: file.deadLetters.map((d) => compact(d)),
  };
}

/** The state's collections as the snapshot file's keys (maps are written as objects keyed by id). */
export function stateDocToFile(doc: StateDoc): Readonly<Record<string, SnapshotValue>> {
  return { checkpoints: doc.checkpoints, posts: doc.posts, identities: doc.identities, deadLetters: doc.deadLetters };
}

/** Validates one commit read back from a journal. */
export function parseStateCommit(value: unknown): StateCommit {
  const parsed = StateCommitSchema.parse(value);
  return {
    stream: parsed.stream,
    ...(parsed.checkpoint === undefined ? {} : { checkpoint: parsed.checkpoint }),
    posts: parsed.posts.map((p) => compact(p) as PostRecord),
    identities: parsed.identities,
    deadLetters: parsed.deadLetters.map((d) => compact(d)),
  };
}
