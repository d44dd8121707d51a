import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreThreadFidelity } from '../../bench/fidelity-score.js';
import { measureThreadFidelity } from '../../bench/twcs-fidelity.js';
import { convertTwcs, DEFAULT_TWCS_PATH } from '../../bench/twcs-to-jsonl.js';
import type { LocalCrmDocument } from '../../src/adapters/local/index.js';
import type { SocialPostInput } from '../../src/model/social-post.js';
import type { IdentityRecord, PostRecord } from '../../src/state/types.js';

const BRAND = { provider: 'twitter', id: 'acmehelp', handle: 'acmehelp' };
const ANN = { provider: 'twitter', id: '101', handle: '101' };
const BOB = { provider: 'twitter', id: '202', handle: '202' };
const T0 = Date.parse('2017-10-31T10:00:00Z');

function tweet(id: string, minute: number, author: SocialPostInput['author'], text: string, parent?: SocialPostInput, extra: Partial<SocialPostInput> = {}): SocialPostInput {
  return {
    id,
    provider: 'twitter',
    text,
    createdAt: new Date(T0 + minute * 60_000).toISOString(),
    author,
    mentions: [...text.matchAll(/@(\w+)/g)].map((m) => m[1] ?? ''),
    ...(parent === undefined ? {} : { kind: 'reply' as const, inReplyTo: { postId: parent.id, authorId: parent.author.id } }),
    ...extra,
  };
}

/**
 * Ann complains (1); the brand answers (2); Ann follows up (3); Bob chimes in under Ann's tweet (4,
 * a bystander); the brand answers Bob (5); Bob follows up (6); Ann starts a new thread (7); the brand
 * broadcasts (8) and answers Ann's new thread (9); Bob reposts (10, ignored); the brand answers a
 * tweet that is not in the data (11).
 */
function fixture(): SocialPostInput[] {
  const t1 = tweet('1', 0, ANN, '@acmehelp my internet is down since this morning');
  const t2 = tweet('2', 2, BRAND, '@101 Sorry! Please DM us your account number.', t1);
  const t3 = tweet('3', 4, ANN, '@acmehelp sent it', t2);
  const t4 = tweet('4', 5, BOB, '@101 @acmehelp same here, no service at all', t1);
  const t5 = tweet('5', 6, BRAND, '@202 We are looking into an outage in your area.', t4);
  const t6 = tweet('6', 8, BOB, '@acmehelp still nothing', t5);
  const t7 = tweet('7', 60, ANN, '@acmehelp and my bill is charged twice');
  const t8 = tweet('8', 61, BRAND, 'Service is restored in the river district. Thanks for your patience!');
  const t9 = tweet('9', 62, BRAND, '@101 We refunded the duplicate charge.', t7);
  const t10 = tweet('10', 63, BOB, 'RT @acmehelp: Service is restored', undefined, { kind: 'repost' });
  const t11 = tweet('11', 64, BRAND, 'Glad to help!', undefined, { kind: 'reply', inReplyTo: { postId: '999' } });
  // Deliberately out of order: the fidelity run hands them to the source in createdAt order.
  return [t9, t2, t5, t1, t11, t3, t10, t4, t8, t6, t7];
}

describe('measureThreadFidelity', () => {
  it('measures a hand-made conversation exactly', async () => {
    const r = await measureThreadFidelity(fixture(), ['acmehelp']);
    expect(r).toEqual({
      posts: 11,
      customerTweets: 6,
      customerTweetsSynced: 5,
      customerTweetsOnOwnCase: 5,
      ownCaseShare: 1,
      customerIgnored: 1,
      ignoredReasons: { repost: 1 },
      customerDeadLettered: 0,
      deadLetterReasons: {},
      mixedCases: 0,
      brandOpenedCases: 0,
      outboundComments: 3,
      brandReplies: 4,
      brandRepliesToSyncedCustomers: 3,
      brandRepliesToSyncedCustomersOutbound: 3,
      cases: 3,
      comments: 5,
      crmCalls: 3,
    });
  });

  it('re-orders the input by createdAt: the same posts in any order give the same figures', async () => {
    const posts = fixture();
    const a = await measureThreadFidelity(posts, ['acmehelp']);
    const b = await measureThreadFidelity([...posts].reverse(), ['acmehelp']);
    expect(b).toEqual(a);
  });

  it('reports posts that fail validation as dead letters of customers', async () => {
    const posts = [...fixture().filter((p) => ['1', '2'].includes(p.id)), tweet('12', 30, ANN, '@acmehelp hello', undefined, { createdAt: 'not a date' })];
    const r = await measureThreadFidelity(posts, ['acmehelp']);
    expect(r.customerTweets).toBe(2);
    expect(r.customerDeadLettered).toBe(1);
    expect(r.deadLetterReasons).toEqual({ 'validate/MAPPING': 1 });
  });
});

describe('scoreThreadFidelity', () => {
  const posts = fixture().filter((p) => ['1', '2', '3', '4'].includes(p.id));
  const rec = (id: string, outcome: PostRecord['outcome'], caseId: string | undefined, author: string): [string, PostRecord] => [
    `twitter:${id}`,
    { postId: `twitter:${id}`, threadId: '1', outcome, authorKey: `twitter:${author}`, ...(caseId === undefined ? {} : { caseId }) },
  ];
  const idn = (author: string, contactId: string): [string, IdentityRecord] => [
    `twitter:${author}`,
    { key: `twitter:${author}`, contactId, handle: author, method: 'created', confidence: 1, updatedAt: '2017-10-31T10:00:00Z' },
  ];
  const kase = (id: string, contactId: string, externalPostId: string): LocalCrmDocument['cases'][number] => ({
    id, caseNumber: null, subject: '', description: '', status: 'New', priority: 'Medium', origin: null, contactId, parentId: null,
    externalPostId, threadKey: 'twitter:1', createdAt: '2017-10-31T10:00:00Z', closedAt: null, updatedAt: null, custom: {},
  });
  const comment = (id: string, caseId: string, externalPostId: string, outbound: boolean): LocalCrmDocument['comments'][number] => ({
    id, caseId, body: '', externalPostId, outbound, createdAt: '2017-10-31T10:00:00Z',
  });

  it('detects a Case mixing two customers, a brand-opened Case and a brand answer left out', () => {
    // A broken engine: Bob's tweet (4) joined Ann's Case, the brand's answer (2) opened a Case.
    const r = scoreThreadFidelity({
      posts,
      brand: { handles: ['acmehelp'], ids: ['acmehelp'] },
      crm: {
        cases: [kase('c1', 'k-ann', 'twitter:1'), kase('c2', 'k-brand', 'twitter:2')],
        contacts: [],
        comments: [comment('m1', 'c1', 'twitter:3', false), comment('m2', 'c1', 'twitter:4', false)],
      },
      records: new Map([rec('1', 'case', 'c1', '101'), rec('2', 'case', 'c2', 'acmehelp'), rec('3', 'comment', 'c1', '101'), rec('4', 'comment', 'c1', '202')]),
      identities: new Map([idn('101', 'k-ann'), idn('202', 'k-bob')]),
      deadLetters: [],
      ignoredWhy: new Map(),
      crmCalls: 7,
    });
    expect(r).toMatchObject({
      customerTweets: 3,
      customerTweetsSynced: 3,
      customerTweetsOnOwnCase: 2,
      mixedCases: 1,
      brandOpenedCases: 1,
      outboundComments: 0,
      brandReplies: 1,
      brandRepliesToSyncedCustomers: 1,
      brandRepliesToSyncedCustomersOutbound: 0,
      crmCalls: 7,
    });
    expect(r.ownCaseShare).toBeCloseTo(2 / 3, 10);
  });

  it('does not count a customer split over two Cases in one thread as on their own Case', () => {
    const r = scoreThreadFidelity({
      posts: posts.filter((p) => p.id !== '4'),
      brand: { handles: ['acmehelp'], ids: ['acmehelp'] },
      crm: { cases: [kase('c1', 'k-ann', 'twitter:1'), kase('c3', 'k-ann', 'twitter:3')], contacts: [], comments: [comment('m1', 'c1', 'twitter:2', true)] },
      records: new Map([rec('1', 'case', 'c1', '101'), rec('2', 'comment', 'c1', 'acmehelp'), rec('3', 'case', 'c3', '101')]),
      identities: new Map([idn('101', 'k-ann')]),
      deadLetters: [],
      ignoredWhy: new Map(),
      crmCalls: 0,
    });
    expect(r).toMatchObject({ customerTweetsSynced: 2, customerTweetsOnOwnCase: 0, ownCaseShare: 0, mixedCases: 0, outboundComments: 1, brandRepliesToSyncedCustomersOutbound: 1 });
  });
});

describe.skipIf(!existsSync(DEFAULT_TWCS_PATH))('thread fidelity on the twcs sample', () => {
  it('never mixes customers, never opens a Case for the brand, logs every answer as outbound', async () => {
    const { posts, brandHandles } = convertTwcs(readFileSync(DEFAULT_TWCS_PATH, 'utf8'));
    const r = await measureThreadFidelity(posts, brandHandles);
    expect(r.posts).toBe(posts.length);
    expect(r.mixedCases).toBe(0);
    expect(r.brandOpenedCases).toBe(0);
    // Exact counts of the data set (converter facts, independent of the engine).
    expect(r.customerTweets).toBe(2778);
    expect(r.brandReplies).toBe(2201);
    expect(r.brandRepliesToSyncedCustomers).toBeGreaterThan(2000);
    expect(r.brandRepliesToSyncedCustomersOutbound).toBe(r.brandRepliesToSyncedCustomers);
    expect(r.customerTweetsSynced + r.customerIgnored + r.customerDeadLettered).toBe(r.customerTweets);
  }, 60_000);
});
