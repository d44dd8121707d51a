import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { parseTwitterCursor, twitterSource, type TwitterSourceOptions } from '../../../src/sources/twitter/index.js';
import { idSecondsBefore } from '../../../src/sources/twitter/snowflake.js';
import { fakeX, snowflake, tweet, user, type FakeXOptions } from './fake-x.js';
import { BRAND, drain, testCallContext } from './helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const customers = [user('101', 'ada_l'), user('202', 'bobby_tables'), user(BRAND, 'AcmeHelp')];
/** `n` mentions of the brand, one a second, oldest first. */
const mentions = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => tweet(snowflake(T0 + (from + i) * 1000, i % 7), i % 2 ? '101' : '202', `@AcmeHelp post ${from + i}`, { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } }));

let x: ReturnType<typeof fakeX> | undefined;
afterEach(() => x?.stop());

function setup(fake: FakeXOptions, options: Partial<TwitterSourceOptions> = {}) {
  x = fakeX({ users: customers, ...fake });
  const source = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND] }, ...options });
  return { x, source };
}

describe('X source windows and checkpoints', () => {
  it('asks for 100 a page with the expansions and fields, and hands 250 posts oldest first across pages', async () => {
    const { x, source } = setup({ mentions: { [BRAND]: mentions(250) } });
    const { ctx, calls } = testCallContext(source);
    const run = await drain(source, null, 40, ctx);
    expect(run.posts.map((p) => p.text)).toEqual(mentions(250).map((t) => t.text));
    expect(x.count('/2/users/')).toBe(3);
    expect(calls).toEqual(Array(3).fill('GET /2/users/:id/mentions'));
    const first = x.requests[0]?.query ?? {};
    expect(first).toMatchObject({
      max_results: '100',
      expansions: 'author_id,referenced_tweets.id,referenced_tweets.id.author_id,in_reply_to_user_id,edit_history_tweet_ids',
    });
    expect(first['tweet.fields']?.split(',')).toEqual(expect.arrayContaining(['conversation_id', 'created_at', 'referenced_tweets', 'public_metrics', 'lang', 'entities', 'reply_settings', 'edit_history_tweet_ids']));
    expect(first['user.fields']?.split(',')).toEqual(expect.arrayContaining(['username', 'name', 'verified', 'verified_type', 'public_metrics', 'location']));
    expect(x.requests[1]?.query['pagination_token']).toBe('tok-100');
    expect(x.requests.every((r) => r.query['max_results'] === '100')).toBe(true);
    expect(parseTwitterCursor(run.cursor)[`twitter:mentions:${BRAND}`]).toEqual({ since: mentions(250)[249]?.id });
    expect(source.stats()).toMatchObject({ requests: 3, postsHanded: 250 });
  });

  it('the next run re-reads the overlap window by since_id (never start_time) and the engine sees the repeats', async () => {
    const old = mentions(5);
    const { x, source } = setup({ mentions: { [BRAND]: [...old, ...mentions(3, 100)] } }, { overlapSeconds: 120 });
    const newest = old[4]?.id ?? '';
    const cursor = JSON.stringify({ v: 1, streams: { [`twitter:mentions:${BRAND}`]: { since: newest } } });
    const run = await drain(source, cursor, 50);
    const q = x.requests[0]?.query ?? {};
    expect(q['since_id']).toBe(idSecondsBefore(newest, 120));
    expect(q['start_time']).toBeUndefined();
    expect(run.posts).toHaveLength(8); // 5 repeats (deduped by the engine) + 3 new
    expect(parseTwitterCursor(run.cursor)[`twitter:mentions:${BRAND}`]?.since).toBe(mentions(3, 100)[2]?.id);
  });

  it('first run: the backfill cap keeps the newest posts only, and the checkpoint starts after them', async () => {
    const { x, source } = setup({ mentions: { [BRAND]: mentions(250) } }, { backfill: { maxPosts: 150 } });
    const run = await drain(source, null, 500);
    expect(run.posts.map((p) => p.text)).toEqual(mentions(250).slice(100).map((t) => t.text));
    expect(x.count('/2/users/')).toBe(2);
    expect(parseTwitterCursor(run.cursor)[`twitter:mentions:${BRAND}`]).toEqual({ since: mentions(250)[249]?.id });
  });

  it('a window stopped by the rate limit mid-way (remaining 0) keeps its token; since moves only after the last page', async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    const { x, source } = setup({ mentions: { [BRAND]: mentions(250) }, window: { limit: 75, remaining: 2, reset } });
    const first = await drain(source, null, 500);
    // Page 1 answered with remaining 1, page 2 with 0: the read stops where the paginator would.
    expect(x.count('/2/users/')).toBe(2);
    expect(first.posts).toHaveLength(200);
    const state = parseTwitterCursor(first.cursor)[`twitter:mentions:${BRAND}`];
    expect(state).toEqual({ win: { newest: mentions(250)[249]?.id, next: 'tok-200' } });
    expect(source.stats().stopped[`twitter:mentions:${BRAND}`]).toContain('rate limit');
    // Same process, still before the reset: nothing is sent, nothing changes.
    const again = await source.pull(first.cursor, { limit: 50 });
    expect(again).toMatchObject({ posts: [], done: true, nextCursor: first.cursor });
    expect(x.count('/2/users/')).toBe(2);
    // After the reset (a new process), the window goes on from the saved page, then since advances.
    const w = x.windows.get('mentions');
    if (w) Object.assign(w, { remaining: 75, reset: Math.floor(Date.now() / 1000) - 1 });
    const later = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND] } });
    const second = await drain(later, first.cursor, 500);
    expect(x.requests[2]?.query['pagination_token']).toBe('tok-200');
    expect(second.posts.map((p) => p.text)).toEqual(mentions(50).map((t) => t.text));
    expect(parseTwitterCursor(second.cursor)[`twitter:mentions:${BRAND}`]).toEqual({ since: mentions(250)[249]?.id });
  });

  it('a crash while handing out a window resumes at the item after the last handed, in a new process', async () => {
    const { source } = setup({ mentions: { [BRAND]: mentions(30) } });
    const page = await source.pull(null, { limit: 10 });
    const fresh = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND] } });
    const rest = await drain(fresh, page.nextCursor, 7);
    expect([...page.posts, ...rest.posts].map((p) => p.text)).toEqual(mentions(30).map((t) => t.text));
  });

  it('adding a stream later backfills only that stream; the other keeps its checkpoint', async () => {
    const { x, source } = setup({ mentions: { [BRAND]: mentions(5) }, search: mentions(4, 50) });
    const first = await drain(source, null, 100);
    const both = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND], search: [{ name: 'outage', query: 'acme down' }] }, overlapSeconds: 0 });
    const second = await drain(both, first.cursor, 100);
    expect(second.posts.map((p) => p.stream)).toEqual(Array(4).fill('twitter:search:outage'));
    const search = x.requests.find((r) => r.path === '/2/tweets/search/recent');
    expect(search?.query).toMatchObject({ query: 'acme down', max_results: '100' });
    expect(search?.query['since_id']).toBeUndefined();
    expect(Object.keys(parseTwitterCursor(second.cursor))).toEqual([`twitter:mentions:${BRAND}`, 'twitter:search:outage']);
  });

  it('fetchParents: own and brand parents X left out of includes come from one GET /2/tweets?ids= per 100, before the replies; a stranger\'s are not', async () => {
    // 100 replies to the author's own earlier posts, 20 to a stranger's (a third party's post is no customer of the brand).
    const parents = Array.from({ length: 120 }, (_, i) => tweet(snowflake(T0 - 86_400_000 + i * 1000), i < 100 ? '101' : '202', `parent ${i}`));
    const replies = parents.map((p, i) =>
      tweet(snowflake(T0 + i * 1000, 1), '101', `@AcmeHelp reply ${i}`, { conversation_id: p.id, in_reply_to_user_id: p.author_id, referenced_tweets: [{ type: 'replied_to', id: p.id }] }),
    );
    const { x, source } = setup({ mentions: { [BRAND]: replies }, extra: parents, notIncluded: new Set(parents.map((p) => p.id)) });
    const run = await drain(source, null, 1000);
    const lookups = x.requests.filter((r) => r.path === '/2/tweets');
    expect(lookups.map((r) => r.query['ids']?.split(',').length)).toEqual([100]);
    expect(lookups[0]?.query['tweet.fields']).toContain('conversation_id');
    expect(run.posts).toHaveLength(220);
    const at = (text: string) => run.posts.findIndex((p) => p.text === text);
    expect(at('parent 7')).toBeLessThan(at('@AcmeHelp reply 7'));
    expect(at('parent 107')).toBe(-1);
    expect(source.stats().endpoints['GET /2/tweets']?.requests).toBe(1);
  });

  it('reports usage per endpoint from the x-rate-limit headers', async () => {
    const { source } = setup({ mentions: { [BRAND]: mentions(3) }, window: { limit: 450, remaining: 450, reset: 1_900_000_000 } });
    const { ctx, usage } = testCallContext(source);
    await drain(source, null, 10, ctx);
    expect(usage).toEqual([{ used: 1, limit: 450, name: 'GET /2/users/:id/mentions', window: 'rate', resetAt: new Date(1_900_000_000_000).toISOString() }]);
  });
});

describe('X source first run from now, and abort', () => {
  it('backfill.maxPosts 0: one request learns where now is, hands nothing, the next run reads only newer posts', async () => {
    const { x, source } = setup({ mentions: { [BRAND]: mentions(30) } }, { backfill: { maxPosts: 0 }, overlapSeconds: 0 });
    const first = await drain(source, null, 100);
    expect(first.posts).toEqual([]);
    expect(x.count('/2/users/')).toBe(1);
    expect(parseTwitterCursor(first.cursor)[`twitter:mentions:${BRAND}`]).toEqual({ since: mentions(30)[29]?.id });
  });

  it('an aborted pull sends nothing more', async () => {
    const { x, source } = setup({ mentions: { [BRAND]: mentions(30) } });
    const controller = new AbortController();
    controller.abort();
    await expect(source.pull(null, { limit: 10, signal: controller.signal })).rejects.toThrow();
    expect(x.count('/2/users/')).toBe(0);
  });
});

describe('X source cost', () => {
  it('prices items, included users and posts per endpoint from the price table; mentions of an owned account are owned reads', async () => {
    const { source } = setup({ mentions: { [BRAND]: mentions(150) } }, { prices: { userRead: 0.02 } });
    await drain(source, null, 500);
    const stats = source.stats();
    const e = stats.endpoints['GET /2/users/:id/mentions'];
    expect(e).toMatchObject({ requests: 2, items: 150, users: 4 }); // 2 authors on each of 2 pages
    expect(e?.costUsd).toBeCloseTo(150 * 0.001 + 4 * 0.02, 6);
    expect(stats.costUsd).toBeCloseTo(e?.costUsd ?? -1, 6);
    x?.stop();
    const other = setup({ mentions: { [BRAND]: mentions(10) } }, { ownedAccounts: [] });
    await drain(other.source, null, 500);
    expect(other.source.stats().endpoints['GET /2/users/:id/mentions']?.costUsd).toBeCloseTo(10 * 0.005 + 2 * 0.01, 6);
  });
});
