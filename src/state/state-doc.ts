/**
 * The state document shared by the memory and file stores: checkpoints, post records, the identity
 * cache and dead letters, plus its JSON form and the reducer that applies one {@link StateCommit}.
 */
import { z } from 'zod';
import { DeadLetterSchema, type DeadLetter } from '../model/dead-letter.js';
import type { SnapshotValue } from '../files/snapshot-json.js';
import type { IdentityRecord, NameSuggestionRecord, PostRecord, StateCommit } from './types.js';

/** Schema of a {@link PostRecord} as stored. */
export const PostRecordSchema = z.object({
  postId: z.string(),
  threadId: z.string(),
  outcome: z.enum(['case', 'comment', 'ignored', 'dead']),
  caseId: z.string().optional(),
  recordId: z.string().optional(),
  authorKey: z.string(),
  reason: z.string().optional(),
  at: z.string().optional(),
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

/** Schema of a {@link NameSuggestionRecord} as stored. */
export const NameSuggestionSchema = z.object({
  identityKey: z.string(),
  handle: z.string(),
  contactId: z.string(),
  similarContactId: z.string(),
  similarContactName: z.string(),
  score: z.number().min(0).max(1),
  at: z.string(),
});

/** A change of the state that is not a batch: dead letters removed by id, post records dropped by age, name suggestions kept. */
export const StateEditSchema = z.object({
  removeDeadLetters: z.array(z.string()).optional(),
  dropPostsBefore: z.string().optional(),
  addSuggestions: z.array(NameSuggestionSchema).optional(),
});
/** A journal entry of a state that is not a batch commit. */
export type StateEdit = z.output<typeof StateEditSchema>;

/** A journal entry: a batch or an edit. */
export type StateChange = StateCommit | StateEdit;

/** A dead letter in the state file, with its id (files of older versions have none: numbered on load). */
const FileDeadLetterSchema = DeadLetterSchema.extend({ id: z.number().int().positive().optional() });

/** Schema of the state file (snapshot): every map keyed by its id. */
export const StateFileSchema = z.object({
  checkpoints: z.record(z.string(), z.string().nullable()).default({}),
  posts: z.record(z.string(), PostRecordSchema).default({}),
  identities: z.record(z.string(), IdentityRecordSchema).default({}),
  deadLetters: z.array(FileDeadLetterSchema).default([]),
  /** The id the next dead letter gets (so journal entries after the snapshot name the same letters). */
  nextDeadLetterId: z.number().int().positive().optional(),
  /** Name suggestions for review, oldest first (files of older versions have none). */
  suggestions: z.array(NameSuggestionSchema).default([]),
});

/** The state in memory. */
export interface StateDoc {
  readonly checkpoints: Map<string, string | null>;
  readonly posts: Map<string, PostRecord>;
  readonly identities: Map<string, IdentityRecord>;
  /** Dead letters by id, oldest first (insertion order is id order). */
  readonly deadLetters: Map<number, DeadLetter>;
  /** Ids of the letters of each post id. */
  readonly lettersByPost: Map<string, number[]>;
  nextDeadLetterId: number;
  /** Name suggestions for review (`--list-suggestions`), oldest first; the id is the position + 1. */
  readonly suggestions: NameSuggestionRecord[];
}

/** An empty state. */
export function emptyStateDoc(): StateDoc {
  return { checkpoints: new Map(), posts: new Map(), identities: new Map(), deadLetters: new Map(), lettersByPost: new Map(), nextDeadLetterId: 1, suggestions: [] };
}

/** Post ids of unreadable input (`line:N`) are positions, not posts: their letters are never replaced. */
export const isLinePostId = (postId: string): boolean => postId.startsWith('line:');

function removeLetter(doc: StateDoc, id: number): void {
  const letter = doc.deadLetters.get(id);
  if (letter === undefined) return;
  doc.deadLetters.delete(id);
  const ids = doc.lettersByPost.get(letter.postId)?.filter((x) => x !== id) ?? [];
  if (ids.length === 0) doc.lettersByPost.delete(letter.postId);
  else doc.lettersByPost.set(letter.postId, ids);
}

function resolveLettersOf(doc: StateDoc, postId: string): void {
  for (const id of doc.lettersByPost.get(postId) ?? []) doc.deadLetters.delete(id);
  doc.lettersByPost.delete(postId);
}

function addLetter(doc: StateDoc, letter: DeadLetter, id = doc.nextDeadLetterId): void {
  doc.deadLetters.set(id, letter);
  doc.lettersByPost.set(letter.postId, [...(doc.lettersByPost.get(letter.postId) ?? []), id]);
  doc.nextDeadLetterId = Math.max(doc.nextDeadLetterId, id + 1);
}

/** Drops keys whose value is `undefined`, so records satisfy exact optional property types. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Copies of the posts, each with the time it is committed (`at`) unless it has one. */
export function stampPosts(posts: readonly PostRecord[], at = new Date().toISOString()): PostRecord[] {
  return posts.map((p) => (p.at === undefined ? { ...p, at } : { ...p }));
}

/** Applies one commit or edit to the state (mutates and returns it), with the dead-letter rules of {@link StateStore.commit}. */
export function applyStateCommit(doc: StateDoc, change: StateChange): StateDoc {
  if (!('stream' in change)) return applyStateEdit(doc, change);
  if (change.checkpoint !== undefined) doc.checkpoints.set(change.stream, change.checkpoint);
  for (const post of change.posts) {
    doc.posts.set(post.postId, post);
    if (post.outcome !== 'dead') resolveLettersOf(doc, post.postId);
  }
  for (const identity of change.identities) doc.identities.set(identity.key, identity);
  for (const letter of change.deadLetters) {
    if (!isLinePostId(letter.postId)) resolveLettersOf(doc, letter.postId);
    addLetter(doc, letter);
  }
  return doc;
}

function applyStateEdit(doc: StateDoc, edit: StateEdit): StateDoc {
  for (const id of edit.removeDeadLetters ?? []) removeLetter(doc, Number(id));
  for (const row of edit.addSuggestions ?? []) doc.suggestions.push({ ...row });
  const before = edit.dropPostsBefore;
  if (before !== undefined) {
    for (const [key, post] of doc.posts) if (post.at !== undefined && post.at < before) doc.posts.delete(key);
  }
  return doc;
}

/** Builds the state from a parsed state file. */
export function stateDocFromFile(file: z.output<typeof StateFileSchema>): StateDoc {
  const doc: StateDoc = {
    ...emptyStateDoc(),
    checkpoints: new Map(Object.entries(file.checkpoints)),
    posts: new Map(Object.entries(file.posts).map(([k, v]) => [k, compact(v) as PostRecord])),
    identities: new Map(Object.entries(file.identities)),
    suggestions: file.suggestions,
  };
  for (const { id, ...letter } of file.deadLetters) addLetter(doc, compact(letter), id ?? doc.nextDeadLetterId);
  doc.nextDeadLetterId = Math.max(doc.nextDeadLetterId, file.nextDeadLetterId ?? 1);
  return doc;
}

/** The dead letters with their ids, as the state file holds them. */
function* lettersWithIds(doc: StateDoc): Iterable<DeadLetter & { id: number }> {
  for (const [id, letter] of doc.deadLetters) yield { ...letter, id };
}

/** The state's collections as the snapshot file's keys (maps are written as objects keyed by id). */
export function stateDocToFile(doc: StateDoc): Readonly<Record<string, SnapshotValue>> {
  return {
    checkpoints: doc.checkpoints,
    posts: doc.posts,
    identities: doc.identities,
    deadLetters: [...lettersWithIds(doc)],
    nextDeadLetterId: doc.nextDeadLetterId,
    suggestions: doc.suggestions,
  };
}

/** Validates one commit or edit read back from a journal. */
export function parseStateCommit(value: unknown): StateChange {
  if (value !== null && typeof value === 'object' && !('stream' in value)) {
    const edit = StateEditSchema.parse(value);
    return compact(edit);
  }
  const parsed = StateCommitSchema.parse(value);
  return {
    stream: parsed.stream,
    ...(parsed.checkpoint === undefined ? {} : { checkpoint: parsed.checkpoint }),
    posts: parsed.posts.map((p) => compact(p) as PostRecord),
    identities: parsed.identities,
    deadLetters: parsed.deadLetters.map((d) => compact(d)),
  };
}
