/** The CRM adapter contract's core checks: describe, plans with references, replay, matching, limits, reopen. */
import { expect } from 'vitest';
import type { ItemResult } from '../adapters/types.js';
import { bodyOfBytes, caseUpsert, commentUpsert, contactUpsert, contractIdentity, keyOf } from './crm-contract-fixtures.js';
import type { CrmContractCheck } from './crm-contract-subject.js';

/** The id of a result that must have succeeded. */
export const idOf = (result: ItemResult | undefined): string => {
  expect(result?.ok, JSON.stringify(result)).toBe(true);
  expect(typeof result?.id).toBe('string');
  return result?.id ?? '';
};

/** Checks every adapter passes, remote or embedded. */
export const coreChecks: readonly CrmContractCheck[] = [
  {
    name: 'describes itself',
    async run({ adapter, ctx }) {
      const described = await adapter.describe(ctx);
      expect(described.name).toBe(adapter.name);
      for (const limit of Object.values(described.fieldLimits)) expect(Number.isInteger(limit) && limit > 0).toBe(true);
      expect(described.batchSizes.lookup).toBeGreaterThan(0);
      expect(described.batchSizes.apply).toBeGreaterThan(0);
      expect(described.closedStatuses.length).toBeGreaterThan(0);
      expect(described.closedStatuses).not.toContain(described.newCaseStatus);
      expect(described.closedStatuses).not.toContain(described.reopenStatus);
    },
  },
  {
    name: 'finds nothing for unknown identities, threads and posts',
    async run(s) {
      const who = contractIdentity();
      const found = await s.lookup({ identities: [who], threadKeys: [`twitter:${who.id}`], externalPostIds: [`twitter:${who.handle}`] });
      expect(found).toEqual({ contacts: [], cases: [], comments: [] });
    },
  },
  {
    name: 'answers an empty lookup with nothing (it may make no call: there is nothing to ask)',
    async run(s) {
      const nothing = { contacts: [], cases: [], comments: [] };
      expect(await s.lookup({}), 'an empty lookup found something').toEqual(nothing);
      expect(await s.lookup({ openCasesOfMatchedContacts: true, mentionedHandles: [] }), 'openCasesOfMatchedContacts alone found something').toEqual(nothing);
    },
  },
  {
    name: 'applies contacts, cases and comments with external-key references in one plan',
    async run(s) {
      const a = contractIdentity();
      const b = contractIdentity();
      const first = caseUpsert(s.caps, { contact: { externalKey: keyOf(a) } });
      const child = caseUpsert(s.caps, { contact: { externalKey: keyOf(b) }, parent: { externalKey: first.key }, threadKey: first.fields.threadKey });
      const comment = commentUpsert({ externalKey: first.key });
      const result = await s.apply({ contacts: [contactUpsert(a), contactUpsert(b)], cases: [first, child], comments: [comment] });
      expect(s.ctx.calls).toBeLessThan(5);
      for (const r of [...result.contacts, ...result.cases, ...result.comments]) expect(r).toMatchObject({ ok: true, created: true });
      const [aId, bId, firstId, childId] = [...result.contacts, ...result.cases].map(idOf);
      expect(new Set([aId, bId, firstId, childId]).size).toBe(4);
      const found = await s.lookup({ threadKeys: [first.fields.threadKey], externalPostIds: [comment.key] });
      const byId = new Map(found.cases.map((c) => [c.id, c]));
      expect(byId.size).toBe(2);
      expect(byId.get(firstId ?? '')).toMatchObject({ contactId: aId, externalPostId: first.key, isClosed: false });
      expect(byId.get(childId ?? '')).toMatchObject({ contactId: bId, parentId: firstId, externalPostId: child.key });
      expect(found.comments).toEqual([{ id: idOf(result.comments[0]), caseId: firstId, externalPostId: comment.key }]);
    },
  },
  {
    name: 'matches contacts by provider id, by handle (any case) and by email',
    async run(s) {
      const who = contractIdentity();
      const id = idOf((await s.seed({ contacts: [contactUpsert(who)] })).contacts[0]);
      const probe = (overrides: Partial<typeof who>) => s.lookup({ identities: [{ ...contractIdentity(), ...overrides }] });
      const byProviderId = await probe({ id: who.id });
      expect(byProviderId.contacts.map((c) => c.id)).toEqual([id]);
      expect(byProviderId.contacts[0]?.socialIds).toContainEqual({ provider: who.provider, id: who.id });
      expect((await probe({ handle: who.handle.toUpperCase() })).contacts.map((c) => c.id)).toEqual([id]);
      expect((await probe({ email: (who.email ?? '').toUpperCase() })).contacts.map((c) => c.id)).toEqual([id]);
    },
  },
  {
    name: 'returns Contacts asked for by id (from the identity cache), even for an author nothing else matches',
    async run(s) {
      const who = contractIdentity();
      const id = idOf((await s.seed({ contacts: [contactUpsert(who)] })).contacts[0]);
      const { email: _email, displayName: _name, ...stranger } = contractIdentity(); // no id, handle, email or name in common
      const found = await s.lookup({ identities: [stranger], contactIds: [id] });
      expect(found.contacts.map((c) => c.id)).toEqual([id]);
    },
  },
  {
    name: 'finds cases by thread key and by external post id',
    async run(s) {
      const who = contractIdentity();
      const one = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      const two = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      const [oneId, twoId] = (await s.seed({ contacts: [contactUpsert(who)], cases: [one, two] })).cases.map(idOf);
      expect((await s.lookup({ threadKeys: [one.fields.threadKey] })).cases.map((c) => c.id)).toEqual([oneId]);
      expect((await s.lookup({ externalPostIds: [two.key] })).cases.map((c) => c.id)).toEqual([twoId]);
    },
  },
  {
    name: 'fails one bad Case alone and its comments with DEPENDENCY_FAILED naming it',
    async run(s) {
      const who = contractIdentity();
      const contact = { externalKey: keyOf(who) };
      const good1 = caseUpsert(s.caps, { contact });
      const bad = caseUpsert(s.caps, { contact, subject: 'x'.repeat(s.caps.fieldLimits.caseSubject + 1) });
      const good2 = caseUpsert(s.caps, { contact, subject: 'y'.repeat(s.caps.fieldLimits.caseSubject) });
      const orphan = commentUpsert({ externalKey: bad.key });
      const fine = commentUpsert({ externalKey: good2.key });
      const result = await s.apply({ contacts: [contactUpsert(who)], cases: [good1, bad, good2], comments: [orphan, fine] });
      expect(result.cases.map((r) => r.ok)).toEqual([true, false, true]);
      expect(result.cases[1]?.error?.code).toMatch(/\S/);
      expect(result.cases[1]?.id).toBeUndefined();
      expect(result.comments.map((r) => r.ok)).toEqual([false, true]);
      expect(result.comments[0]?.error?.code).toBe('DEPENDENCY_FAILED');
      expect(result.comments[0]?.error?.message).toContain(bad.key);
      expect(await s.lookup({ externalPostIds: [bad.key, orphan.key] })).toMatchObject({ cases: [], comments: [] });
    },
  },
  {
    name: 'takes a multi-byte comment body of exactly the byte limit; one byte more is an item failure, never written',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      const limit = s.caps.fieldLimits.commentBodyBytes;
      const exact = commentUpsert({ externalKey: kase.key }, bodyOfBytes(limit));
      const over = commentUpsert({ externalKey: kase.key }, `${bodyOfBytes(limit)}a`);
      const result = await s.apply({ contacts: [contactUpsert(who)], cases: [kase], comments: [exact, over] });
      expect(result.comments.map((r) => r.ok)).toEqual([true, false]);
      expect(result.comments[1]?.error?.code).toMatch(/\S/);
      const found = await s.lookup({ externalPostIds: [exact.key, over.key] });
      expect(found.comments.map((c) => c.externalPostId)).toEqual([exact.key]);
    },
  },
  {
    name: 'reopens a closed case with the given status',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) }, status: s.caps.closedStatuses[0] ?? 'Closed' });
      const id = idOf((await s.seed({ contacts: [contactUpsert(who)], cases: [kase] })).cases[0]);
      expect((await s.lookup({ externalPostIds: [kase.key] })).cases[0]).toMatchObject({ id, isClosed: true });
      const reopenKey = `${kase.key}r`;
      const result = await s.apply({ reopens: [{ key: reopenKey, id, status: s.caps.reopenStatus }] });
      expect(result.reopens).toEqual([expect.objectContaining({ key: reopenKey, ok: true, id })]);
      const after = await s.lookup({ externalPostIds: [kase.key] });
      expect(after.cases[0]).toMatchObject({ id, status: s.caps.reopenStatus, isClosed: false });
    },
  },
  {
    name: 'updates the handle when the same provider id shows up under a new one',
    async run(s) {
      const who = contractIdentity();
      const id = idOf((await s.seed({ contacts: [contactUpsert(who)] })).contacts[0]);
      const renamed = { ...who, handle: `${who.handle}new` };
      const updated = await s.apply({ contacts: [contactUpsert(renamed, id)] });
      expect(updated.contacts).toEqual([expect.objectContaining({ ok: true, id, created: false })]);
      const found = await s.lookup({ identities: [renamed] });
      expect(found.contacts.map((c) => c.id)).toEqual([id]);
      expect(found.contacts[0]?.handles.filter((h) => h.provider === who.provider).map((h) => h.handle)).toEqual([renamed.handle]);
      expect((await s.lookup({ identities: [{ ...contractIdentity(), handle: who.handle }] })).contacts).toEqual([]);
    },
  },
];
