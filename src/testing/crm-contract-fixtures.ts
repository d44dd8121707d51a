/**
 * Plan builders for the CRM adapter contract suite. Every id, handle, key and email is unique per
 * process and call, so the suite can run against a shared (remote) CRM that already holds data.
 */
import type { RecordRef } from '../model/drafts.js';
import type { SocialIdentity } from '../model/social-post.js';
import type { CaseUpsert, CommentUpsert, ContactUpsert, CrmCapabilities } from '../adapters/types.js';

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
let counter = 0;

/** A string unique to this process and call: `label` + run id + counter (letters and digits only). */
export function uniqueId(label: string): string {
  counter += 1;
  return `${label}${RUN}${counter}`;
}

/** Provider used by the contract plans. */
export const CONTRACT_PROVIDER = 'twitter';

/** A fresh social identity with its own id, handle, name and email. */
export function contractIdentity(): SocialIdentity {
  const id = uniqueId('9');
  return {
    provider: CONTRACT_PROVIDER,
    id,
    handle: uniqueId('h'),
    displayName: `Contract Tester${id}`,
    email: `${uniqueId('e')}@example.com`,
  };
}

/** Identity key `provider:id`, the ContactUpsert key. */
export const keyOf = (who: Pick<SocialIdentity, 'provider' | 'id'>): string => `${who.provider}:${who.id}`;

/** A ContactUpsert for an identity (`id` = update that Contact). */
export function contactUpsert(who: SocialIdentity, id?: string): ContactUpsert {
  const name = who.displayName?.split(' ') ?? ['Contract', `Tester${who.id}`];
  const fields = {
    firstName: name[0] ?? 'Contract',
    lastName: name.slice(1).join(' ') || who.handle,
    handles: [{ provider: who.provider, handle: who.handle }],
    socialIds: [{ provider: who.provider, id: who.id }],
    custom: {},
    ...(who.email === undefined ? {} : { email: who.email }),
  };
  return id === undefined ? { key: keyOf(who), fields } : { key: keyOf(who), id, fields };
}

/** Options of {@link caseUpsert}. */
export interface CaseOptions {
  readonly contact: RecordRef;
  readonly parent?: RecordRef;
  readonly key?: string;
  readonly threadKey?: string;
  readonly subject?: string;
  readonly status?: string;
}

/** A CaseUpsert with a fresh external post id (its key) unless `key` is given. */
export function caseUpsert(caps: CrmCapabilities, options: CaseOptions): CaseUpsert {
  const key = options.key ?? `${CONTRACT_PROVIDER}:${uniqueId('7')}`;
  const upsert: CaseUpsert = {
    key,
    contact: options.contact,
    fields: {
      externalPostId: key,
      threadKey: options.threadKey ?? key,
      subject: options.subject ?? `Contract case ${key}`,
      description: `Description of ${key}`,
      status: options.status ?? caps.newCaseStatus,
      priority: 'Medium',
      origin: 'Twitter',
      createdAt: new Date().toISOString(),
      custom: {},
    },
  };
  return options.parent === undefined ? upsert : { ...upsert, parent: options.parent };
}

/** A CommentUpsert on a Case with a fresh external post id (its key). */
export function commentUpsert(caseRef: RecordRef, body = 'Contract comment', outbound = false): CommentUpsert {
  const key = `${CONTRACT_PROVIDER}:${uniqueId('8')}`;
  return {
    key,
    case: caseRef,
    fields: { externalPostId: key, body, outbound, createdAt: new Date().toISOString() },
  };
}

/** A comment body of exactly `bytes` UTF-8 bytes, mostly two-byte characters (so bytes ≠ characters). */
export function bodyOfBytes(bytes: number): string {
  return 'é'.repeat(Math.floor(bytes / 2)) + (bytes % 2 === 1 ? 'a' : '');
}
