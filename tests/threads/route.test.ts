import { describe, expect, it } from 'vitest';
import { SocialPostSchema, type SocialPostInput } from '../../src/model/social-post.js';
import { CaseIndex, type CaseView } from '../../src/threads/case-index.js';
import { deriveThreadIds } from '../../src/threads/derive-thread.js';
import { routeBrandPost, routeCustomerPost, type ThreadRules } from '../../src/threads/route.js';

const rules: ThreadRules = { reopenWindowMs: 5 * 86_400_000, joinRecentOpenCaseMs: undefined };
const post = (id: string, createdAt: string, extra: Partial<SocialPostInput> = {}) =>
  SocialPostSchema.parse({ id, provider: 'twitter', text: 'hi', createdAt, author: { provider: 'twitter', id: 'u1', handle: 'ann' }, ...extra });
const view = (id: string, extra: Partial<CaseView> = {}): CaseView => ({
  ref: { id }, threadKey: 'twitter:t1', externalPostId: `twitter:${id}`, contactId: '003ANN', contactKey: undefined, isClosed: false, closedAt: undefined, createdAt: '2026-10-01T00:00:00.000Z', ...extra,
});
const ann = { contactId: '003ANN', key: 'twitter:u1' };

describe('routeCustomerPost', () => {
  it('joins the customer\'s open Case in the thread', () => {
    const index = new CaseIndex();
    index.add(view('500A'));
    expect(routeCustomerPost(post('2', '2026-10-02T00:00:00Z'), 'twitter:t1', ann, false, index, rules)).toMatchObject({ kind: 'comment', reopen: false, target: { ref: { id: '500A' } } });
  });

  it('reopens a Case closed inside the window and opens a follow-up with parent outside it', () => {
    const index = new CaseIndex();
    index.add(view('500A', { isClosed: true, closedAt: '2026-10-10T00:00:00.000Z' }));
    expect(routeCustomerPost(post('2', '2026-10-14T23:00:00Z'), 'twitter:t1', ann, false, index, rules)).toMatchObject({ kind: 'comment', reopen: true });
    const late = routeCustomerPost(post('3', '2026-10-15T00:00:01Z'), 'twitter:t1', ann, false, index, rules);
    expect(late).toMatchObject({ kind: 'newCase', parent: { ref: { id: '500A' } } });
  });

  it('gives another customer their own Case, linked to the thread\'s first Case', () => {
    const index = new CaseIndex();
    index.add(view('500B', { createdAt: '2026-10-03T00:00:00.000Z' }));
    index.add(view('500A'));
    const bob = { contactId: '003BOB', key: 'twitter:u2' };
    expect(routeCustomerPost(post('4', '2026-10-05T00:00:00Z'), 'twitter:t1', bob, false, index, rules)).toMatchObject({ kind: 'newCase', parent: { ref: { id: '500A' } } });
  });

  it('ignores a comment-only post when the author has no Case to join', () => {
    expect(routeCustomerPost(post('5', '2026-10-05T00:00:00Z'), 'twitter:t9', ann, true, new CaseIndex(), rules).kind).toBe('ignore');
  });

  it('optionally joins the customer\'s recent open Case from a new top-level post', () => {
    const index = new CaseIndex();
    index.add(view('500A', { threadKey: 'twitter:other', createdAt: '2026-10-04T12:00:00.000Z' }));
    const joined = routeCustomerPost(post('6', '2026-10-05T00:00:00Z'), 'twitter:6', ann, false, index, { ...rules, joinRecentOpenCaseMs: 86_400_000 });
    expect(joined).toMatchObject({ kind: 'comment', target: { ref: { id: '500A' } } });
    expect(routeCustomerPost(post('6', '2026-10-05T00:00:00Z'), 'twitter:6', ann, false, index, rules).kind).toBe('newCase');
  });
});

describe('routeBrandPost', () => {
  it('answers the first mentioned customer with a Case, else the parent author, never opening a Case', () => {
    const index = new CaseIndex();
    index.add(view('500A'));
    index.add(view('500B', { contactId: '003BOB', externalPostId: 'twitter:b' }));
    expect(routeBrandPost('twitter:t1', { mentioned: [{ contactId: '003ZED' }, { contactId: '003BOB' }], parentAuthor: ann, parentCase: undefined }, index)).toMatchObject({ kind: 'outbound', target: { ref: { id: '500B' } } });
    expect(routeBrandPost('twitter:t1', { mentioned: [], parentAuthor: ann, parentCase: undefined }, index)).toMatchObject({ kind: 'outbound', target: { ref: { id: '500A' } } });
    expect(routeBrandPost('twitter:t2', { mentioned: [], parentAuthor: undefined, parentCase: undefined }, index).kind).toBe('ignore');
  });
});

describe('deriveThreadIds', () => {
  it('puts a reply in its parent\'s thread (from the batch or from state), else the parent id', () => {
    const root = post('1', '2026-10-01T00:00:00Z');
    const r1 = post('2', '2026-10-01T01:00:00Z', { inReplyTo: { postId: '1' } });
    const r2 = post('3', '2026-10-01T02:00:00Z', { inReplyTo: { postId: '2' } });
    const orphan = post('4', '2026-10-01T03:00:00Z', { inReplyTo: { postId: '99' } });
    const fromState = post('5', '2026-10-01T04:00:00Z', { inReplyTo: { postId: '77' } });
    const explicit = post('6', '2026-10-01T05:00:00Z', { threadId: 'dm-1' });
    const known = new Map([['twitter:77', { postId: 'twitter:77', threadId: '70', outcome: 'case' as const, authorKey: 'twitter:u1' }]]);
    const t = deriveThreadIds([root, r1, r2, orphan, fromState, explicit], known);
    expect([...t.values()]).toEqual(['1', '1', '1', '99', '70', 'dm-1']);
  });
});

describe('CaseIndex', () => {
  it('keeps each thread in the order appending and a stable sort on createdAt gave (insertByCreated)', async () => {
    const fc = (await import('fast-check')).default;
    const { insertByCreated } = await import('../../src/threads/case-index.js');
    const byCreated = (a: CaseView, b: CaseView): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);
    fc.assert(
      fc.property(fc.array(fc.constantFrom('2026-10-01T00:00:00Z', '2026-10-02T00:00:00Z', '2026-10-02T00:00:00.000Z', '', 'z'), { maxLength: 20 }), (dates) => {
        const reference: CaseView[] = [];
        const list: CaseView[] = [];
        dates.forEach((createdAt, i) => {
          const v = view(`c${i}`, { createdAt });
          reference.push(v);
          reference.sort(byCreated);
          insertByCreated(list, v);
          expect(list).toEqual(reference);
          expect(list.every((x, n) => x === reference[n])).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});
