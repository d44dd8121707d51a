import type { ApplyResult, ItemResult } from '../adapters/types.js';
import type { AuthorResolution } from '../identity/resolve-authors.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { IdentityRecord, PostRecord } from '../state/types.js';
import type { SyncEvents } from './events.js';
import type { PostIntent } from './route-batch.js';

/**
 * What became of one post of the batch: exactly one per intent, in intent order. The event payloads
 * are not built here: {@link emitSettlement} builds them from these fields only for events someone
 * listens to (most runs listen to none, and a payload per post was a third of settling).
 */
export type PostSettlement =
  | { readonly kind: 'ignored'; readonly record: PostRecord; readonly reasons: readonly string[] }
  | { readonly kind: 'existing'; readonly record: PostRecord }
  | { readonly kind: 'dead'; readonly record: PostRecord; readonly letter: DeadLetter }
  | {
      readonly kind: 'case';
      readonly record: PostRecord;
      readonly p: PostIntent['p'];
      readonly caseId: string;
      readonly contactId: string | undefined;
      readonly parentId: string | undefined;
    }
  | {
      readonly kind: 'comment';
      readonly record: PostRecord;
      readonly p: PostIntent['p'];
      readonly caseId: string;
      readonly commentId: string;
      readonly outbound: boolean;
      /** True when the closed Case was reopened by this post. */
      readonly reopened: boolean;
      /** The reopen the CRM refused: the comment is on the still-closed Case. */
      readonly reopenLetter: DeadLetter | undefined;
    };

/** What became of one author's Contact write, or of their first link to an existing Contact. */
export type ContactSettlement =
  | { readonly kind: 'created'; readonly created: SyncEvents['contactCreated']; readonly suggested: SyncEvents['contactSuggested'] | undefined }
  | { readonly kind: 'updated'; readonly updated: SyncEvents['contactUpdated'] }
  | { readonly kind: 'matched'; readonly matched: SyncEvents['contactMatched'] };

/** The settled batch: what to count, announce and commit. */
export interface Settlement {
  readonly posts: readonly PostSettlement[];
  /** Contact writes first (created / updated), then first links (matched), in that order. */
  readonly contacts: readonly ContactSettlement[];
  /** Identity records of the authors whose post was written. */
  readonly identities: readonly IdentityRecord[];
  /** Every dead letter of the batch's posts and side writes, in the order they are announced. */
  readonly deadLetters: readonly DeadLetter[];
}

/** Inputs of {@link settleBatch}. */
export interface SettleInputs {
  readonly intents: readonly PostIntent[];
  readonly authors: ReadonlyMap<string, AuthorResolution>;
  readonly result: ApplyResult;
  /** The state's identity records of the batch's authors as read before the batch. */
  readonly known: ReadonlyMap<string, IdentityRecord>;
  /** Timestamp of dead letters and identity records (ISO 8601). */
  readonly at: string;
}

type Failure = { code: string; reason: string; field?: string; retryable?: boolean };
const index = (items: readonly ItemResult[]): Map<string, ItemResult> => {
  const byKey = new Map<string, ItemResult>();
  for (const r of items) byKey.set(r.key, r);
  return byKey;
};
const idOf = (r: ItemResult | undefined): string | undefined => (r?.ok === true ? r.id : undefined);

function failure(r: ItemResult | undefined, what: string): Failure {
  if (r === undefined) return { code: 'NO_RESULT', reason: `the CRM returned no result for the ${what}` };
  const e = r.error;
  return {
    code: e?.code ?? 'UNKNOWN',
    reason: `${what} failed: ${e?.message ?? 'no reason given'}`,
    ...(e?.field === undefined ? {} : { field: e.field }),
    ...(e?.retryable === true ? { retryable: true } : {}),
  };
}

function letterOf(p: PostIntent['p'], stage: DeadLetter['stage'], f: Failure, at: string): DeadLetter {
  const { raw: _raw, ...post } = p.post;
  const retryable = f.retryable === true ? { retryable: true } : {}; // still failing after the batch's retry rounds
  return { postId: p.key, stage, code: f.code, reason: f.reason, ...(f.field === undefined ? {} : { field: f.field }), ...retryable, payload: post, at };
}

/**
 * Reads the adapter's per-item results back onto the batch's intents (like jsforce's `SaveResult`):
 * exactly one {@link PostSettlement} per post, the Contact outcomes, the identity records and the
 * dead letters. Pure: no I/O, no events, no counters; one failed item never fails another.
 *
 * An author counts as matched when the state links them to an existing Contact for the first time
 * or to another Contact than before (`known`), not again for every batch they post in. A Contact
 * planned as new counts as created even when a retried call reports it found (the lost first reply
 * had created it); the same holds for Cases and comments.
 */
export function settleBatch({ intents, authors, result, known, at }: SettleInputs): Settlement {
  const contacts = index(result.contacts);
  const cases = index(result.cases);
  const reopens = index(result.reopens);
  const comments = index(result.comments);
  const caseIdOf = (ref: { id: string } | { externalKey: string } | undefined): string | undefined =>
    ref === undefined ? undefined : 'id' in ref ? ref.id : idOf(cases.get(ref.externalKey));
  const contactIdOf = (a: AuthorResolution): string | undefined => a.contactId ?? idOf(contacts.get(a.key));

  const contactOutcomes: ContactSettlement[] = [];
  const failedUpdates: { a: AuthorResolution; r: ItemResult; id: string }[] = [];
  for (const a of authors.values()) {
    const r = contacts.get(a.key);
    if (r === undefined) continue;
    if (!r.ok) {
      // A new Contact's dependent Cases fail too and are dead-lettered with their own reason.
      if (a.upsert?.id !== undefined) failedUpdates.push({ a, r, id: a.upsert.id });
    } else if (a.upsert?.id === undefined) {
      const contactId = r.id ?? '';
      const suggested = a.suggestions.length > 0 ? { identityKey: a.key, contactId, suggestions: a.suggestions } : undefined;
      contactOutcomes.push({ kind: 'created', created: { identityKey: a.key, contactId, handle: a.identity.handle }, suggested });
    } else {
      contactOutcomes.push({ kind: 'updated', updated: { identityKey: a.key, contactId: a.upsert.id, handle: a.identity.handle, previousHandle: a.previousHandle } });
    }
  }

  const posts: PostSettlement[] = [];
  const letters: DeadLetter[] = [];
  const active = new Set<string>();
  /** Each author's first post of the batch that was written (a Case or their own comment). */
  const syncedPostOf = new Map<string, PostIntent['p']>();
  // Records are written as literals, key order postId, threadId, authorKey, outcome, then the rest
  // (what a JSON state file shows), not spread from a shared base: a spread per post cost more than the rest of the loop.
  const dead = (p: PostIntent['p'], authorKey: string, letter: DeadLetter): void => {
    letters.push(letter);
    posts.push({ kind: 'dead', record: { postId: p.key, threadId: p.threadId, authorKey, outcome: 'dead' }, letter });
  };
  for (const intent of intents) {
    const { p } = intent;
    const { authorKey } = p;
    if (intent.kind === 'ignored') {
      const record: PostRecord =
        intent.reasons.length === 0
          ? { postId: p.key, threadId: p.threadId, authorKey, outcome: 'ignored' }
          : { postId: p.key, threadId: p.threadId, authorKey, outcome: 'ignored', reason: intent.reasons.join('; ') }; // kept in the state
      posts.push({ kind: 'ignored', record, reasons: intent.reasons });
    } else if (intent.kind === 'existing') {
      posts.push({ kind: 'existing', record: { postId: p.key, threadId: p.threadId, authorKey, outcome: intent.outcome, caseId: intent.caseId, recordId: intent.recordId } });
    } else if (intent.kind === 'dead') {
      dead(p, authorKey, letterOf(p, intent.stage, { code: intent.error.code, reason: intent.error.message, ...(intent.error.details.field === undefined ? {} : { field: intent.error.details.field }) }, at));
    } else if (intent.kind === 'case') {
      const r = cases.get(p.key);
      const caseId = idOf(r);
      if (caseId === undefined) {
        dead(p, authorKey, letterOf(p, 'write', failure(r, `Case for post ${p.key}`), at));
        continue;
      }
      const contactId = contactIdOf(intent.author);
      active.add(intent.author.key);
      if (!syncedPostOf.has(authorKey)) syncedPostOf.set(authorKey, p);
      posts.push({ kind: 'case', record: { postId: p.key, threadId: p.threadId, authorKey, outcome: 'case', caseId, recordId: caseId }, p, caseId, contactId, parentId: caseIdOf(intent.parent?.ref) });
    } else {
      const r = comments.get(p.key);
      const commentId = idOf(r);
      const caseId = caseIdOf(intent.target.ref);
      if (commentId === undefined || caseId === undefined) {
        dead(p, authorKey, letterOf(p, 'write', failure(r, `comment for post ${p.key}`), at));
        continue;
      }
      const reopen = intent.reopen ? reopens.get(p.key) : undefined;
      let reopenLetter: DeadLetter | undefined;
      if (reopen !== undefined && !reopen.ok) {
        const f = failure(reopen, `reopening Case ${caseId}`);
        const reason = `${f.reason}; the comment was added to the Case, which stays closed (the customer's next post in the thread tries again)`;
        reopenLetter = letterOf(p, 'write', { ...f, reason }, at);
        letters.push(reopenLetter);
      }
      if (!intent.outbound) {
        active.add(authorKey);
        if (!syncedPostOf.has(authorKey)) syncedPostOf.set(authorKey, p);
      }
      posts.push({
        kind: 'comment',
        record: { postId: p.key, threadId: p.threadId, authorKey, outcome: 'comment', caseId, recordId: commentId },
        p,
        caseId,
        commentId,
        outbound: intent.outbound,
        reopened: reopen?.ok === true,
        reopenLetter,
      });
    }
  }

  for (const { a, r, id } of failedUpdates) {
    const synced = syncedPostOf.get(a.key);
    const carrier = synced ?? intents.find((i) => (i.kind === 'case' || i.kind === 'comment') && i.p.authorKey === a.key)?.p;
    if (carrier === undefined) continue;
    const f = failure(r, `updating Contact ${id} for ${a.key} (@${a.identity.handle})`);
    const reason = `${f.reason}; ${synced !== undefined ? 'the post itself was synced; ' : ''}the Contact keeps its old handle and ids until the author's next post retries it`;
    letters.push(letterOf(carrier, 'write', { ...f, reason }, at));
  }

  const identities: IdentityRecord[] = [];
  for (const key of active) {
    const a = authors.get(key);
    const contactId = a === undefined ? undefined : contactIdOf(a);
    if (a === undefined || contactId === undefined) continue;
    const held = known.get(key);
    const linkedAlready = held?.contactId === contactId;
    // A Contact made for this identity is found by its provider id from then on: the link is the
    // same, so it keeps saying how it was made (and the state is not rewritten for each author's
    // second batch: that upsert cost a page write per author).
    const keepsCreated = linkedAlready && held.method === 'created' && a.method === 'providerId' && held.confidence === a.confidence;
    identities.push({ key, contactId, handle: a.identity.handle, method: keepsCreated ? 'created' : a.method, confidence: a.confidence, updatedAt: at });
    if (a.method !== 'created' && !linkedAlready) {
      contactOutcomes.push({ kind: 'matched', matched: { identityKey: key, contactId, method: a.method, confidence: a.confidence, previousHandle: a.previousHandle } });
    }
  }
  return { posts, contacts: contactOutcomes, identities, deadLetters: letters };
}
