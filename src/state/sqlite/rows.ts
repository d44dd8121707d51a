/** Rows of the SQLite state tables ↔ the records of the {@link StateStore} interface, checked on the way in. */
import { ConnectorError } from '../../errors.js';
import { DeadLetterSchema, type DeadLetter } from '../../model/dead-letter.js';
import type { IdentityRecord, MatchMethod, PostOutcome, PostRecord, StoredDeadLetter } from '../types.js';

/** The columns of a {@link PostRow}, in its order. */
export const POST_COLUMNS = 'post_id, thread_id, outcome, case_id, record_id, author_key, reason, at';
/** A `posts` row, as an array of {@link POST_COLUMNS}. */
export type PostRow = readonly [post_id: string, thread_id: string, outcome: string, case_id: string | null, record_id: string | null, author_key: string, reason: string | null, at: string | null];

/** The columns of an {@link IdentityRow}, in its order. */
export const IDENTITY_COLUMNS = 'key, contact_id, handle, method, confidence, updated_at';
/** An `identities` row, as an array of {@link IDENTITY_COLUMNS}. */
export type IdentityRow = readonly [key: string, contact_id: string, handle: string, method: string, confidence: number, updated_at: string];

/** A `dead_letters` row (as read). */
export interface DeadLetterRow {
  readonly id: number;
  readonly body: string;
}

const OUTCOMES: ReadonlySet<string> = new Set<PostOutcome>(['case', 'comment', 'ignored', 'dead']);
const METHODS: ReadonlySet<string> = new Set<MatchMethod>(['providerId', 'handle', 'email', 'created']);

const corrupt = (what: string, key: string): ConnectorError => new ConnectorError(`State file holds an invalid ${what} (${key}); was it written by another program?`);

/** A {@link PostRecord} being built (its fields set in the record's usual order). */
type MutablePostRecord = { -readonly [K in keyof PostRecord]: PostRecord[K] };

/** The record of a `posts` row (absent fields stay absent, not `undefined`). */
export function postFromRow(row: PostRow): PostRecord {
  const [postId, threadId, outcome, caseId, recordId, authorKey, reason, at] = row;
  if (!OUTCOMES.has(outcome)) throw corrupt('post outcome', postId);
  const record = { postId, threadId, outcome: outcome as PostOutcome } as MutablePostRecord;
  if (caseId !== null) record.caseId = caseId;
  if (recordId !== null) record.recordId = recordId;
  record.authorKey = authorKey;
  if (reason !== null) record.reason = reason;
  if (at !== null) record.at = at;
  return record;
}

/** Whether `identity` reads back as itself: {@link identityFromRow} accepts its method and confidence. */
export function isReadableIdentity(identity: IdentityRecord): boolean {
  return METHODS.has(identity.method) && identity.confidence >= 0 && identity.confidence <= 1;
}

/** The record of an `identities` row. */
export function identityFromRow(row: IdentityRow): IdentityRecord {
  const [key, contactId, handle, method, confidence, updatedAt] = row;
  if (!METHODS.has(method) || !(confidence >= 0 && confidence <= 1)) throw corrupt('identity', key);
  return { key, contactId, handle, method: method as MatchMethod, confidence, updatedAt };
}

/** The letter of a `dead_letters` row (its body validated, as any input from a file). */
export function deadLetterFromRow(row: DeadLetterRow): StoredDeadLetter {
  let value: unknown;
  try {
    value = JSON.parse(row.body);
  } catch {
    throw corrupt('dead letter', String(row.id));
  }
  const parsed = DeadLetterSchema.safeParse(value);
  if (!parsed.success) throw corrupt('dead letter', String(row.id));
  const letter = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as DeadLetter;
  return { ...letter, id: String(row.id) };
}
