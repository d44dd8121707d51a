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
import type { LocalCrmDb } from './db.js';
import type { LocalCase, LocalContact, LocalCrmChange } from './schema.js';
import { failResult, itemError, okResult, Staging } from './staging.js';
import { checkContact, required, resolveRef, tooLong, tooManyBytes } from './validate.js';

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
  const invalid = checkContact(what, u.fields, s.limits);
  if (invalid) return failResult(u.key, invalid);
  let old: LocalContact | undefined;
  if (u.id !== undefined) {
    old = st.contact(u.id);
    if (!old) {
      return failResult(u.key, itemError('INVALID_CROSS_REFERENCE_KEY', `${what}: Contact ${u.id} does not exist`, 'id'));
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
    return okResult(u.key, row.id, true);
  }
  const merged = mergeContact(old, u.fields, s.now);
  if (!sameExceptUpdatedAt(old, merged)) st.putContact(merged);
  return okResult(u.key, old.id, false);
}

function upsertCase(
  st: Staging,
  c: CaseUpsert,
  contacts: ReadonlyMap<string, ItemResult>,
  cases: ReadonlyMap<string, ItemResult>,
  s: PlanSettings,
): ItemResult {
  const what = `Case ${c.key}`;
  const f = c.fields;
  const existing = st.caseByPost(f.externalPostId);
  if (existing !== undefined) return okResult(c.key, existing, false);
  const contact = resolveRef(what, 'contactId', c.contact, contacts, (id) => st.contact(id) !== undefined);
  if (contact.error) return failResult(c.key, contact.error);
  const parent = c.parent && resolveRef(what, 'parentId', c.parent, cases, (id) => st.case(id) !== undefined);
  if (parent?.error) return failResult(c.key, parent.error);
  const invalid =
    required(what, 'externalPostId', f.externalPostId) ??
    required(what, 'status', f.status) ??
    tooLong(what, 'subject', f.subject, s.limits.caseSubject) ??
    tooLong(what, 'description', f.description, s.limits.caseDescription);
  if (invalid) return failResult(c.key, invalid);
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
  return okResult(c.key, id, true);
}

function reopenCase(st: Staging, r: CaseReopen, s: PlanSettings): ItemResult {
  const what = `Reopen ${r.key}`;
  const old = st.case(r.id);
  if (!old) return failResult(r.key, itemError('INVALID_CROSS_REFERENCE_KEY', `${what}: Case ${r.id} does not exist`, 'id'));
  const invalid = required(what, 'status', r.status);
  if (invalid) return failResult(r.key, invalid);
  const closedAt = s.closedStatuses.has(r.status) ? (old.closedAt ?? s.now) : null;
  if (old.status !== r.status || old.closedAt !== closedAt) {
    st.putCase({ ...old, status: r.status, closedAt, updatedAt: s.now });
  }
  return okResult(r.key, old.id, false);
}

function addComment(st: Staging, m: CommentUpsert, cases: ReadonlyMap<string, ItemResult>, s: PlanSettings): ItemResult {
  const what = `Comment ${m.key}`;
  const f = m.fields;
  const existing = st.commentByPost(f.externalPostId);
  if (existing !== undefined) return okResult(m.key, existing, false);
  const target = resolveRef(what, 'caseId', m.case, cases, (id) => st.case(id) !== undefined);
  if (target.error) return failResult(m.key, target.error);
  const invalid =
    required(what, 'externalPostId', f.externalPostId) ??
    required(what, 'body', f.body) ??
    tooManyBytes(what, 'body', f.body, s.limits.commentBodyBytes);
  if (invalid) return failResult(m.key, invalid);
  const id = st.nextCommentId();
  st.putComment({
    id,
    caseId: target.id,
    body: f.body,
    externalPostId: f.externalPostId,
    outbound: f.outbound,
    createdAt: f.createdAt,
  });
  return okResult(m.key, id, true);
}

/** Works out a whole plan against the database without touching it: results in plan order, one change set. */
export function planLocal(db: LocalCrmDb, plan: WritePlan, settings: PlanSettings): { result: ApplyResult; change: LocalCrmChange } {
  const st = new Staging(db);
  const contactItems = new Map<string, ItemResult>();
  const contacts = plan.contacts.map((u) => {
    const result = upsertContact(st, u, settings);
    contactItems.set(u.key, result);
    return result;
  });
  const caseItems = new Map<string, ItemResult>();
  const cases = plan.cases.map((c) => {
    const result = upsertCase(st, c, contactItems, caseItems, settings);
    caseItems.set(c.key, result);
    return result;
  });
  const reopens = plan.reopens.map((r) => reopenCase(st, r, settings));
  const comments = plan.comments.map((m) => addComment(st, m, caseItems, settings));
  return { result: { contacts, cases, reopens, comments }, change: st.toChange() };
}
