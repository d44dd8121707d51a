/**
 * `apply` of the local CRM, as a pure step: a plan in, per-item results and ONE change set out.
 * Contacts, then Cases (in order), then reopens, then comments; one bad record never fails the rest.
 */
import type { ContactDraft } from '../../model/drafts.js';
import type {
  ApplyResult,
  CaseReopen,
  CaseUpsert,
  CommentUpsert,
  ContactUpsert,
  FieldLimits,
  ItemResult,
  WritePlan,
} from '../types.js';
import { caseFieldError, checkRequired, commentFieldError, contactFieldError } from '../kit/field-checks.js';
import { planReferences, type PlanReferences, type ResolvedRef } from '../kit/references.js';
import { fail, ITEM_ERROR_CODES, itemError, ok } from '../kit/results.js';
import type { LocalCrmDb } from './db.js';
import type { LocalCase, LocalContact, LocalCrmChange } from './schema.js';
import { Staging } from './staging.js';

/** What `apply` needs beside the plan. */
export interface PlanSettings {
  readonly limits: FieldLimits;
  readonly closedStatuses: ReadonlySet<string>;
  /** ISO timestamp stamped on changed rows. */
  readonly now: string;
}

function newContact(id: string, f: ContactDraft, now: string): LocalContact {
  return {
    id,
    firstName: f.firstName ?? null,
    lastName: f.lastName,
    handles: f.handles.map((h) => ({ provider: h.provider, handle: h.handle })),
    socialIds: f.socialIds.map((s) => ({ provider: s.provider, id: s.id })),
    email: f.email ?? null,
    followers: f.followers ?? null,
    verified: f.verified ?? null,
    location: f.location ?? null,
    updatedAt: now,
    custom: { ...f.custom },
  };
}

/** Merges a draft into a Contact: a provider's new handle replaces its old one; ids are added. */
function mergeContact(old: LocalContact, f: ContactDraft, now: string): LocalContact {
  const providers = new Set(f.handles.map((h) => h.provider));
  const handles = old.handles.filter((h) => !providers.has(h.provider));
  for (const h of f.handles) {
    if (!handles.some((x) => x.provider === h.provider && x.handle === h.handle)) handles.push({ ...h });
  }
  const socialIds = [...old.socialIds];
  for (const s of f.socialIds) {
    if (!socialIds.some((x) => x.provider === s.provider && x.id === s.id)) socialIds.push({ ...s });
  }
  return {
    ...old,
    firstName: f.firstName ?? old.firstName,
    lastName: f.lastName,
    handles,
    socialIds,
    email: f.email ?? old.email,
    followers: f.followers ?? old.followers,
    verified: f.verified ?? old.verified,
    location: f.location ?? old.location,
    updatedAt: now,
    custom: { ...old.custom, ...f.custom },
  };
}

const sameExceptUpdatedAt = (a: object, b: object): boolean =>
  JSON.stringify({ ...a, updatedAt: null }) === JSON.stringify({ ...b, updatedAt: null });

function upsertContact(st: Staging, u: ContactUpsert, s: PlanSettings): ItemResult {
  const what = `Contact ${u.key}`;
  const invalid = contactFieldError(what, u.fields, s.limits);
  if (invalid) return fail(u.key, invalid);
  let old: LocalContact | undefined;
  if (u.id !== undefined) {
    old = st.contact(u.id);
    if (!old) {
      const message = `${what}: Contact ${u.id} does not exist`;
      return fail(u.key, itemError(ITEM_ERROR_CODES.invalidCrossReferenceKey, message, { field: 'id' }));
    }
  } else {
    for (const sid of u.fields.socialIds) {
      const id = st.contactBySocial(sid.provider, sid.id);
      old = id === undefined ? undefined : st.contact(id);
      if (old) break;
    }
  }
  if (!old) {
    const row = newContact(st.nextContactId(), u.fields, s.now);
    st.putContact(row);
    return ok(u.key, row.id, true);
  }
  const merged = mergeContact(old, u.fields, s.now);
  if (!sameExceptUpdatedAt(old, merged)) st.putContact(merged);
  return ok(u.key, old.id, false);
}

/**
 * Resolves a reference for an item applied now: an item of the plan without a result yet comes later
 * in plan order, which the local CRM (one item at a time) cannot refer to.
 */
function resolveNow(resolved: ResolvedRef, key: string, what: string, field: string): { id: string } | { failed: ItemResult } {
  if (resolved.status === 'id') return { id: resolved.id };
  if (resolved.status === 'failed') return { failed: resolved.failure };
  const message = `${what}: ${field} refers to ${resolved.externalKey}, which comes later in this plan`;
  return { failed: fail(key, itemError(ITEM_ERROR_CODES.invalidReference, message, { field })) };
}

function upsertCase(st: Staging, c: CaseUpsert, refs: PlanReferences, s: PlanSettings): ItemResult {
  const what = `Case ${c.key}`;
  const f = c.fields;
  const existing = st.caseByPost(f.externalPostId);
  if (existing !== undefined) return ok(c.key, existing, false);
  const contactExists = (id: string): boolean => st.contact(id) !== undefined;
  const contact = resolveNow(refs.resolve('contacts', c.contact, { key: c.key, what, field: 'contactId', exists: contactExists }), c.key, what, 'contactId');
  if ('failed' in contact) return contact.failed;
  const caseExists = (id: string): boolean => st.case(id) !== undefined;
  const parent =
    c.parent && resolveNow(refs.resolve('cases', c.parent, { key: c.key, what, field: 'parentId', exists: caseExists }), c.key, what, 'parentId');
  if (parent && 'failed' in parent) return parent.failed;
  const invalid = caseFieldError(what, f, s.limits);
  if (invalid) return fail(c.key, invalid);
  const { id, caseNumber } = st.nextCase();
  const row: LocalCase = {
    id,
    caseNumber,
    subject: f.subject,
    description: f.description,
    status: f.status,
    priority: f.priority,
    origin: f.origin,
    contactId: contact.id,
    parentId: parent?.id ?? null,
    externalPostId: f.externalPostId,
    threadKey: f.threadKey,
    createdAt: f.createdAt,
    closedAt: s.closedStatuses.has(f.status) ? s.now : null,
    updatedAt: s.now,
    custom: { ...f.custom },
  };
  st.putCase(row);
  return ok(c.key, id, true);
}

function reopenCase(st: Staging, r: CaseReopen, s: PlanSettings): ItemResult {
  const what = `Reopen ${r.key}`;
  const old = st.case(r.id);
  if (!old) return fail(r.key, itemError(ITEM_ERROR_CODES.invalidCrossReferenceKey, `${what}: Case ${r.id} does not exist`, { field: 'id' }));
  const invalid = checkRequired(what, 'status', r.status);
  if (invalid) return fail(r.key, invalid);
  const closedAt = s.closedStatuses.has(r.status) ? (old.closedAt ?? s.now) : null;
  if (old.status !== r.status || old.closedAt !== closedAt) {
    st.putCase({ ...old, status: r.status, closedAt, updatedAt: s.now });
  }
  return ok(r.key, old.id, false);
}

function addComment(st: Staging, m: CommentUpsert, refs: PlanReferences, s: PlanSettings): ItemResult {
  const what = `Comment ${m.key}`;
  const f = m.fields;
  const existing = st.commentByPost(f.externalPostId);
  if (existing !== undefined) return ok(m.key, existing, false);
  const caseExists = (id: string): boolean => st.case(id) !== undefined;
  const target = resolveNow(refs.resolve('cases', m.case, { key: m.key, what, field: 'caseId', exists: caseExists }), m.key, what, 'caseId');
  if ('failed' in target) return target.failed;
  const invalid = commentFieldError(what, f, s.limits);
  if (invalid) return fail(m.key, invalid);
  const id = st.nextCommentId();
  st.putComment({
    id,
    caseId: target.id,
    body: f.body,
    externalPostId: f.externalPostId,
    outbound: f.outbound,
    createdAt: f.createdAt,
  });
  return ok(m.key, id, true);
}

/** Works out a whole plan against the database without touching it: results in plan order, one change set. */
export function planLocal(db: LocalCrmDb, plan: WritePlan, settings: PlanSettings): { result: ApplyResult; change: LocalCrmChange } {
  const st = new Staging(db);
  const refs = planReferences(plan);
  const contacts = plan.contacts.map((u) => {
    const result = upsertContact(st, u, settings);
    refs.settle('contacts', result);
    return result;
  });
  const cases = plan.cases.map((c) => {
    const result = upsertCase(st, c, refs, settings);
    refs.settle('cases', result);
    return result;
  });
  const reopens = plan.reopens.map((r) => reopenCase(st, r, settings));
  const comments = plan.comments.map((m) => addComment(st, m, refs, settings));
  return { result: { contacts, cases, reopens, comments }, change: st.toChange() };
}
