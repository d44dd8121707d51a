import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { directCallContext as ctx } from '../../../src/adapters/types.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { comment, contact, kase, plan } from './plan-builders.js';

describe('localCrmAdapter apply', () => {
  it('uses one call per plan and one per lookup, whatever their size', async () => {
    const crm = localCrmAdapter();
    const counter = countingCallContext();
    const contacts = Array.from({ length: 100 }, (_, i) => contact(`${i}`, `h${i}`));
    const cases = contacts.map((c, i) => kase(`${1000 + i}`, { externalKey: c.key }));
    const comments = cases.map((c, i) => comment(`${5000 + i}`, { externalKey: c.key }));
    const result = await crm.apply(plan({ contacts, cases, comments }), counter);
    expect(result.comments.filter((r) => r.ok && r.created)).toHaveLength(100);
    expect(counter.operations).toEqual(['apply']);
    const found = await crm.lookup(
      {
        identities: contacts.map((c) => ({ provider: 'twitter', id: c.key.slice(8), handle: 'x' })),
        contactIds: [],
        threadKeys: cases.map((c) => c.fields.threadKey),
        externalPostIds: comments.map((c) => c.key),
      },
      counter,
    );
    expect([found.contacts.length, found.cases.length, found.comments.length]).toEqual([100, 100, 100]);
    await crm.describe(counter);
    expect(counter.operations).toEqual(['apply', 'lookup', 'describe']);
  });

  it('reports reference errors per item: unknown key, failed dependency, missing id', async () => {
    const crm = localCrmAdapter();
    const result = await crm.apply(
      plan({
        contacts: [contact('1', 'a'), contact('2', 'b', { lastName: ' ' }), contact('3', 'c', { id: '003404' })],
        cases: [
          kase('10', { externalKey: 'twitter:nobody' }),
          kase('11', { externalKey: 'twitter:2' }),
          kase('12', { id: '003404' }),
          kase('13', { externalKey: 'twitter:1' }, { parent: { externalKey: 'twitter:14' } }),
          kase('14', { externalKey: 'twitter:1' }, { parent: { id: '500404' } }),
          kase('15', { externalKey: 'twitter:1' }),
        ],
        reopens: [{ key: 'twitter:16', id: '500404', status: 'Reopened' }],
        comments: [comment('17', { externalKey: 'twitter:11' }), comment('18', { externalKey: 'twitter:15' }, '')],
      }),
      ctx,
    );
    const codes = (items: readonly { ok: boolean; error?: { code: string; field?: string } }[]) =>
      items.map((r) => (r.ok ? 'ok' : `${r.error?.code}:${r.error?.field}`));
    expect(codes(result.contacts)).toEqual(['ok', 'REQUIRED_FIELD_MISSING:lastName', 'INVALID_CROSS_REFERENCE_KEY:id']);
    expect(codes(result.cases)).toEqual([
      'INVALID_REFERENCE:contactId',
      'DEPENDENCY_FAILED:contactId',
      'INVALID_CROSS_REFERENCE_KEY:contactId',
      'INVALID_REFERENCE:parentId',
      'INVALID_CROSS_REFERENCE_KEY:parentId',
      'ok',
    ]);
    expect(result.cases[1]?.error?.message).toContain('twitter:2');
    expect(codes(result.reopens)).toEqual(['INVALID_CROSS_REFERENCE_KEY:id']);
    expect(codes(result.comments)).toEqual(['DEPENDENCY_FAILED:caseId', 'REQUIRED_FIELD_MISSING:body']);
    expect(crm.snapshot().cases.map((c) => c.externalPostId)).toEqual(['twitter:15']);
  });

  it('checks field limits: subject and description in characters, comment body in bytes', async () => {
    const crm = localCrmAdapter({ fieldLimits: { caseSubject: 5, caseDescription: 6, commentBodyBytes: 4 } });
    const result = await crm.apply(
      plan({
        contacts: [contact('1', 'a'), contact('2', 'b', { firstName: 'x'.repeat(41) })],
        cases: [
          kase('10', { externalKey: 'twitter:1' }, { subject: '😀😀😀😀😀', description: 'ok' }),
          kase('11', { externalKey: 'twitter:1' }, { subject: 'sixsix' }),
          kase('12', { externalKey: 'twitter:1' }, { subject: 'ok', description: 'seven77' }),
        ],
        comments: [comment('20', { externalKey: 'twitter:10' }, 'éé'), comment('21', { externalKey: 'twitter:10' }, 'éé!')],
      }),
      ctx,
    );
    expect(result.contacts[1]?.error).toMatchObject({ code: 'STRING_TOO_LONG', field: 'firstName' });
    expect(result.cases.map((r) => r.error?.field ?? 'ok')).toEqual(['ok', 'subject', 'description']);
    expect(result.cases[1]?.error?.code).toBe('STRING_TOO_LONG');
    expect(result.comments.map((r) => r.error?.code ?? 'ok')).toEqual(['ok', 'STRING_TOO_LONG']);
  });

  it('is idempotent within and across plans', async () => {
    const crm = localCrmAdapter();
    const p = plan({
      contacts: [contact('1', 'a')],
      cases: [kase('10', { externalKey: 'twitter:1' }), kase('10', { externalKey: 'twitter:1' })],
      comments: [comment('20', { externalKey: 'twitter:10' }), comment('20', { externalKey: 'twitter:10' })],
    });
    const first = await crm.apply(p, ctx);
    expect(first.cases.map((r) => r.created)).toEqual([true, false]);
    expect(first.comments.map((r) => r.created)).toEqual([true, false]);
    expect(first.cases[1]?.id).toBe(first.cases[0]?.id);
    const second = await crm.apply(p, ctx);
    expect([...second.contacts, ...second.cases, ...second.comments].map((r) => r.created)).toEqual([false, false, false, false, false]);
    const doc = crm.snapshot();
    expect([doc.contacts.length, doc.cases.length, doc.comments.length]).toEqual([1, 1, 1]);
  });

  it('merges contact updates: new handle replaces the provider handle, ids accumulate, email kept', async () => {
    const crm = localCrmAdapter();
    const created = await crm.apply(
      plan({ contacts: [contact('1', 'old', { email: 'a@example.com', handles: [{ provider: 'twitter', handle: 'old' }, { provider: 'mastodon', handle: 'm' }] })] }),
      ctx,
    );
    const id = created.contacts[0]?.id ?? '';
    const bySocialId = await crm.apply(plan({ contacts: [contact('1', 'new', { firstName: 'Ann' })] }), ctx);
    expect(bySocialId.contacts[0]).toEqual({ key: 'twitter:1', ok: true, id, created: false });
    await crm.apply(plan({ contacts: [contact('9', 'new', { id, socialIds: [{ provider: 'twitter', id: '9' }] })] }), ctx);
    expect(crm.snapshot().contacts).toEqual([
      expect.objectContaining({
        id,
        firstName: 'Ann',
        email: 'a@example.com',
        handles: [{ provider: 'mastodon', handle: 'm' }, { provider: 'twitter', handle: 'new' }],
        socialIds: [{ provider: 'twitter', id: '1' }, { provider: 'twitter', id: '9' }],
      }),
    ]);
    const old = await crm.lookup({ identities: [{ provider: 'twitter', id: 'x', handle: 'OLD' }], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
    expect(old.contacts).toEqual([]);
    const byNewId = await crm.lookup({ identities: [{ provider: 'twitter', id: '9', handle: 'x' }], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
    expect(byNewId.contacts.map((c) => c.id)).toEqual([id]);
  });

  it('reopens a case: given status, closedAt cleared; a closed new case gets closedAt', async () => {
    const now = new Date('2024-06-01T00:00:00.000Z');
    const crm = localCrmAdapter({ now: () => now });
    const created = await crm.apply(
      plan({ contacts: [contact('1', 'a')], cases: [kase('10', { externalKey: 'twitter:1' }, { status: 'Closed' })] }),
      ctx,
    );
    const id = created.cases[0]?.id ?? '';
    expect(crm.snapshot().cases[0]).toMatchObject({ status: 'Closed', closedAt: now.toISOString() });
    const reopened = await crm.apply(plan({ reopens: [{ key: 'twitter:11', id, status: 'Reopened' }] }), ctx);
    expect(reopened.reopens).toEqual([{ key: 'twitter:11', ok: true, id, created: false }]);
    expect(crm.snapshot().cases[0]).toMatchObject({ status: 'Reopened', closedAt: null });
  });

  it('throws once closed', async () => {
    const crm = localCrmAdapter();
    await crm.close();
    await expect(crm.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx)).rejects.toThrow(/closed/);
  });
});
