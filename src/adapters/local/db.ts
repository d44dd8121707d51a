/**
 * The local CRM in memory: the document's rows plus the indexes that keep `lookup` and `apply`
 * O(batch) instead of O(database), and the id counters (always derived from the ids present).
 */
import { ConfigError } from '../../errors.js';
import { normalizeEmail, normalizeHandle } from '../../identity/normalize.js';
import { canonicalCounter, ID_DIGITS, IdPositions } from './id-positions.js';
import { POST_LIST, PostKeyIndex } from './post-keys.js';
import type { LocalCase, LocalComment, LocalContact, LocalCrmChange, LocalCrmDocument } from './schema.js';

/** Id prefixes, as Salesforce's key prefixes: Case `500`, Contact `003`, CaseComment `00a`. */
export const ID_PREFIX = { case: '500', contact: '003', comment: '00a' } as const;
/** Case numbers start after this one (the first Case is `00001001`). */
const FIRST_CASE_NUMBER = 1000;

/** Index key of a provider user id. */
export const socialKey = (provider: string, id: string): string => `${provider}:${id}`;
/** Index key of a handle: provider plus the handle as identities compare it (no `@`, lower case). */
export const handleKey = (provider: string, handle: string): string => `${provider}:${normalizeHandle(handle)}`;
/** Index key of an email address, as identities compare it. */
export const emailKey = (email: string): string => normalizeEmail(email);
/** Index key of a person's name: words joined by one space, lower-cased. */
export const nameKey = (name: string): string => name.trim().split(/\s+/).join(' ').toLowerCase();

/** Full name of a contact row ("first last"). */
export function fullName(row: Pick<LocalContact, 'firstName' | 'lastName'>): string {
  return `${row.firstName ?? ''} ${row.lastName}`;
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Many ids per key (an index of the local CRM). Most keys hold one id (an external post id, a
 * provider user id), so a lone id is stored as a string and only a second one makes a Set: the
 * indexes of a large CRM stay small and cheap to build.
 */
export class MultiIndex {
  private readonly map = new Map<string, string | Set<string>>();
  add(key: string | null, id: string): void {
    if (key === null || key === '') return;
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, id);
    else if (typeof held === 'string') {
      if (held !== id) this.map.set(key, new Set([held, id]));
    } else held.add(id);
  }
  remove(key: string | null, id: string): void {
    if (key === null) return;
    const held = this.map.get(key);
    if (held === undefined) return;
    if (typeof held === 'string') {
      if (held === id) this.map.delete(key);
      return;
    }
    held.delete(id);
    if (held.size === 1) this.map.set(key, held.values().next().value as string);
    else if (held.size === 0) this.map.delete(key);
  }
  get(key: string): Iterable<string> {
    const held = this.map.get(key);
    if (held === undefined) return NONE;
    return typeof held === 'string' ? [held] : held;
  }
  /** Adds the ids under `key` to `into` (no array per key, unlike {@link MultiIndex.get}). */
  addIdsTo(key: string, into: Set<string>): void {
    const held = this.map.get(key);
    if (held === undefined) return;
    if (typeof held === 'string') into.add(held);
    else for (const id of held) into.add(id);
  }
  first(key: string): string | undefined {
    const held = this.map.get(key);
    if (held === undefined || typeof held === 'string') return held;
    for (const id of held) return id;
    return undefined;
  }
}

function counterOf(id: string, prefix: string): number {
  const canonical = canonicalCounter(id, prefix);
  if (canonical >= 0) return canonical;
  if (!id.startsWith(prefix)) return 0;
  const digits = id.slice(prefix.length);
  if (!/^\d+$/.test(digits)) return 0;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : 0;
}

/** Builds an id from a prefix and a counter: `500000000000001`. */
export function makeId(prefix: string, n: number): string {
  return `${prefix}${String(n).padStart(ID_DIGITS, '0')}`;
}

/** Builds a case number from its counter: `00001001`. */
export function makeCaseNumber(n: number): string {
  return String(n).padStart(8, '0');
}

/** The local CRM's rows with their indexes. Mutated only through {@link LocalCrmDb.applyChange}. */
export class LocalCrmDb {
  readonly doc: LocalCrmDocument = { cases: [], contacts: [], comments: [] };
  private readonly caseAt = new IdPositions(ID_PREFIX.case);
  private readonly contactAt = new IdPositions(ID_PREFIX.contact);
  private readonly commentAt = new IdPositions(ID_PREFIX.comment);
  /** Contacts by provider user id. */
  readonly contactsBySocialId = new MultiIndex();
  /** Contacts by `provider:handle` (lower case). */
  readonly contactsByHandle = new MultiIndex();
  /** Contacts by email (lower case). */
  readonly contactsByEmail = new MultiIndex();
  /** Contacts by full name (lower case). */
  readonly contactsByName = new MultiIndex();
  /** Cases by the external post id that opened them, Cases by thread key, comments by external post id (one map). */
  readonly postKeys = new PostKeyIndex();
  /** Cases by Contact id. */
  readonly casesByContactId = new MultiIndex();
  /** Highest counters in use. */
  readonly counters = { case: 0, contact: 0, comment: 0, caseNumber: FIRST_CASE_NUMBER };

  /** Loads a validated document; duplicate ids are a {@link ConfigError} naming the row. */
  static from(doc: LocalCrmDocument, path = 'local CRM'): LocalCrmDb {
    const db = new LocalCrmDb();
    const check = (seen: IdPositions, kind: keyof LocalCrmDocument, id: string, i: number): void => {
      if (seen.has(id)) throw new ConfigError(`${path}: duplicate id ${id} in ${kind}[${i}]`, { field: `${kind}[${i}].id` });
    };
    doc.contacts.forEach((row, i) => {
      check(db.contactAt, 'contacts', row.id, i);
      db.upsertContact(row);
    });
    doc.cases.forEach((row, i) => {
      check(db.caseAt, 'cases', row.id, i);
      db.upsertCase(row);
    });
    doc.comments.forEach((row, i) => {
      check(db.commentAt, 'comments', row.id, i);
      db.upsertComment(row);
    });
    return db;
  }

  /** A Case by id. */
  getCase(id: string): LocalCase | undefined {
    const at = this.caseAt.get(id);
    return at === undefined ? undefined : this.doc.cases[at];
  }

  /** A Contact by id. */
  getContact(id: string): LocalContact | undefined {
    const at = this.contactAt.get(id);
    return at === undefined ? undefined : this.doc.contacts[at];
  }

  /** A comment by id. */
  getComment(id: string): LocalComment | undefined {
    const at = this.commentAt.get(id);
    return at === undefined ? undefined : this.doc.comments[at];
  }

  /** Where the row with this id sits in its array of {@link LocalCrmDb.doc}. */
  positionOf(kind: keyof LocalCrmDocument, id: string): number | undefined {
    return (kind === 'cases' ? this.caseAt : kind === 'contacts' ? this.contactAt : this.commentAt).get(id);
  }

  /** Inserts or replaces the rows of one change (idempotent: replaying it changes nothing). */
  applyChange(change: LocalCrmChange): this {
    for (const row of change.contacts) this.upsertContact(row);
    for (const row of change.cases) this.upsertCase(row);
    for (const row of change.comments) this.upsertComment(row);
    return this;
  }

  private upsertContact(row: LocalContact): void {
    const at = this.contactAt.get(row.id);
    const old = at === undefined ? undefined : this.doc.contacts[at];
    if (old) this.indexContact(old, false);
    this.indexContact(row, true);
    if (at === undefined) this.contactAt.set(row.id, this.doc.contacts.push(row) - 1);
    else this.doc.contacts[at] = row;
    this.counters.contact = Math.max(this.counters.contact, counterOf(row.id, ID_PREFIX.contact));
  }

  private upsertCase(row: LocalCase): void {
    const at = this.caseAt.get(row.id);
    const old = at === undefined ? undefined : this.doc.cases[at];
    if (old) this.indexCase(old, false);
    this.indexCase(row, true);
    if (at === undefined) this.caseAt.set(row.id, this.doc.cases.push(row) - 1);
    else this.doc.cases[at] = row;
    this.counters.case = Math.max(this.counters.case, counterOf(row.id, ID_PREFIX.case));
    if (row.caseNumber !== null && /^\d+$/.test(row.caseNumber)) {
      this.counters.caseNumber = Math.max(this.counters.caseNumber, Number(row.caseNumber));
    }
  }

  private upsertComment(row: LocalComment): void {
    const at = this.commentAt.get(row.id);
    const old = at === undefined ? undefined : this.doc.comments[at];
    if (old) this.postKeys.remove(POST_LIST.commentByPost, old.externalPostId, old.id);
    this.postKeys.add(POST_LIST.commentByPost, row.externalPostId, row.id);
    if (at === undefined) this.commentAt.set(row.id, this.doc.comments.push(row) - 1);
    else this.doc.comments[at] = row;
    this.counters.comment = Math.max(this.counters.comment, counterOf(row.id, ID_PREFIX.comment));
  }

  private indexContact(row: LocalContact, add: boolean): void {
    const op = (index: MultiIndex, key: string | null): void =>
      add ? index.add(key, row.id) : index.remove(key, row.id);
    for (const s of row.socialIds) op(this.contactsBySocialId, socialKey(s.provider, s.id));
    for (const h of row.handles) op(this.contactsByHandle, handleKey(h.provider, h.handle));
    op(this.contactsByEmail, row.email === null ? null : emailKey(row.email));
    op(this.contactsByName, nameKey(fullName(row)));
  }

  private indexCase(row: LocalCase, add: boolean): void {
    if (add) {
      this.postKeys.addCase(row.externalPostId, row.threadKey, row.id);
      this.casesByContactId.add(row.contactId, row.id);
      return;
    }
    this.postKeys.remove(POST_LIST.caseByPost, row.externalPostId, row.id);
    this.postKeys.remove(POST_LIST.caseByThread, row.threadKey, row.id);
    this.casesByContactId.remove(row.contactId, row.id);
  }
}
