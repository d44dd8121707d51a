import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyXError, parseTwitterCursor, twitterSource } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND, drain, fixture, testCallContext } from './helpers.js';

afterEach(() => nock.cleanAll());

const MENTIONS = `/2/users/${BRAND}/mentions`;
const json = { 'content-type': 'application/json' };
const limitHeaders = (remaining: number, reset: number) => ({ ...json, 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) });

describe('X rate limits, usage caps and page errors', () => {
  it('a 429 waits until x-rate-limit-reset (epoch seconds) through the classifyError hook, then reads on', async () => {
    const reset = Math.floor(Date.now() / 1000) + 90;
    nock(X).get(MENTIONS).query(true).reply(429, fixture('rate-limited-429.json'), { ...limitHeaders(0, reset), 'content-type': 'application/problem+json' });
    nock(X).get(MENTIONS).query(true).reply(200, fixture('mentions-with-includes.json'), limitHeaders(449, reset + 900));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND] }, fetchParents: false });
    const { ctx, verdicts, calls } = testCallContext(source);
    const run = await drain(source, null, 100, ctx);
    expect(run.posts).toHaveLength(4);
    expect(calls).toEqual(['GET /2/users/:id/mentions', 'GET /2/users/:id/mentions']);
    expect(verdicts[0]).toMatchObject({ retryable: true, rateLimited: true, status: 429 });
    const wait = verdicts[0]?.retryAfterMs ?? 0;
    expect(wait).toBeGreaterThan(88_000);
    expect(wait).toBeLessThan(93_000);
    expect(nock.isDone()).toBe(true);
  });

  it('a 429 on the 24-hour window waits for that window', () => {
    const now = 1_900_000_000_000;
    const verdict = classifyXError(
      { code: 429, data: {}, headers: {}, rateLimit: { limit: 450, remaining: 3, reset: now / 1000 + 60, day: { limit: 100, remaining: 0, reset: now / 1000 + 7200 } } },
      { canRefresh: false, now },
    );
    expect(verdict?.retryAfterMs).toBe(7_201_000);
  });

  it('a usage-capped 429 stops that stream with a clear message, never retried; other streams go on', async () => {
    nock(X).get(MENTIONS).query(true).reply(429, fixture('usage-capped-429.json'), { ...limitHeaders(12, Math.floor(Date.now() / 1000) + 900), 'content-type': 'application/problem+json' });
    nock(X).get('/2/tweets/search/recent').query(true).reply(200, fixture('search-with-errors.json'), limitHeaders(449, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND], search: [{ name: 'outage', query: 'acme down' }] } });
    const { ctx, verdicts, calls } = testCallContext(source);
    const run = await drain(source, null, 100, ctx);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ retryable: false, exhausted: true, remoteCode: 'https://api.twitter.com/2/problems/usage-capped' });
    expect(calls.filter((c) => c.includes('mentions'))).toHaveLength(1);
    expect(source.stats().stopped[`twitter:mentions:${BRAND}`]).toMatch(/usage cap reached \(Usage cap exceeded: Monthly product cap\)/);
    expect(run.posts.map((p) => p.stream)).toEqual(['twitter:search:outage', 'twitter:search:outage']);
    expect(parseTwitterCursor(run.cursor)[`twitter:mentions:${BRAND}`]).toEqual({});
    // A later pull of the same process sends nothing more to the capped stream (search is polled again).
    nock(X).get('/2/tweets/search/recent').query(true).reply(200, { meta: { result_count: 0 } }, limitHeaders(448, 1_900_000_000));
    await source.pull(run.cursor, { limit: 10, ctx });
    expect(calls.filter((c) => c.includes('mentions'))).toHaveLength(1);
  });

  it('a search page with an errors array yields the good posts, records the errors, letters the malformed item', async () => {
    nock(X).get('/2/tweets/search/recent').query(true).reply(200, fixture('search-with-errors.json'), limitHeaders(449, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { search: [{ name: 'outage', query: 'acme down' }] }, fetchParents: false });
    const run = await drain(source, null, 100);
    expect(run.posts).toHaveLength(2);
    expect(run.rejected.map((r) => r.field)).toEqual(['created_at']);
    expect(source.stats().pageErrors).toEqual([expect.stringMatching(/^tweet 2028032492958646279: Could not find tweet/)]);
  });

  it('DM events: follows next_token, skips non-message events, stops at the checkpoint on the next run', async () => {
    const page1 = fixture('dm-events-page1.json');
    nock(X).get('/2/users/me').query({ 'user.fields': 'username' }).reply(200, { data: { id: BRAND, username: 'AcmeHelp', name: 'Acme Support' } }, json);
    nock(X)
      .get('/2/dm_events')
      .query((q) => q['pagination_token'] === undefined && q['event_types'] === 'MessageCreate' && q['expansions'] === 'sender_id' && q['max_results'] === '100' && String(q['dm_event.fields']).includes('dm_conversation_id'))
      .reply(200, page1, limitHeaders(14, 1_900_000_000));
    nock(X).get('/2/dm_events').query((q) => q['pagination_token'] === '18LAA5G1SL0NR5OG0G00ZZZZ').reply(200, fixture('dm-events-page2.json'), limitHeaders(13, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' }), streams: { directMessages: true }, overlapSeconds: 0 });
    const run = await drain(source, null, 100);
    expect(run.posts.map((p) => p.text)).toEqual(['hi, my account is locked', "it's order 4711", 'Sorry about that Ada, can you DM the order number?']);
    expect(run.posts.every((p) => p.kind === 'direct_message')).toBe(true);
    expect(await source.brandIdentity()).toEqual({ ids: [BRAND], handles: ['acmehelp'] }); // its own DMs are outbound
    expect(nock.isDone()).toBe(true);
    // Next run: the first page already shows the checkpoint's id: one request, nothing new.
    nock(X).get('/2/dm_events').query(true).reply(200, page1, limitHeaders(12, 1_900_000_000));
    const again = await drain(source, run.cursor, 100);
    expect(again.posts).toEqual([]);
    expect(again.cursor).toBe(run.cursor);
    expect(nock.isDone()).toBe(true);
  });

  it('an empty page with a next_token is read on (where the paginator would stop)', async () => {
    nock(X).get(MENTIONS).query((q) => q['pagination_token'] === undefined).reply(200, { meta: { result_count: 0, next_token: 'n1' } }, limitHeaders(10, 1_900_000_000));
    nock(X).get(MENTIONS).query((q) => q['pagination_token'] === 'n1').reply(200, fixture('mentions-with-includes.json'), limitHeaders(9, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND] }, fetchParents: false });
    expect((await drain(source, null, 100)).posts).toHaveLength(4);
  });
});

describe('X network failures', () => {
  it('a reset connection (twitter-api-v2 ApiRequestError) is retryable with its code; the read goes on', async () => {
    nock(X).get(MENTIONS).query(true).replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    nock(X).get(MENTIONS).query(true).reply(200, fixture('mentions-with-includes.json'), limitHeaders(449, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND] }, fetchParents: false });
    const { ctx, verdicts } = testCallContext(source);
    expect((await drain(source, null, 100, ctx)).posts).toHaveLength(4);
    expect(verdicts[0]).toMatchObject({ retryable: true, remoteCode: 'ECONNRESET', reason: 'X network error (ECONNRESET)' });
  });
});
