/** Deterministic plan items for the local CRM tests. */
import type { CaseUpsert, CommentUpsert, ContactUpsert, WritePlan } from '../../../src/adapters/types.js';
import type { RecordRef } from '../../../src/model/drafts.js';

export const AT = '2024-05-01T10:00:00.000Z';

export function contact(userId: string, handle: string, extra: Partial<ContactUpsert['fields']> & { id?: string } = {}): ContactUpsert {
  const { id, ...fields } = extra;
  const upsert: ContactUpsert = {
    key: `twitter:${userId}`,
    fields: {
      lastName: `Last${userId}`,
      handles: [{ provider: 'twitter', handle }],
      socialIds: [{ provider: 'twitter', id: userId }],
      custom: {},
      ...fields,
    },
  };
  return id === undefined ? upsert : { ...upsert, id };
}

export function kase(postId: string, ref: RecordRef, extra: Partial<CaseUpsert['fields']> & { parent?: RecordRef } = {}): CaseUpsert {
  const { parent, ...fields } = extra;
  const key = `twitter:${postId}`;
  const upsert: CaseUpsert = {
    key,
    contact: ref,
    fields: {
      externalPostId: key,
      threadKey: `twitter:${postId}`,
      subject: `Subject ${postId}`,
      description: `Description ${postId}`,
      status: 'New',
      priority: 'High',
      origin: 'Twitter',
      createdAt: AT,
      custom: {},
      ...fields,
    },
  };
  return parent === undefined ? upsert : { ...upsert, parent };
}

export function comment(postId: string, ref: RecordRef, body = `Body ${postId}`): CommentUpsert {
  const key = `twitter:${postId}`;
  return { key, case: ref, fields: { externalPostId: key, body, outbound: false, createdAt: AT } };
}

export function plan(parts: Partial<WritePlan>): WritePlan {
  return { contacts: [], cases: [], reopens: [], comments: [], ...parts };
}
