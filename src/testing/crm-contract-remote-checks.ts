/**
 * Contract checks for what remote adapters get wrong: calls outside `ctx.call`, `mentionedHandles`,
 * open Cases of matched Contacts, name candidates, comments found again on replay, a failed Contact's
 * dependants, a plan applied twice, one failure amid a batch, ids the CRM does not have.
 */
import { expect } from 'vitest';
import type { CrmCallContext } from '../adapters/types.js';
import { caseUpsert, commentUpsert, contactUpsert, contractIdentity, keyOf } from './crm-contract-fixtures.js';
import { idOf } from './crm-contract-checks.js';
import { fullPlan, fullRequest, type CrmContractCheck } from './crm-contract-subject.js';

/** The error a refusing context throws: an adapter must let it through, never answer without its call. */
class CallRefused extends Error {
  constructor(operation: string) {
    super(`contract: ctx.call('${operation}') refused`);
    this.name = 'CallRefused';
  }
}

const refusingContext: CrmCallContext = {
  call: (operation) => Promise.reject(new CallRefused(operation)),
  reportUsage: () => undefined,
};

/** Checks of the seams where remote adapters go wrong. */
export const remoteChecks: readonly CrmContractCheck[] = [
  {
    name: 'makes every round trip through ctx.call: nothing comes back when the call is refused',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      await s.seed({ contacts: [contactUpsert(who)], cases: [kase] });
      const request = fullRequest({ identities: [who], externalPostIds: [kase.key] });
      await expect(s.adapter.lookup(request, refusingContext), 'lookup answered although ctx.call refused').rejects.toThrow();
      const other = contractIdentity();
      const plan = fullPlan({ contacts: [contactUpsert(other)], cases: [caseUpsert(s.caps, { contact: { externalKey: keyOf(other) } })] });
      await expect(s.adapter.apply(plan, refusingContext), 'apply answered although ctx.call refused').rejects.toThrow();
      const found = await s.lookup({ identities: [other], externalPostIds: [plan.cases[0]?.key ?? ''] });
      expect(found, 'apply wrote although ctx.call refused').toMatchObject({ contacts: [], cases: [] });
    },
  },
  {
    name: 'returns the Contacts a brand post @mentions (mentionedHandles, any case)',
    async run(s) {
      const who = contractIdentity();
      const id = idOf((await s.seed({ contacts: [contactUpsert(who)] })).contacts[0]);
      const { email: _email, displayName: _name, ...stranger } = contractIdentity();
      expect((await s.lookup({ identities: [stranger] })).contacts, 'a Contact nothing asked for').toEqual([]);
      const found = await s.lookup({ mentionedHandles: [{ provider: who.provider, handle: who.handle.toUpperCase() }] });
      expect(found.contacts.map((c) => c.id), 'mentionedHandles were ignored').toEqual([id]);
      const elsewhere = await s.lookup({ mentionedHandles: [{ provider: 'otherprovider', handle: who.handle }] });
      expect(elsewhere.contacts, 'a handle matches only on its own provider').toEqual([]);
    },
  },
  {
    name: 'returns the open Cases of matched Contacts when asked (openCasesOfMatchedContacts)',
    async run(s) {
      const who = contractIdentity();
      const contact = { externalKey: keyOf(who) };
      const open = caseUpsert(s.caps, { contact });
      const closed = caseUpsert(s.caps, { contact, status: s.caps.closedStatuses[0] ?? 'Closed' });
      const seeded = await s.seed({ contacts: [contactUpsert(who)], cases: [open, closed] });
      const [contactId, openId] = [idOf(seeded.contacts[0]), idOf(seeded.cases[0])];
      for (const request of [{ identities: [who] }, { contactIds: [contactId] }]) {
        const found = await s.lookup({ ...request, openCasesOfMatchedContacts: true });
        expect(found.contacts.map((c) => c.id)).toEqual([contactId]);
        expect(found.cases.map((c) => c.id), 'openCasesOfMatchedContacts was ignored (or closed Cases came too)').toEqual([openId]);
        expect(found.cases[0]).toMatchObject({ contactId, isClosed: false });
      }
    },
  },
  {
    name: 'returns Contacts whose full name is an author’s display name, so the engine can suggest them',
    async run(s) {
      const who = contractIdentity();
      const upsert = contactUpsert(who);
      const id = idOf((await s.seed({ contacts: [upsert] })).contacts[0]);
      const { email: _email, ...stranger } = contractIdentity();
      const displayName = `${upsert.fields.firstName ?? ''} ${upsert.fields.lastName}`.trim();
      const found = await s.lookup({ identities: [{ ...stranger, displayName }] });
      expect(found.contacts.map((c) => c.id), 'no Contact by full name').toEqual([id]);
    },
  },
  {
    name: 'finds comments again by the external ids they carry, and a replay of them creates nothing',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      const inbound = commentUpsert({ externalKey: kase.key });
      const outbound = commentUpsert({ externalKey: kase.key }, 'Brand answer', true);
      const seeded = await s.seed({ contacts: [contactUpsert(who)], cases: [kase], comments: [inbound, outbound] });
      const caseId = idOf(seeded.cases[0]);
      const ids = seeded.comments.map(idOf);
      const expected = [inbound, outbound].map((c, i) => ({ id: ids[i], caseId, externalPostId: c.key }));
      const found = await s.lookup({ externalPostIds: [inbound.key, outbound.key] });
      expect([...found.comments].sort((a, b) => a.externalPostId.localeCompare(b.externalPostId))).toEqual(
        expected.sort((a, b) => a.externalPostId.localeCompare(b.externalPostId)),
      );
      const replay = await s.apply({ comments: [{ ...inbound, case: { id: caseId } }, { ...outbound, case: { id: caseId } }] });
      expect(replay.comments).toEqual(ids.map((id, i) => ({ key: [inbound, outbound][i]?.key, ok: true, id, created: false })));
      expect((await s.lookup({ externalPostIds: [inbound.key, outbound.key] })).comments).toHaveLength(2);
    },
  },
  {
    name: 'fails the Cases and comments of a Contact that failed with DEPENDENCY_FAILED naming it; the rest goes on',
    async run(s) {
      const [good, bad] = [contractIdentity(), contractIdentity()];
      const badUpsert = contactUpsert(bad);
      const tooLong = { ...badUpsert, fields: { ...badUpsert.fields, lastName: 'x'.repeat(s.caps.fieldLimits.contactLastName + 1) } };
      const caseOfBad = caseUpsert(s.caps, { contact: { externalKey: keyOf(bad) } });
      const caseOfGood = caseUpsert(s.caps, { contact: { externalKey: keyOf(good) } });
      const commentOfBad = commentUpsert({ externalKey: caseOfBad.key });
      const commentOfGood = commentUpsert({ externalKey: caseOfGood.key });
      const result = await s.apply({
        contacts: [tooLong, contactUpsert(good)],
        cases: [caseOfBad, caseOfGood],
        comments: [commentOfBad, commentOfGood],
      });
      expect(result.contacts.map((r) => r.ok)).toEqual([false, true]);
      expect(result.cases.map((r) => r.ok)).toEqual([false, true]);
      expect(result.comments.map((r) => r.ok)).toEqual([false, true]);
      expect(result.cases[0]?.error).toMatchObject({ code: 'DEPENDENCY_FAILED' });
      expect(result.cases[0]?.error?.message).toContain(keyOf(bad));
      expect(result.comments[0]?.error).toMatchObject({ code: 'DEPENDENCY_FAILED' });
      expect(result.comments[0]?.error?.message).toContain(caseOfBad.key);
      const found = await s.lookup({ identities: [bad], externalPostIds: [caseOfBad.key, commentOfBad.key] });
      expect(found).toEqual({ contacts: [], cases: [], comments: [] });
    },
  },
  {
    name: 'a plan applied twice creates nothing the second time (created: false, same ids)',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) } });
      const child = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) }, parent: { externalKey: kase.key }, threadKey: kase.fields.threadKey });
      const comment = commentUpsert({ externalKey: child.key });
      const plan = { contacts: [contactUpsert(who)], cases: [kase, child], comments: [comment] };
      const first = await s.apply(plan);
      for (const r of [...first.contacts, ...first.cases, ...first.comments]) expect(r).toMatchObject({ ok: true, created: true });
      const again = await s.apply(plan);
      for (const section of ['contacts', 'cases', 'comments'] as const) {
        expect(again[section], `replayed ${section}`).toEqual(first[section].map((r) => ({ key: r.key, ok: true, id: r.id, created: false })));
      }
      const found = await s.lookup({ identities: [who], threadKeys: [kase.fields.threadKey], externalPostIds: [comment.key] });
      expect([found.contacts.length, found.cases.length, found.comments.length], 'one record each after a replay').toEqual([1, 2, 1]);
    },
  },
  {
    name: 'fails one item in the middle of a batch alone: the items around it succeed',
    async run(s) {
      const people = [contractIdentity(), contractIdentity(), contractIdentity()];
      const contacts = people.map((who) => contactUpsert(who));
      const middle = contacts[1];
      if (middle) contacts[1] = { ...middle, fields: { ...middle.fields, lastName: ' ' } };
      const anchor = { externalKey: keyOf(people[0] ?? contractIdentity()) };
      const cases = [0, 1, 2, 3, 4].map((i) =>
        caseUpsert(s.caps, { contact: anchor, ...(i === 2 ? { subject: 'x'.repeat(s.caps.fieldLimits.caseSubject + 1) } : {}) }),
      );
      const target = { externalKey: cases[0]?.key ?? '' };
      const big = 'y'.repeat(s.caps.fieldLimits.commentBodyBytes + 1);
      const comments = [commentUpsert(target), commentUpsert(target, big), commentUpsert(target)];
      const result = await s.apply({ contacts, cases, comments });
      expect(result.contacts.map((r) => r.ok)).toEqual([true, false, true]);
      expect(result.cases.map((r) => r.ok)).toEqual([true, true, false, true, true]);
      expect(result.comments.map((r) => r.ok)).toEqual([true, false, true]);
      for (const r of [result.contacts[1], result.cases[2], result.comments[1]]) expect(r?.error?.code).toMatch(/\S/);
      const found = await s.lookup({ externalPostIds: [...cases, ...comments].map((item) => item.key) });
      expect(found.cases).toHaveLength(4);
      expect(found.comments).toHaveLength(2);
    },
  },
  {
    name: 'refuses to reopen a Case or update a Contact it does not have',
    async run(s) {
      const who = contractIdentity();
      const kase = caseUpsert(s.caps, { contact: { externalKey: keyOf(who) }, status: s.caps.closedStatuses[0] ?? 'Closed' });
      const seeded = await s.seed({ contacts: [contactUpsert(who)], cases: [kase] });
      const caseId = s.options.unknownIds?.case ?? `${idOf(seeded.cases[0])}404`;
      const contactId = s.options.unknownIds?.contact ?? `${idOf(seeded.contacts[0])}404`;
      const stranger = contractIdentity();
      const result = await s.apply({
        contacts: [contactUpsert(stranger, contactId)],
        reopens: [{ key: `${kase.key}r`, id: caseId, status: s.caps.reopenStatus }],
      });
      expect(result.reopens[0], `reopen of ${caseId}, which the CRM does not have`).toMatchObject({ ok: false, error: { code: expect.stringMatching(/\S/) } });
      expect(result.contacts[0], `update of Contact ${contactId}, which the CRM does not have`).toMatchObject({ ok: false });
      expect((await s.lookup({ identities: [stranger] })).contacts).toEqual([]);
      expect((await s.lookup({ externalPostIds: [kase.key] })).cases[0]).toMatchObject({ isClosed: true });
    },
  },
];
