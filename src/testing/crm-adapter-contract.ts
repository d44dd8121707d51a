/**
 * The contract every {@link CrmAdapter} must pass, as one vitest suite (like unstorage's driver
 * suite). Vendors run it on their adapter: `describeCrmAdapterContract('mycrm', () => ({ adapter }))`.
 * It makes no assumption on id formats and uses unique keys, so it can run against a shared CRM.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrmAdapter, CrmCapabilities, ItemResult } from '../adapters/types.js';
import { countingCallContext } from './call-counter.js';
import {
  bodyOfBytes,
  caseUpsert,
  commentUpsert,
  contactUpsert,
  contractIdentity,
  keyOf,
  writePlan,
} from './crm-contract-fixtures.js';

/** What a contract factory hands over: the adapter and how to dispose of it. */
export interface CrmAdapterUnderTest {
  readonly adapter: CrmAdapter;
  /** Runs after each test; without it the suite calls `adapter.close()`. */
  readonly cleanup?: () => Promise<void>;
}

/** Builds a fresh adapter for each test. */
export type CrmAdapterFactory = () => Promise<CrmAdapterUnderTest> | CrmAdapterUnderTest;

const idOf = (result: ItemResult | undefined): string => {
  expect(result?.ok, JSON.stringify(result)).toBe(true);
  expect(typeof result?.id).toBe('string');
  return result?.id ?? '';
};

/** Registers the CRM adapter contract suite under `describe(name)`. */
export function describeCrmAdapterContract(name: string, factory: CrmAdapterFactory): void {
  describe(`CrmAdapter contract: ${name}`, () => {
    let subject: CrmAdapterUnderTest;
    let adapter: CrmAdapter;
    let caps: CrmCapabilities;
    const ctx = countingCallContext();

    beforeEach(async () => {
      subject = await factory();
      adapter = subject.adapter;
      caps = await adapter.describe(ctx);
      ctx.reset();
    });

    afterEach(async () => {
      if (subject.cleanup) await subject.cleanup();
      else await adapter.close?.();
    });

    it('describes itself', async () => {
      const described = await adapter.describe(ctx);
      expect(described.name).toBe(adapter.name);
      for (const limit of Object.values(described.fieldLimits)) expect(Number.isInteger(limit) && limit > 0).toBe(true);
      expect(described.batchSizes.lookup).toBeGreaterThan(0);
      expect(described.batchSizes.apply).toBeGreaterThan(0);
      expect(described.closedStatuses.length).toBeGreaterThan(0);
      expect(described.closedStatuses).not.toContain(described.newCaseStatus);
      expect(described.closedStatuses).not.toContain(described.reopenStatus);
      expect(ctx.calls).toBe(1);
    });

    it('finds nothing for unknown identities, threads and posts', async () => {
      const who = contractIdentity();
      const found = await adapter.lookup(
        { identities: [who], contactIds: [], threadKeys: [`twitter:${who.id}`], externalPostIds: [`twitter:${who.handle}`] },
        ctx,
      );
      expect(found).toEqual({ contacts: [], cases: [], comments: [] });
    });

    it('applies contacts, cases and comments with external-key references in one plan', async () => {
      const a = contractIdentity();
      const b = contractIdentity();
      const first = caseUpsert(caps, { contact: { externalKey: keyOf(a) } });
      const child = caseUpsert(caps, {
        contact: { externalKey: keyOf(b) },
        parent: { externalKey: first.key },
        threadKey: first.fields.threadKey,
      });
      const comment = commentUpsert({ externalKey: first.key });
      const plan = writePlan({ contacts: [contactUpsert(a), contactUpsert(b)], cases: [first, child], comments: [comment] });
      const result = await adapter.apply(plan, ctx);
      expect(ctx.calls).toBeLessThan(5);
      expect(result.contacts.map((r) => r.key)).toEqual([keyOf(a), keyOf(b)]);
      expect(result.cases.map((r) => r.key)).toEqual([first.key, child.key]);
      expect(result.comments.map((r) => r.key)).toEqual([comment.key]);
      expect(result.reopens).toEqual([]);
      for (const r of [...result.contacts, ...result.cases, ...result.comments]) expect(r).toMatchObject({ ok: true, created: true });
      const [aId, bId, firstId, childId] = [...result.contacts, ...result.cases].map(idOf);
      expect(new Set([aId, bId, firstId, childId]).size).toBe(4);

      const found = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [first.fields.threadKey], externalPostIds: [comment.key] }, ctx);
      const byId = new Map(found.cases.map((c) => [c.id, c]));
      expect(byId.size).toBe(2);
      expect(byId.get(firstId ?? '')).toMatchObject({ contactId: aId, externalPostId: first.key, isClosed: false });
      expect(byId.get(childId ?? '')).toMatchObject({ contactId: bId, parentId: firstId, externalPostId: child.key });
      expect(found.comments).toEqual([{ id: idOf(result.comments[0]), caseId: firstId, externalPostId: comment.key }]);
    });

    it('replays a plan without creating anything new', async () => {
      const who = contractIdentity();
      const kase = caseUpsert(caps, { contact: { externalKey: keyOf(who) } });
      const comment = commentUpsert({ externalKey: kase.key });
      const plan = writePlan({ contacts: [contactUpsert(who)], cases: [kase], comments: [comment] });
      const first = await adapter.apply(plan, ctx);
      expect(first.cases[0]?.created).toBe(true);
      expect(first.comments[0]?.created).toBe(true);
      const again = await adapter.apply(plan, ctx);
      expect(again.cases).toEqual([{ key: kase.key, ok: true, id: idOf(first.cases[0]), created: false }]);
      expect(again.comments).toEqual([{ key: comment.key, ok: true, id: idOf(first.comments[0]), created: false }]);
      expect(again.contacts[0]).toMatchObject({ ok: true, id: idOf(first.contacts[0]) });
      const found = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [kase.key, comment.key] }, ctx);
      expect(found.cases.filter((c) => c.externalPostId === kase.key)).toHaveLength(1);
      expect(found.comments.filter((c) => c.externalPostId === comment.key)).toHaveLength(1);
    });

    it('matches contacts by provider id, by handle (any case) and by email', async () => {
      const who = contractIdentity();
      const result = await adapter.apply(writePlan({ contacts: [contactUpsert(who)] }), ctx);
      const id = idOf(result.contacts[0]);
      const probe = (overrides: Partial<typeof who>) =>
        adapter.lookup({ identities: [{ ...contractIdentity(), ...overrides }], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
      const byProviderId = await probe({ id: who.id });
      expect(byProviderId.contacts.map((c) => c.id)).toEqual([id]);
      expect(byProviderId.contacts[0]?.socialIds).toContainEqual({ provider: who.provider, id: who.id });
      expect((await probe({ handle: who.handle.toUpperCase() })).contacts.map((c) => c.id)).toEqual([id]);
      expect((await probe({ email: (who.email ?? '').toUpperCase() })).contacts.map((c) => c.id)).toEqual([id]);
    });

    it('returns Contacts asked for by id (from the identity cache), even for an author nothing else matches', async () => {
      const who = contractIdentity();
      const result = await adapter.apply(writePlan({ contacts: [contactUpsert(who)] }), ctx);
      const id = idOf(result.contacts[0]);
      const { email: _email, displayName: _name, ...stranger } = contractIdentity(); // no id, handle, email or name in common
      const found = await adapter.lookup({ identities: [stranger], contactIds: [id], threadKeys: [], externalPostIds: [] }, ctx);
      expect(found.contacts.map((c) => c.id)).toEqual([id]);
    });

    it('finds cases by thread key and by external post id', async () => {
      const who = contractIdentity();
      const one = caseUpsert(caps, { contact: { externalKey: keyOf(who) } });
      const two = caseUpsert(caps, { contact: { externalKey: keyOf(who) } });
      const result = await adapter.apply(writePlan({ contacts: [contactUpsert(who)], cases: [one, two] }), ctx);
      const [oneId, twoId] = result.cases.map(idOf);
      const byThread = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [one.fields.threadKey], externalPostIds: [] }, ctx);
      expect(byThread.cases.map((c) => c.id)).toEqual([oneId]);
      const byPost = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [two.key] }, ctx);
      expect(byPost.cases.map((c) => c.id)).toEqual([twoId]);
    });

    it('fails one bad record alone and its dependants with DEPENDENCY_FAILED', async () => {
      const who = contractIdentity();
      const contact = { externalKey: keyOf(who) };
      const good1 = caseUpsert(caps, { contact });
      const bad = caseUpsert(caps, { contact, subject: 'x'.repeat(caps.fieldLimits.caseSubject + 1) });
      const good2 = caseUpsert(caps, { contact, subject: 'y'.repeat(caps.fieldLimits.caseSubject) });
      const orphan = commentUpsert({ externalKey: bad.key });
      const fine = commentUpsert({ externalKey: good2.key });
      const plan = writePlan({ contacts: [contactUpsert(who)], cases: [good1, bad, good2], comments: [orphan, fine] });
      const result = await adapter.apply(plan, ctx);
      expect(result.cases.map((r) => r.ok)).toEqual([true, false, true]);
      expect(result.cases[1]?.error?.code).toMatch(/\S/);
      expect(result.cases[1]?.id).toBeUndefined();
      expect(result.comments.map((r) => r.ok)).toEqual([false, true]);
      expect(result.comments[0]?.error?.code).toBe('DEPENDENCY_FAILED');
      const found = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [bad.key, orphan.key] }, ctx);
      expect(found).toMatchObject({ cases: [], comments: [] });
    });

    it('takes a comment body of exactly the byte limit and refuses one byte more', async () => {
      const who = contractIdentity();
      const kase = caseUpsert(caps, { contact: { externalKey: keyOf(who) } });
      const limit = caps.fieldLimits.commentBodyBytes;
      const exact = commentUpsert({ externalKey: kase.key }, bodyOfBytes(limit));
      const over = commentUpsert({ externalKey: kase.key }, `${bodyOfBytes(limit)}a`);
      const result = await adapter.apply(writePlan({ contacts: [contactUpsert(who)], cases: [kase], comments: [exact, over] }), ctx);
      expect(result.comments.map((r) => r.ok)).toEqual([true, false]);
      expect(result.comments[1]?.error?.code).toMatch(/\S/);
    });

    it('reopens a closed case with the given status', async () => {
      const who = contractIdentity();
      const closedStatus = caps.closedStatuses[0] ?? 'Closed';
      const kase = caseUpsert(caps, { contact: { externalKey: keyOf(who) }, status: closedStatus });
      const created = await adapter.apply(writePlan({ contacts: [contactUpsert(who)], cases: [kase] }), ctx);
      const id = idOf(created.cases[0]);
      const before = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [kase.key] }, ctx);
      expect(before.cases[0]).toMatchObject({ id, isClosed: true });
      const reopenKey = `${kase.key}r`;
      const result = await adapter.apply(writePlan({ reopens: [{ key: reopenKey, id, status: caps.reopenStatus }] }), ctx);
      expect(result.reopens).toEqual([expect.objectContaining({ key: reopenKey, ok: true, id })]);
      const after = await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [kase.key] }, ctx);
      expect(after.cases[0]).toMatchObject({ id, status: caps.reopenStatus, isClosed: false });
    });

    it('updates the handle when the same provider id shows up under a new one', async () => {
      const who = contractIdentity();
      const created = await adapter.apply(writePlan({ contacts: [contactUpsert(who)] }), ctx);
      const id = idOf(created.contacts[0]);
      const renamed = { ...who, handle: `${who.handle}new` };
      const updated = await adapter.apply(writePlan({ contacts: [contactUpsert(renamed, id)] }), ctx);
      expect(updated.contacts).toEqual([expect.objectContaining({ ok: true, id, created: false })]);
      const found = await adapter.lookup({ identities: [renamed], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
      expect(found.contacts.map((c) => c.id)).toEqual([id]);
      const handles = found.contacts[0]?.handles.filter((h) => h.provider === who.provider).map((h) => h.handle);
      expect(handles).toEqual([renamed.handle]);
      const byOldHandle = await adapter.lookup(
        { identities: [{ ...contractIdentity(), handle: who.handle }], contactIds: [], threadKeys: [], externalPostIds: [] },
        ctx,
      );
      expect(byOldHandle.contacts).toEqual([]);
    });
  });
}
