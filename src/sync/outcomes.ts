import type { ApplyResult, ItemResult } from '../adapters/types.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { SyncReport } from '../model/report.js';
import type { AuthorResolution } from '../identity/resolve-authors.js';
import type { IdentityRecord, PostRecord } from '../state/types.js';
import type { SyncEventEmitter } from './events.js';
import type { PostIntent } from './route-batch.js';

/** What one batch leaves behind: state records and dead letters. */
export interface BatchOutcome {
  readonly posts: PostRecord[];
  readonly identities: IdentityRecord[];
  readonly deadLetters: DeadLetter[];
}

/** Mutable counters of the run. */
export type ReportCounters = { -readonly [K in keyof SyncReport]: SyncReport[K] };

const index = (items: readonly ItemResult[]): Map<string, ItemResult> => new Map(items.map((r) => [r.key, r]));
const idOf = (r: ItemResult | undefined): string | undefined => (r?.ok === true ? r.id : undefined);

function letter(intentPost: PostIntent['p'], stage: DeadLetter['stage'], code: string, reason: string, field?: string): DeadLetter {
  const { raw: _raw, ...post } = intentPost.post;
  return { postId: intentPost.key, stage, code, reason, ...(field === undefined ? {} : { field }), payload: post, at: new Date().toISOString() };
}

function failure(r: ItemResult | undefined, what: string): { code: string; reason: string; field?: string } {
  if (r === undefined) return { code: 'NO_RESULT', reason: `the CRM returned no result for the ${what}` };
  const e = r.error;
  return { code: e?.code ?? 'UNKNOWN', reason: `${what} failed: ${e?.message ?? 'no reason given'}`, ...(e?.field === undefined ? {} : { field: e.field }) };
}

/**
 * Reads the adapter's per-item results back onto the batch's intents: counts, events, the state
 * records to commit and the dead letters of items that failed. One failed item never fails others.
 *
 * `known` holds the state's identity records of the batch's authors as read before the batch: an
 * author counts as matched (and `contactMatched` fires) when the state links them to an existing
 * Contact for the first time or to another Contact than before; not again for every batch or run
 * they post in, and without any per-author memory in the engine. A changed Contact (new handle,
 * added provider id) counts as updated and fires `contactUpdated`.
 */
export function recordOutcomes(
  intents: readonly PostIntent[],
  authors: ReadonlyMap<string, AuthorResolution>,
  result: ApplyResult,
  report: ReportCounters,
  events: SyncEventEmitter,
  known: ReadonlyMap<string, IdentityRecord>,
): BatchOutcome {
  const contacts = index(result.contacts);
  const cases = index(result.cases);
  const reopens = index(result.reopens);
  const comments = index(result.comments);
  const out: BatchOutcome = { posts: [], identities: [], deadLetters: [] };
  const now = new Date().toISOString();
  const active = new Set<string>();

  // Contacts first: the cases and comments below refer to their ids.
  const contactIdOf = (a: AuthorResolution): string | undefined => a.contactId ?? idOf(contacts.get(a.key));
  /** Contact updates the CRM refused: lettered below on a post of the author (an update's Cases do not depend on it). */
  const failedUpdates: { a: AuthorResolution; r: ItemResult; id: string }[] = [];
  for (const a of authors.values()) {
    const r = contacts.get(a.key);
    if (r === undefined) continue;
    if (!r.ok) {
      // A new Contact's dependent Cases fail too and are dead-lettered with the reason.
      if (a.upsert?.id !== undefined) failedUpdates.push({ a, r, id: a.upsert.id });
      continue;
    }
    if (a.upsert?.id === undefined) {
      // Planned as new (nothing matched in the lookup): created by this sync, also when a retried call reports it found.
      report.contactsCreated += 1;
      events.emit('contactCreated', { identityKey: a.key, contactId: r.id ?? '', handle: a.identity.handle });
      if (a.suggestions.length > 0) {
        report.nameSuggestions += 1;
        events.emit('contactSuggested', { identityKey: a.key, contactId: r.id ?? '', suggestions: a.suggestions });
      }
    } else {
      report.contactsUpdated += 1;
      events.emit('contactUpdated', { identityKey: a.key, contactId: a.upsert.id, handle: a.identity.handle, previousHandle: a.previousHandle });
    }
  }

  const resolveCase = (intent: Extract<PostIntent, { kind: 'comment' }>): string | undefined => {
    const ref = intent.target.ref;
    return 'id' in ref ? ref.id : idOf(cases.get(ref.externalKey));
  };

  /** Each author's first post of the batch that was written (a Case or their comment). */
  const syncedPostOf = new Map<string, PostIntent['p']>();
  for (const intent of intents) {
    const { p } = intent;
    const authorKey = `${p.post.provider}:${p.post.author.id}`;
    const base = { postId: p.key, threadId: p.threadId, authorKey };
    switch (intent.kind) {
      case 'ignored':
        report.ignored += 1;
        out.posts.push({ ...base, outcome: 'ignored', ...(intent.reasons.length === 0 ? {} : { reason: intent.reasons.join('; ') }) });
        events.emit('postIgnored', { postId: p.key, reasons: intent.reasons });
        break;
      case 'existing':
        report.alreadyInCrm += 1;
        out.posts.push({ ...base, outcome: intent.outcome, caseId: intent.caseId, recordId: intent.recordId });
        break;
      case 'dead': {
        const dl = letter(p, intent.stage, intent.error.code, intent.error.message, intent.error.details.field);
        out.deadLetters.push(dl);
        out.posts.push({ ...base, outcome: 'dead' });
        break;
      }
      case 'case': {
        const r = cases.get(p.key);
        const caseId = idOf(r);
        if (caseId === undefined) {
          const f = failure(r, `Case for post ${p.key}`);
          out.deadLetters.push(letter(p, 'write', f.code, f.reason, f.field));
          out.posts.push({ ...base, outcome: 'dead' });
          break;
        }
        intent.view.ref = { id: caseId };
        const contactId = contactIdOf(intent.author);
        if (contactId !== undefined) intent.view.contactId = contactId;
        active.add(intent.author.key);
        out.posts.push({ ...base, outcome: 'case', caseId, recordId: caseId });
        if (!syncedPostOf.has(authorKey)) syncedPostOf.set(authorKey, p);
        // Planned because the batch's lookup did not find it: written by this sync, even when the CRM
        // answers "already there" (a retried call whose first reply was lost had created it).
        report.casesCreated += 1;
        const parentRef = intent.parent?.ref;
        const parentId = parentRef === undefined ? undefined : 'id' in parentRef ? parentRef.id : idOf(cases.get(parentRef.externalKey));
        events.emit('caseCreated', { postId: p.key, caseId, threadKey: p.threadKey, contactId, parentId, priority: p.decision.priority, reasons: p.decision.reasons });
        break;
      }
      case 'comment': {
        const r = comments.get(p.key);
        const commentId = idOf(r);
        const caseId = resolveCase(intent);
        const reopen = intent.reopen ? reopens.get(p.key) : undefined;
        if (commentId === undefined || caseId === undefined) {
          const f = failure(r, `comment for post ${p.key}`);
          out.deadLetters.push(letter(p, 'write', f.code, f.reason, f.field));
          out.posts.push({ ...base, outcome: 'dead' });
          break;
        }
        if (intent.reopen && reopen !== undefined && !reopen.ok) {
          const f = failure(reopen, `reopening Case ${caseId}`);
          const reason = `${f.reason}; the comment was added to the Case, which stays closed (the customer's next post in the thread tries again)`;
          out.deadLetters.push(letter(p, 'write', f.code, reason, f.field));
        } else if (reopen?.ok === true) {
          report.casesReopened += 1;
          events.emit('caseReopened', { postId: p.key, caseId, threadKey: p.threadKey });
        }
        if (!intent.outbound) active.add(authorKey);
        out.posts.push({ ...base, outcome: 'comment', caseId, recordId: commentId });
        if (!intent.outbound && !syncedPostOf.has(authorKey)) syncedPostOf.set(authorKey, p);
        // As for Cases: planned as new, so written by this sync even if a retried call finds it there.
        if (intent.outbound) report.outboundComments += 1;
        else report.commentsAdded += 1;
        events.emit('commentAdded', { postId: p.key, caseId, commentId, outbound: intent.outbound });
        break;
      }
    }
  }

  for (const { a, r, id } of failedUpdates) {
    const synced = syncedPostOf.get(a.key);
    const carrier = synced ?? intents.find((i) => (i.kind === 'case' || i.kind === 'comment') && `${i.p.post.provider}:${i.p.post.author.id}` === a.key)?.p;
    if (carrier === undefined) continue;
    const f = failure(r, `updating Contact ${id} for ${a.key} (@${a.identity.handle})`);
    const outcome = synced !== undefined ? 'the post itself was synced; ' : '';
    const reason = `${f.reason}; ${outcome}the Contact keeps its old handle and ids until the author's next post retries it`;
    out.deadLetters.push(letter(carrier, 'write', f.code, reason, f.field));
  }

  for (const key of active) {
    const a = authors.get(key);
    if (a === undefined) continue;
    const contactId = contactIdOf(a);
    if (contactId === undefined) continue;
    out.identities.push({ key, contactId, handle: a.identity.handle, method: a.method, confidence: a.confidence, updatedAt: now });
    const before = known.get(key);
    const linkedAlready = before !== undefined && before.contactId === contactId;
    if (a.method !== 'created' && !linkedAlready) {
      report.contactsMatched += 1;
      events.emit('contactMatched', { identityKey: key, contactId, method: a.method, confidence: a.confidence, previousHandle: a.previousHandle });
    }
  }
  report.deadLettered += out.deadLetters.length;
  for (const dl of out.deadLetters) events.emit('deadLettered', dl);
  return out;
}
