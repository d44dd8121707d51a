/**
 * `lookup` in as few SOQL queries as the URI limit allows, packed 5 to a Composite call:
 * round 1 — Contacts by External ID, handle, Email, Name and Id, and Cases by thread key and
 * External ID; round 2 — open Cases of the matched Contacts (when asked) and the comments of the
 * Cases found; round 3 — only when round 2 found more Cases: their comments.
 */
import type { CrmCase, CrmComment, CrmContact, CrmCallContext, LookupRequest, LookupResult } from '../types.js';
import type { SalesforceEnv } from './env.js';
import { markerIndex, namedPost } from './comment-marker.js';
import { chunkQuery } from './query-builder.js';
import { runQueries } from './query-runner.js';
import { caseSelect, contactExternalIdOf, contactSelect, toCase, toCommentRow, toContact } from './rows.js';
import { isSalesforceId } from './soql.js';
import { learnSocial, queueCommentRepairs, queueRepairs, repairSocial, socialQueries } from './social.js';

function contactQueries(env: SalesforceEnv, request: LookupRequest): string[] {
  const f = env.fields;
  const handles = [...request.identities.map((i) => i.handle), ...(request.mentionedHandles ?? []).map((m) => m.handle)];
  const names = request.identities.map((i) => (i.displayName ?? '').trim().split(/\s+/).join(' ')).filter((n) => n !== '');
  return chunkQuery(
    {
      select: contactSelect(f),
      from: 'Contact',
      terms: [
        { field: f.contactExternalId, values: request.identities.map((i) => `${i.provider}:${i.id}`) },
        { field: f.contactHandle, values: handles },
        { field: 'Email', values: request.identities.flatMap((i) => (i.email ? [i.email] : [])) },
        { field: 'Name', values: names },
        { field: 'Id', values: request.contactIds.filter(isSalesforceId) },
      ],
    },
    env.queryOptions(),
  );
}

function caseQueries(env: SalesforceEnv, request: LookupRequest): string[] {
  const f = env.fields;
  return chunkQuery(
    {
      select: caseSelect(f),
      from: 'Case',
      terms: [
        { field: f.caseThreadKey, values: request.threadKeys },
        { field: f.caseExternalId, values: request.externalPostIds },
      ],
    },
    env.queryOptions(),
  );
}

/** Queries for the comments (CaseComment or FeedItem) of Cases. */
export function commentQueries(env: SalesforceEnv, caseIds: readonly string[]): string[] {
  const feed = env.comments.object === 'FeedItem';
  return chunkQuery(
    { select: ['Id', 'ParentId', feed ? 'Body' : 'CommentBody'], from: env.comments.object, terms: [{ field: 'ParentId', values: caseIds.filter(isSalesforceId) }] },
    env.queryOptions(),
  );
}

function openCaseQueries(env: SalesforceEnv, contactIds: readonly string[]): string[] {
  return chunkQuery({ select: caseSelect(env.fields), from: 'Case', terms: [{ field: 'ContactId', values: contactIds }], also: 'IsClosed = false' }, env.queryOptions());
}

/** Records the comment rows of `caseIds` in the adapter's knowledge (those Cases' comments are now all known). */
export function learnComments(env: SalesforceEnv, caseIds: Iterable<string>, rows: readonly Record<string, unknown>[]): { id: string; caseId: string; body: string }[] {
  for (const id of caseIds) env.knowledge.commentsByCase.set(id, { exact: new Map(), urlTails: new Map() });
  const out: { id: string; caseId: string; body: string }[] = [];
  for (const raw of rows) {
    const row = toCommentRow(raw);
    const known = row === undefined ? undefined : env.knowledge.commentsByCase.get(row.caseId);
    if (row === undefined || known === undefined) continue;
    out.push(row);
    const last = (row.body.split(/\r?\n/).pop() ?? '').trim();
    if (/^https?:\/\//i.test(last)) {
      try {
        const tail = new URL(last).pathname.split('/').filter((s) => s !== '').pop();
        if (tail !== undefined) known.urlTails.set(decodeURIComponent(tail), row.id);
      } catch {
        // not a URL after all: no marker
      }
    } else if (last !== '') {
      known.exact.set(last, row.id);
      env.knowledge.caseOfComment.set(last, row.caseId);
    }
  }
  return out;
}

/**
 * Whether a Contact the query returned really matches: SOQL compares the handle field alone, but a
 * handle matches only on its own provider (the provider of the Contact's External ID, when it has one).
 */
function contactMatcher(request: LookupRequest): (contact: CrmContact) => boolean {
  const lower = (s: string): string => s.toLowerCase();
  const keys = new Set(request.identities.map((i) => `${i.provider}:${i.id}`));
  const ids = new Set(request.contactIds);
  const emails = new Set(request.identities.flatMap((i) => (i.email ? [lower(i.email)] : [])));
  const names = new Set(request.identities.flatMap((i) => (i.displayName?.trim() ? [lower(i.displayName.trim())] : [])));
  const handles = [...request.identities, ...(request.mentionedHandles ?? [])].map((h) => ({ provider: h.provider, handle: lower(h.handle) }));
  return (c) =>
    ids.has(c.id) ||
    c.socialIds.some((s) => keys.has(`${s.provider}:${s.id}`)) ||
    (c.email !== undefined && emails.has(lower(c.email))) ||
    names.has(lower(`${c.firstName ?? ''} ${c.lastName}`.trim())) ||
    c.handles.some((h) => handles.some((w) => w.handle === lower(h.handle) && (c.socialIds.length === 0 || c.socialIds.some((s) => s.provider === w.provider))));
}

/** Answers one {@link LookupRequest}. */
export async function lookupSalesforce(env: SalesforceEnv, request: LookupRequest, ctx: CrmCallContext): Promise<LookupResult> {
  const { fields: f, knowledge } = env;
  knowledge.trim();
  for (const post of request.posts ?? []) knowledge.postInfo.set(post.key, post);
  const handleProviders = new Map<string, Set<string>>();
  for (const h of [...request.identities, ...(request.mentionedHandles ?? [])]) {
    const key = h.handle.toLowerCase();
    handleProviders.set(key, (handleProviders.get(key) ?? new Set()).add(h.provider));
  }
  const providersOf = (handle: string): string[] => [...(handleProviders.get(handle.toLowerCase()) ?? [])];
  const contactsQ = contactQueries(env, request);
  const casesQ = caseQueries(env, request);
  const social = env.socialSchema();
  const authorKeys = request.identities.map((i) => `${i.provider}:${i.id}`);
  const socialQ = social === undefined ? [] : socialQueries(env, request.externalPostIds, authorKeys);
  if (contactsQ.length + casesQ.length === 0 && request.externalPostIds.length === 0) {
    return ctx.call('lookup', async () => ({ contacts: [], cases: [], comments: [] })); // nothing to ask the org
  }
  const firstRound = await runQueries(env.connection, env.apiVersion, ctx, 'lookup', [...contactsQ, ...casesQ, ...socialQ]);
  if (social !== undefined) learnSocial(env, social, request.externalPostIds, authorKeys, firstRound.slice(contactsQ.length + casesQ.length).flat());
  const contacts = new Map<string, CrmContact>();
  const cases = new Map<string, CrmCase>();
  const closed = env.closedStatuses();
  const matches = contactMatcher(request);
  for (const raw of firstRound.slice(0, contactsQ.length).flat()) {
    const contact = toContact(raw, f, providersOf);
    if (contact === undefined || !matches(contact)) continue;
    contacts.set(contact.id, contact);
    knowledge.contactExternalId.set(contact.id, contactExternalIdOf(raw, f));
    const handle = contact.handles[0]?.handle;
    if (handle !== undefined) knowledge.contactHandle.set(contact.id, handle);
  }
  const addCases = (rows: readonly Record<string, unknown>[]): string[] => {
    const added: string[] = [];
    for (const raw of rows) {
      const kase = toCase(raw, f, closed);
      if (kase === undefined || cases.has(kase.id)) continue;
      cases.set(kase.id, kase);
      added.push(kase.id);
      if (kase.externalPostId !== undefined) knowledge.caseIdByKey.set(kase.externalPostId, kase.id);
    }
    return added;
  };
  const firstCases = addCases(firstRound.slice(contactsQ.length, contactsQ.length + casesQ.length).flat());
  if (social !== undefined) queueRepairs(env, [...cases.values()], new Set(request.externalPostIds));
  const found = new Set([...cases.values()].flatMap((c) => (c.externalPostId === undefined ? [] : [c.externalPostId])));
  knowledge.absentCaseKeys = new Set(request.externalPostIds.filter((k) => !found.has(k)));

  const openQ = request.openCasesOfMatchedContacts === true ? openCaseQueries(env, [...contacts.keys()]) : [];
  // Cases this adapter saw holding comments of the batch's posts (written or read earlier), beside the Cases found.
  const seenHolding = request.externalPostIds.flatMap((k) => {
    const id = knowledge.caseOfComment.get(k);
    return id === undefined || cases.has(id) ? [] : [id];
  });
  let commentCaseIds = [...new Set([...firstCases, ...seenHolding])];
  const firstCommentsQ = commentQueries(env, commentCaseIds);
  const commentRows: Record<string, unknown>[] = [];
  if (openQ.length + firstCommentsQ.length > 0) {
    const second = await runQueries(env.connection, env.apiVersion, ctx, 'lookup', [...openQ, ...firstCommentsQ]);
    const more = addCases(second.slice(0, openQ.length).flat());
    commentRows.push(...second.slice(openQ.length).flat());
    if (more.length > 0) {
      const third = await runQueries(env.connection, env.apiVersion, ctx, 'lookup', commentQueries(env, more));
      commentRows.push(...third.flat());
      commentCaseIds = [...commentCaseIds, ...more];
    }
  }
  const index = markerIndex(request.externalPostIds);
  const comments: CrmComment[] = [];
  const named: { id: string; caseId: string; externalPostId: string; body: string }[] = [];
  for (const row of learnComments(env, commentCaseIds, commentRows)) {
    const post = namedPost(row.body, index);
    if (post === undefined) continue;
    comments.push({ id: row.id, caseId: row.caseId, externalPostId: post });
    named.push({ ...row, externalPostId: post });
  }
  if (social !== undefined) queueCommentRepairs(env, named);
  // Cases and comments found without their SocialPost (a run stopped between the two writes): created now, before
  // the engine commits these posts as handled (no later run would look at them again).
  if (knowledge.socialRepairs.size > 0) await repairSocial(env, ctx);
  return { contacts: [...contacts.values()], cases: [...cases.values()], comments };
}
