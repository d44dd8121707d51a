/** Rows of the SQLite state tables ↔ the records of the {@link StateStore} interface, checked on the way in. */
import { ConnectorError } from '../../errors.js';
import { DeadLetterSchema, type DeadLetter } from '../../model/dead-letter.js';
import type { IdentityRecord, MatchMethod, PostOutcome, PostRecord, StoredDeadLetter } from '../types.js';

/** A `posts` row. */
export interface PostRow {
  readonly post_id: string;
  readonly thread_id: string;
  readonly outcome: string;
  readonly case_id: string | null;
  readonly record_id: string | null;
  readonly author_key: string;
  readonly reason: string | null;
  readonly at: string | null;
}

/** An `identities` row. */
export interface IdentityRow {
  readonly key: string;
  readonly contact_id: string;
  readonly handle: string;
  readonly method: string;
  readonly confidence: number;
  readonly updated_at: string;
}

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
  if (!OUTCOMES.has(row.outcome)) throw corrupt('post outcome', row.post_id);
  const record = { postId: row.post_id, threadId: row.thread_id, outcome: row.outcome as PostOutcome } as MutablePostRecord;
  if (row.case_id !== null) record.caseId = row.case_id;
  if (row.record_id !== null) record.recordId = row.record_id;
  record.authorKey = row.author_key;
  if (row.reason !== null) record.reason = row.reason;
  if (row.at !== null) record.at = row.at;
  return record;
}

/** Whether `identity` reads back as itself: {@link identityFromRow} accepts its method and confidence. */
export function isReadableIdentity(identity: IdentityRecord): boolean {
  return METHODS.has(identity.method) && identity.confidence >= 0 && identity.confidence <= 1;
}

/** The record of an `identities` row. */
export function identityFromRow(row: IdentityRow): IdentityRecord {
  if (!METHODS.has(row.method) || !(row.confidence >= 0 && row.confidence <= 1)) throw corrupt('identity', row.key);
  return { key: row.key, contactId: row.contact_id, handle: row.handle, method: row.method as MatchMethod, confidence: row.confidence, updatedAt: row.updated_at };
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
