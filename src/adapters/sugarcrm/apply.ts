/**
 * `apply` for Sugar: Contacts, then Cases (a parent before its children), then reopens and Notes,
 * each phase packed into `POST /bulk` calls. Every record gets its deterministic id, so a replay (a
 * rerun, or the engine retrying a bulk call whose reply was lost) answers 422 "Record already exists"
 * for it, which counts as success with `created: false`. Drafts are checked before anything is sent:
 * Sugar's REST layer would save a Case without a name. A record Sugar refuses fails alone.
 */
import type { CallContext } from '../../calls/types.js';
import { contactFieldError, caseFieldError, commentFieldError } from '../kit/field-checks.js';
import { planReferences, type PlanReferences } from '../kit/references.js';
import { fail, itemError, ok } from '../kit/results.js';
import type { ApplyResult, FieldLimits, ItemResult, WritePlan } from '../types.js';
import { runBulk, subError, type BulkOperation, type SubReply } from './bulk.js';
import type { SugarCrmConfig } from './config.js';
import { isAlreadyExists } from './errors.js';
import { caseIdOf, contactIdOf, noteIdOf } from './ids.js';
import { caseBody, contactBody, noteBody } from './records.js';
import type { SugarSession } from './session.js';

/** What `apply` needs besides the plan. */
export interface ApplySettings {
  readonly config: SugarCrmConfig;
  readonly limits: FieldLimits;
  /** Case id → its Contact (from look-ups and this plan), for the `contact_id` of inbound Notes. */
  readonly caseContacts: Map<string, string>;
}

/** The result of one sub-request for the item it wrote. */
function outcome(key: string, id: string, create: boolean, reply: SubReply, what: string): ItemResult {
  if (reply.status >= 200 && reply.status < 300) return ok(key, id, create);
  const { label, message } = subError(reply);
  if (create && isAlreadyExists(reply.status, label, message)) return ok(key, id, false);
  const retryable = reply.status >= 500 || reply.status === 429 || reply.status === 401;
  return fail(key, itemError(label, `SugarCRM refused ${what} (${reply.status} ${label}): ${message}`, { retryable }));
}

type Results = (ItemResult | undefined)[];

function contactOps(plan: WritePlan, s: ApplySettings, results: Results): BulkOperation[] {
  const ops: BulkOperation[] = [];
  plan.contacts.forEach((u, i) => {
    const what = `Contact ${u.key}`;
    const invalid = contactFieldError(what, u.fields, s.limits);
    if (invalid) return void (results[i] = fail(u.key, invalid));
    const id = u.id ?? contactIdOf(u.key);
    const create = u.id === undefined;
    const body = contactBody(u.fields, s.config, create ? id : undefined);
    ops.push({ method: create ? 'POST' : 'PUT', path: create ? '/Contacts' : `/Contacts/${encodeURIComponent(id)}`, body, settle: (r) => void (results[i] = outcome(u.key, id, create, r, what)) });
  });
  return ops;
}

function caseOps(plan: WritePlan, s: ApplySettings, refs: PlanReferences, results: Results): BulkOperation[] {
  const ops: BulkOperation[] = [];
  const byKey = new Map(plan.cases.map((c) => [c.key, c]));
  plan.cases.forEach((c, i) => {
    const what = `Case ${c.key}`;
    const settle = (result: ItemResult): void => {
      results[i] = result;
      refs.settle('cases', result);
    };
    const contact = refs.resolve('contacts', c.contact, { key: c.key, what, field: 'contactId' });
    if (contact.status === 'failed') return settle(contact.failure);
    const parent = c.parent === undefined ? undefined : refs.resolve('cases', c.parent, { key: c.key, what, field: 'parentId' });
    if (parent?.status === 'failed') return settle(parent.failure);
    const invalid = caseFieldError(what, c.fields, s.limits);
    if (invalid) return settle(fail(c.key, invalid));
    const contactId = contact.status === 'id' ? contact.id : contactIdOf(contact.externalKey);
    const parentKey = parent?.status === 'pending' ? byKey.get(parent.externalKey)?.fields.externalPostId : undefined;
    const parentId = parent?.status === 'id' ? parent.id : parentKey === undefined ? undefined : caseIdOf(parentKey);
    const id = caseIdOf(c.fields.externalPostId);
    s.caseContacts.set(id, contactId);
    const body = caseBody(c.fields, s.config, { id, contactId, parentId });
    ops.push({ method: 'POST', path: '/Cases', body, settle: (r) => settle(outcome(c.key, id, true, r, what)) });
    if (s.config.relateContact === 'both') {
      const path = `/Cases/${encodeURIComponent(id)}/link/contacts/${encodeURIComponent(contactId)}`;
      ops.push({
        method: 'POST',
        path,
        body: {},
        settle: (r) => {
          const linked = outcome(c.key, id, false, r, `the link of ${what} to Contact ${contactId}`);
          if (!linked.ok) settle(linked);
        },
      });
    }
  });
  return ops;
}

function laterOps(plan: WritePlan, s: ApplySettings, refs: PlanReferences, reopens: Results, comments: Results): BulkOperation[] {
  const ops: BulkOperation[] = [];
  plan.reopens.forEach((r, i) => {
    const body = { status: r.status };
    ops.push({ method: 'PUT', path: `/Cases/${encodeURIComponent(r.id)}`, body, settle: (reply) => void (reopens[i] = outcome(r.key, r.id, false, reply, `Reopen ${r.key}`)) });
  });
  plan.comments.forEach((m, i) => {
    const what = `Comment ${m.key}`;
    const target = refs.resolve('cases', m.case, { key: m.key, what, field: 'caseId' });
    if (target.status === 'failed') return void (comments[i] = target.failure);
    if (target.status === 'pending') return void (comments[i] = fail(m.key, itemError('INVALID_REFERENCE', `${what}: its Case has no result`, { field: 'caseId' })));
    const invalid = commentFieldError(what, m.fields, s.limits);
    if (invalid) return void (comments[i] = fail(m.key, invalid));
    const id = noteIdOf(m.fields.externalPostId);
    const body = noteBody(m.fields, s.config, { id, caseId: target.id, contactId: s.caseContacts.get(target.id) });
    ops.push({ method: 'POST', path: '/Notes', body, settle: (reply) => void (comments[i] = outcome(m.key, id, true, reply, what)) });
  });
  return ops;
}

function settled(items: readonly { key: string }[], results: Results, phase: string): ItemResult[] {
  return items.map((item, i) => results[i] ?? fail(item.key, itemError('NOT_SENT', `${phase} ${item.key} got no result from SugarCRM`, { retryable: true })));
}

/** Applies a plan; per-record failures are results, a failed round trip throws (the engine retries it). */
export async function applySugar(session: SugarSession, ctx: CallContext, plan: WritePlan, s: ApplySettings): Promise<ApplyResult> {
  const refs = planReferences(plan);
  const contacts: Results = [];
  await runBulk(session, ctx, contactOps(plan, s, contacts), s.config.bulkSize);
  const contactResults = settled(plan.contacts, contacts, 'Contact');
  refs.settleAll('contacts', contactResults);
  const cases: Results = [];
  await runBulk(session, ctx, caseOps(plan, s, refs, cases), s.config.bulkSize);
  const caseResults = settled(plan.cases, cases, 'Case');
  refs.settleAll('cases', caseResults);
  const reopens: Results = [];
  const comments: Results = [];
  await runBulk(session, ctx, laterOps(plan, s, refs, reopens, comments), s.config.bulkSize);
  return { contacts: contactResults, cases: caseResults, reopens: settled(plan.reopens, reopens, 'Reopen'), comments: settled(plan.comments, comments, 'Comment') };
}
