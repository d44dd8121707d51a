/** `lookup` of the local CRM: index probes only, so its cost follows the batch, not the database. */
import type { CrmCase, CrmComment, CrmContact, LookupRequest, LookupResult } from '../types.js';
import { emailKey, handleKey, nameKey, socialKey, type LocalCrmDb } from './db.js';
import { addPostKeyIdsTo, POST_LIST, postKeyIds } from './post-keys.js';
import type { LocalCase, LocalComment, LocalContact } from './schema.js';

/** A Contact row as the adapter interface returns it (a copy). */
export function toCrmContact(row: LocalContact): CrmContact {
  return {
    id: row.id,
    firstName: row.firstName ?? undefined,
    lastName: row.lastName,
    email: row.email ?? undefined,
    handles: row.handles.map((h) => ({ provider: h.provider, handle: h.handle })),
    socialIds: row.socialIds.map((s) => ({ provider: s.provider, id: s.id })),
  };
}

/** A Case row as the adapter interface returns it. */
export function toCrmCase(row: LocalCase, closedStatuses: ReadonlySet<string>): CrmCase {
  return {
    id: row.id,
    subject: row.subject,
    status: row.status,
    isClosed: closedStatuses.has(row.status),
    contactId: row.contactId ?? undefined,
    parentId: row.parentId ?? undefined,
    externalPostId: row.externalPostId ?? undefined,
    threadKey: row.threadKey ?? undefined,
    createdAt: row.createdAt,
    closedAt: row.closedAt ?? undefined,
  };
}

function toCrmComment(row: LocalComment, externalPostId: string): CrmComment {
  return { id: row.id, caseId: row.caseId, externalPostId };
}

/** Answers one {@link LookupRequest} from the indexes. Results are copies, each record once. */
export function lookupLocal(db: LocalCrmDb, request: LookupRequest, closedStatuses: ReadonlySet<string>): LookupResult {
  const contactIds = new Set<string>();
  for (const identity of request.identities) {
    db.contactsBySocialId.addIdsTo(socialKey(identity.provider, identity.id), contactIds);
    db.contactsByHandle.addIdsTo(handleKey(identity.provider, identity.handle), contactIds);
    if (identity.email) db.contactsByEmail.addIdsTo(emailKey(identity.email), contactIds);
    if (identity.displayName?.trim()) db.contactsByName.addIdsTo(nameKey(identity.displayName), contactIds);
  }
  for (const id of request.contactIds ?? []) {
    if (db.getContact(id) !== undefined) contactIds.add(id);
  }
  for (const mention of request.mentionedHandles ?? []) {
    db.contactsByHandle.addIdsTo(handleKey(mention.provider, mention.handle), contactIds);
  }
  // Cases in the order of the reference probes (thread keys, then external post ids, then open
  // Cases of matched contacts); the external post ids' comments come from the same probe.
  const caseIds = new Set<string>();
  for (const key of request.threadKeys) addPostKeyIdsTo(db.postKeys.entry(key)?.[POST_LIST.caseByThread], caseIds);
  const comments: CrmComment[] = [];
  const seenComments = new Set<string>();
  for (const key of request.externalPostIds) {
    const entry = db.postKeys.entry(key);
    if (entry === undefined) continue;
    addPostKeyIdsTo(entry[POST_LIST.caseByPost], caseIds);
    for (const id of postKeyIds(entry[POST_LIST.commentByPost])) {
      const row = db.getComment(id);
      if (row && row.externalPostId !== null && !seenComments.has(id)) {
        seenComments.add(id);
        comments.push(toCrmComment(row, row.externalPostId));
      }
    }
  }
  if (request.openCasesOfMatchedContacts) {
    for (const contactId of contactIds) {
      for (const id of db.casesByContactId.get(contactId)) {
        const row = db.getCase(id);
        if (row && !closedStatuses.has(row.status)) caseIds.add(id);
      }
    }
  }
  const contacts: CrmContact[] = [];
  for (const id of contactIds) {
    const row = db.getContact(id);
    if (row) contacts.push(toCrmContact(row));
  }
  const cases: CrmCase[] = [];
  for (const id of caseIds) {
    const row = db.getCase(id);
    if (row) cases.push(toCrmCase(row, closedStatuses));
  }
  return { contacts, cases, comments };
}
