import { beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter, type LocalCrmAdapter } from '../../../src/adapters/local/index.js';
import { directCallContext as ctx, type LookupRequest } from '../../../src/adapters/types.js';
import { comment, contact, kase, plan } from './plan-builders.js';

let crm: LocalCrmAdapter;
let ids: Record<string, string>;

const ask = (request: Partial<LookupRequest>) =>
  crm.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [], ...request }, ctx);
const who = (over: { id?: string; handle?: string; email?: string; displayName?: string; provider?: string }) => ({
  provider: 'twitter',
  id: 'unknown',
  handle: 'unknown',
  ...over,
});

beforeEach(async () => {
  crm = localCrmAdapter();
  const result = await crm.apply(
    plan({
      contacts: [
        contact('1', 'Alice_A', { firstName: 'Alice', lastName: 'Smith', email: 'Alice@Example.com' }),
        contact('2', 'bob', { lastName: 'Jones' }),
      ],
      cases: [
        kase('10', { externalKey: 'twitter:1' }, { threadKey: 'twitter:T1' }),
        kase('11', { externalKey: 'twitter:1' }, { threadKey: 'twitter:T1', status: 'Closed' }),
        kase('12', { externalKey: 'twitter:2' }, { threadKey: 'twitter:T2' }),
      ],
      comments: [comment('20', { externalKey: 'twitter:10' })],
    }),
    ctx,
  );
  const [alice, bob] = result.contacts.map((r) => r.id ?? '');
  const [c10, c11, c12] = result.cases.map((r) => r.id ?? '');
  ids = { alice: alice ?? '', bob: bob ?? '', c10: c10 ?? '', c11: c11 ?? '', c12: c12 ?? '', m20: result.comments[0]?.id ?? '' };
});

describe('localCrmAdapter lookup', () => {
  it('matches contacts by provider id, handle (case-insensitive, same provider), email and full name', async () => {
    const match = async (identity: ReturnType<typeof who>) => (await ask({ identities: [identity] })).contacts.map((c) => c.id);
    expect(await match(who({ id: '1' }))).toEqual([ids.alice]);
    expect(await match(who({ handle: 'alice_a' }))).toEqual([ids.alice]);
    expect(await match(who({ handle: '@ALICE_A' }))).toEqual([ids.alice]);
    expect(await match(who({ handle: 'alice_a', provider: 'mastodon' }))).toEqual([]);
    expect(await match(who({ email: 'ALICE@example.COM' }))).toEqual([ids.alice]);
    expect(await match(who({ displayName: '  alice   SMITH ' }))).toEqual([ids.alice]);
    expect(await match(who({ displayName: 'Jones' }))).toEqual([ids.bob]);
    expect(await match(who({ displayName: 'Alice' }))).toEqual([]);
    expect(await match(who({ id: '1', handle: 'Alice_A', email: 'alice@example.com' }))).toEqual([ids.alice]);
  });

  it('returns the Contacts asked for by id that exist, once, and nothing for unknown ids', async () => {
    const found = await ask({ identities: [who({ id: '1' })], contactIds: [ids.alice ?? '', ids.bob ?? '', '003999999999999'] });
    expect(found.contacts.map((c) => c.id)).toEqual([ids.alice, ids.bob]);
    expect((await ask({ contactIds: ['003999999999999'] })).contacts).toEqual([]);
  });

  it('returns each contact once and copies, not the stored rows', async () => {
    const found = await ask({ identities: [who({ id: '1' }), who({ handle: 'bob' }), who({ handle: 'alice_a' })] });
    expect(found.contacts.map((c) => c.id)).toEqual([ids.alice, ids.bob]);
    expect(found.contacts[0]).toEqual({
      id: ids.alice,
      firstName: 'Alice',
      lastName: 'Smith',
      email: 'Alice@Example.com',
      handles: [{ provider: 'twitter', handle: 'Alice_A' }],
      socialIds: [{ provider: 'twitter', id: '1' }],
    });
    const handle = found.contacts[0]?.handles[0] as { handle: string } | undefined;
    if (handle) handle.handle = 'mutated';
    expect(crm.snapshot().contacts[0]?.handles[0]?.handle).toBe('Alice_A');
  });

  it('finds cases by thread key and external post id, with isClosed from the status', async () => {
    const byThread = await ask({ threadKeys: ['twitter:T1'] });
    expect(byThread.cases.map((c) => [c.id, c.isClosed])).toEqual([
      [ids.c10, false],
      [ids.c11, true],
    ]);
    expect(byThread.cases[0]).toMatchObject({ contactId: ids.alice, externalPostId: 'twitter:10' });
    const byPost = await ask({ externalPostIds: ['twitter:12', 'twitter:20', 'twitter:99'] });
    expect(byPost.cases.map((c) => c.id)).toEqual([ids.c12]);
    expect(byPost.comments).toEqual([{ id: ids.m20, caseId: ids.c10, externalPostId: 'twitter:20' }]);
    const both = await ask({ threadKeys: ['twitter:T2'], externalPostIds: ['twitter:12'] });
    expect(both.cases).toHaveLength(1);
  });

  it('adds the open cases of matched contacts only when asked, following reopens', async () => {
    expect((await ask({ identities: [who({ id: '1' })] })).cases).toEqual([]);
    const open = await ask({ identities: [who({ id: '1' })], openCasesOfMatchedContacts: true });
    expect(open.cases.map((c) => c.id)).toEqual([ids.c10]);
    await crm.apply(plan({ reopens: [{ key: 'twitter:30', id: ids.c11 ?? '', status: 'Reopened' }] }), ctx);
    const after = await ask({ identities: [who({ id: '1' })], openCasesOfMatchedContacts: true });
    expect(after.cases.map((c) => [c.id, c.status])).toEqual([
      [ids.c10, 'New'],
      [ids.c11, 'Reopened'],
    ]);
  });

  it('answers from indexes: a lookup in a large CRM stays as fast as in a small one', async () => {
    const big = localCrmAdapter();
    const contacts = Array.from({ length: 20_000 }, (_, i) => contact(`${i}`, `h${i}`));
    await big.apply(plan({ contacts, cases: contacts.map((c, i) => kase(`${i}`, { externalKey: c.key })) }), ctx);
    const request = {
      identities: Array.from({ length: 100 }, (_, i) => who({ id: `${i * 7}`, handle: `h${i * 3}` })),
      contactIds: [],
      threadKeys: Array.from({ length: 100 }, (_, i) => `twitter:${i * 11}`),
      externalPostIds: [],
    };
    const started = performance.now();
    for (let i = 0; i < 20; i += 1) await big.lookup(request, ctx);
    const perLookupMs = (performance.now() - started) / 20;
    const found = await big.lookup(request, ctx);
    expect(found.contacts).toHaveLength(185);
    expect(found.cases).toHaveLength(100);
    // A scan of 40,000 rows per identity would take seconds; index probes take well under 20 ms.
    expect(perLookupMs).toBeLessThan(20);
  });
});
