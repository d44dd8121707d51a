/**
 * A WritePlan as record operations, pure: each plan item becomes one record of an sObject
 * Collections request, an immediate result (a field-limit failure, a Case or comment already
 * there, a failed parent), or a comment to check first. Records refer to their Contact and parent
 * Case by External ID in the body (`"Contact": { "Social_Author_Id__c": "twitter:123" }`), so no
 * write waits for an id from an earlier round trip.
 */
import type { CaseUpsert, CommentUpsert, ContactUpsert, ItemError, ItemResult, WritePlan } from '../types.js';
import type { SalesforceEnv } from './env.js';
import { withMarker, MARKER_RESERVE_BYTES } from './comment-marker.js';
import { isSalesforceId } from './soql.js';
import { splitKey } from './rows.js';
import { checkBytes, checkChars, checkRequired } from '../kit/field-checks.js';
import { dependencyFailed as kitDependencyFailed, fail, itemError } from '../kit/results.js';

/** The plan's item lists. */
export type Group = 'contacts' | 'cases' | 'reopens' | 'comments';
/** One plan item. */
export interface ItemRef {
  readonly group: Group;
  readonly index: number;
}

/** One record to write. */
export interface RecordOp {
  readonly item: ItemRef;
  readonly key: string;
  readonly sobject: string;
  readonly mode: 'upsert' | 'update' | 'create';
  /** Writing order: Contacts, Cases by depth (a parent before its children), reopens, comments. */
  readonly order: number;
  readonly record: Record<string, unknown>;
  /** Items whose failure makes this one `DEPENDENCY_FAILED`. */
  readonly dependsOn: readonly ItemRef[];
  /** The Case a comment goes on, when its id is known. */
  readonly caseId?: string;
}

/** A comment whose Case's comments are not known yet: checked after the Cases are written. */
export interface PendingComment {
  readonly item: ItemRef;
  readonly upsert: CommentUpsert;
  /** The Case's id, when known; else the plan Case it refers to. */
  readonly caseId?: string;
  readonly caseItem?: ItemRef;
}

/** Ops, immediate results and comments to check. */
export interface PreparedPlan {
  readonly ops: RecordOp[];
  readonly results: Map<string, ItemResult>;
  readonly pending: PendingComment[];
  /** Plan contact key → its Contact id, where the plan names one. */
  readonly contactIds: Map<string, string>;
}

/** `group:index`, the map key of an item. */
export const refKey = (ref: ItemRef): string => `${ref.group}:${ref.index}`;

/** Where a dependant points at its failed parent (for the kit's `DEPENDENCY_FAILED`). */
export interface FailedParent {
  /** Label of the dependant, e.g. `Case twitter:42`. */
  readonly what: string;
  /** The dependant's reference field (`contactId`, `parentId`, `caseId`). */
  readonly field: string;
  /** The parent's external key. */
  readonly parentKey: string;
  readonly parentError?: ItemError | undefined;
}

/** The result of an item whose parent failed: the kit's `DEPENDENCY_FAILED`, retryable exactly when the parent's error was. */
export const dependencyFailed = (key: string, parent: FailedParent): ItemResult => kitDependencyFailed(key, parent);

function contactRecord(env: SalesforceEnv, u: ContactUpsert, withExternalId: boolean): Record<string, unknown> {
  const f = env.fields;
  const provider = splitKey(u.key)?.provider;
  const handle = u.fields.handles.find((h) => h.provider === provider) ?? u.fields.handles[0];
  return {
    attributes: { type: 'Contact' },
    ...(u.id === undefined ? {} : { id: u.id }),
    ...(withExternalId ? { [f.contactExternalId]: u.key } : {}),
    LastName: u.fields.lastName,
    ...(u.fields.firstName === undefined ? {} : { FirstName: u.fields.firstName }),
    ...(u.fields.email === undefined ? {} : { Email: u.fields.email }),
    ...(handle === undefined ? {} : { [f.contactHandle]: handle.handle }),
    ...u.fields.custom,
  };
}

function prepareContact(env: SalesforceEnv, u: ContactUpsert, index: number, out: PreparedPlan): void {
  const limits = env.fieldLimits();
  const what = `Contact ${u.key}`;
  const invalid =
    checkRequired(what, 'LastName', u.fields.lastName) ??
    checkChars(what, 'LastName', u.fields.lastName, limits.contactLastName) ??
    checkChars(what, 'FirstName', u.fields.firstName, limits.contactFirstName);
  const item: ItemRef = { group: 'contacts', index };
  if (invalid) return void out.results.set(refKey(item), fail(u.key, invalid));
  if (u.id === undefined) {
    out.ops.push({ item, key: u.key, sobject: 'Contact', mode: 'upsert', order: 0, record: contactRecord(env, u, true), dependsOn: [] });
    return;
  }
  out.contactIds.set(u.key, u.id);
  const known = env.knowledge.contactExternalId.get(u.id);
  const setExternalId = known === null || known === u.key; // never overwrite another identity's External ID
  out.ops.push({ item, key: u.key, sobject: 'Contact', mode: 'update', order: 1, record: contactRecord(env, u, setExternalId), dependsOn: [] });
}

interface CaseState {
  readonly caseItems: Map<string, number>;
  readonly caseLevel: Map<string, number>;
  readonly contactItems: Map<string, number>;
}

function prepareCase(env: SalesforceEnv, c: CaseUpsert, index: number, out: PreparedPlan, st: CaseState): void {
  const f = env.fields;
  const limits = env.fieldLimits();
  const item: ItemRef = { group: 'cases', index };
  const what = `Case ${c.key}`;
  st.caseItems.set(c.key, index);
  const known = env.knowledge.caseIdByKey.get(c.key);
  if (known !== undefined) return void out.results.set(refKey(item), { key: c.key, ok: true, id: known, created: false });
  const invalid =
    checkRequired(what, 'Status', c.fields.status) ??
    checkChars(what, 'Subject', c.fields.subject, limits.caseSubject) ??
    checkChars(what, 'Description', c.fields.description, limits.caseDescription);
  if (invalid) return void out.results.set(refKey(item), fail(c.key, invalid));
  const dependsOn: ItemRef[] = [];
  const record: Record<string, unknown> = { attributes: { type: 'Case' }, [f.caseExternalId]: c.key };
  if ('id' in c.contact) record['ContactId'] = c.contact.id;
  else {
    const k = c.contact.externalKey;
    const ci = st.contactItems.get(k);
    const ref: ItemRef | undefined = ci === undefined ? undefined : { group: 'contacts', index: ci };
    const contactResult = ref === undefined ? undefined : out.results.get(refKey(ref));
    if (contactResult?.ok === false) return void out.results.set(refKey(item), dependencyFailed(c.key, { what, field: 'contactId', parentKey: k, parentError: contactResult.error }));
    const id = out.contactIds.get(k);
    if (id !== undefined) record['ContactId'] = id;
    else record['Contact'] = { [f.contactExternalId]: k };
    if (ref !== undefined) dependsOn.push(ref);
  }
  let level = 0;
  if (c.parent !== undefined) {
    if ('id' in c.parent) record['ParentId'] = c.parent.id;
    else {
      const k = c.parent.externalKey;
      const pi = st.caseItems.get(k);
      const ref: ItemRef | undefined = pi === undefined || pi === index ? undefined : { group: 'cases', index: pi };
      const parentResult = ref === undefined ? undefined : out.results.get(refKey(ref));
      if (parentResult?.ok === false) return void out.results.set(refKey(item), dependencyFailed(c.key, { what, field: 'parentId', parentKey: k, parentError: parentResult.error }));
      const id = parentResult?.id ?? env.knowledge.caseIdByKey.get(k);
      if (id !== undefined) record['ParentId'] = id;
      else {
        record['Parent'] = { [f.caseExternalId]: k };
        if (ref !== undefined) {
          dependsOn.push(ref);
          level = (st.caseLevel.get(k) ?? 0) + 1;
        }
      }
    }
  }
  st.caseLevel.set(c.key, level);
  Object.assign(record, {
    [f.caseThreadKey]: c.fields.threadKey,
    Subject: c.fields.subject,
    Description: c.fields.description,
    Status: c.fields.status,
    Priority: c.fields.priority,
    Origin: c.fields.origin,
    ...c.fields.custom,
  });
  out.ops.push({ item, key: c.key, sobject: 'Case', mode: 'upsert', order: 10 + level, record, dependsOn });
}

/** The comment record on a Case given by id or by the Case's External ID. */
export function commentRecord(env: SalesforceEnv, m: CommentUpsert, target: { id: string } | { externalKey: string }): Record<string, unknown> {
  const body = withMarker(m.fields.body, m.key);
  const feed = env.comments.object === 'FeedItem';
  const parent = 'id' in target ? { ParentId: target.id } : { Parent: { ...(feed ? { attributes: { type: 'Case' } } : {}), [env.fields.caseExternalId]: target.externalKey } };
  return feed
    ? { attributes: { type: 'FeedItem' }, ...parent, Body: body, Type: 'TextPost', Visibility: env.comments.published ? 'AllUsers' : 'InternalUsers' }
    : { attributes: { type: 'CaseComment' }, ...parent, CommentBody: body, IsPublished: env.comments.published };
}

function prepareComment(env: SalesforceEnv, m: CommentUpsert, index: number, out: PreparedPlan, st: CaseState): void {
  const item: ItemRef = { group: 'comments', index };
  const limit = env.fieldLimits().commentBodyBytes;
  const tooLong = checkBytes(`Comment ${m.key}`, 'body', m.fields.body, limit) ?? checkBytes(`Comment ${m.key}`, 'body (with its marker line)', withMarker(m.fields.body, m.key), limit + MARKER_RESERVE_BYTES);
  if (tooLong) return void out.results.set(refKey(item), fail(m.key, { ...tooLong, field: 'body' }));
  let caseId: string | undefined;
  let caseItem: ItemRef | undefined;
  if ('id' in m.case) caseId = m.case.id;
  else {
    const k = m.case.externalKey;
    const ci = st.caseItems.get(k);
    caseItem = ci === undefined ? undefined : { group: 'cases', index: ci };
    const planned = caseItem === undefined ? undefined : out.results.get(refKey(caseItem));
    if (planned?.ok === false) return void out.results.set(refKey(item), dependencyFailed(m.key, { what: `Comment ${m.key}`, field: 'caseId', parentKey: k, parentError: planned.error }));
    caseId = planned?.id ?? env.knowledge.caseIdByKey.get(k);
    if (caseId === undefined && caseItem !== undefined && env.knowledge.absentCaseKeys.has(k)) {
      // A Case the lookup did not find, written in this plan: it has no comments yet.
      out.ops.push({ item, key: m.key, sobject: env.comments.object, mode: 'create', order: 60, record: commentRecord(env, m, { externalKey: k }), dependsOn: [caseItem] });
      return;
    }
  }
  if (caseId !== undefined && !isSalesforceId(caseId)) {
    return void out.results.set(refKey(item), fail(m.key, itemError('MALFORMED_ID', `Comment ${m.key}: ${caseId} is not a Salesforce id`, { field: 'caseId' })));
  }
  const existing = caseId === undefined ? undefined : env.knowledge.commentFor(caseId, m.key);
  if (typeof existing === 'string') return void out.results.set(refKey(item), { key: m.key, ok: true, id: existing, created: false });
  if (existing === null && caseId !== undefined) {
    out.ops.push({ item, key: m.key, sobject: env.comments.object, mode: 'create', order: 60, record: commentRecord(env, m, { id: caseId }), dependsOn: caseItem === undefined ? [] : [caseItem], caseId });
    return;
  }
  out.pending.push({ item, upsert: m, ...(caseId === undefined ? {} : { caseId }), ...(caseItem === undefined ? {} : { caseItem }) });
}

/** Prepares a whole plan. */
export function preparePlan(env: SalesforceEnv, plan: WritePlan): PreparedPlan {
  const out: PreparedPlan = { ops: [], results: new Map(), pending: [], contactIds: new Map() };
  const st: CaseState = { caseItems: new Map(), caseLevel: new Map(), contactItems: new Map() };
  plan.contacts.forEach((u, i) => {
    st.contactItems.set(u.key, i);
    prepareContact(env, u, i, out);
  });
  plan.cases.forEach((c, i) => prepareCase(env, c, i, out, st));
  plan.reopens.forEach((r, index) => {
    const item: ItemRef = { group: 'reopens', index };
    if (!isSalesforceId(r.id)) return void out.results.set(refKey(item), fail(r.key, itemError('MALFORMED_ID', `Reopen ${r.key}: ${r.id} is not a Salesforce id`, { field: 'id' })));
    const missing = checkRequired(`Reopen ${r.key}`, 'Status', r.status);
    if (missing) return void out.results.set(refKey(item), fail(r.key, missing));
    out.ops.push({ item, key: r.key, sobject: 'Case', mode: 'update', order: 50, record: { attributes: { type: 'Case' }, id: r.id, Status: r.status }, dependsOn: [] });
  });
  plan.comments.forEach((m, i) => prepareComment(env, m, i, out, st));
  return out;
}
