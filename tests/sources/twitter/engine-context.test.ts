/** The X source under the engine's own call context (p-retry loop, hooks, budget), not a test double. */
import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { createCallContext } from '../../../src/limits/call-context.js';
import { LimitsConfigSchema } from '../../../src/limits/config.js';
import { parseTwitterCursor, twitterSource, type TwitterSource } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND, drain, fixture } from './helpers.js';

afterEach(() => nock.cleanAll());
const MENTIONS = `/2/users/${BRAND}/mentions`;
const headers = (remaining: number, reset: number, type = 'application/json') => ({ 'content-type': type, 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(reset) });

function engineContext(source: TwitterSource, now: number) {
  const sleeps: number[] = [];
  const ctx = createCallContext({
    service: 'twitter',
    limiter: { schedule: (fn) => fn() },
    limits: LimitsConfigSchema.parse({ jitter: false, maxRetryAfterMs: 3_600_000 }),
    hooks: source,
    now: () => now,
    sleep: async (ms) => void sleeps.push(ms),
  });
  return { ctx, sleeps };
}

describe('X source under the engine call context', () => {
  it('a 429 waits until the epoch-seconds reset (the hook supplies retryAfterMs), then the page is read', async () => {
    const now = Date.now();
    const reset = Math.floor(now / 1000) + 600;
    nock(X).get(MENTIONS).query(true).reply(429, fixture('rate-limited-429.json'), headers(0, reset, 'application/problem+json'));
    nock(X).get(MENTIONS).query(true).reply(200, fixture('mentions-with-includes.json'), headers(449, reset + 900));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND] }, fetchParents: false });
    const { ctx, sleeps } = engineContext(source, now);
    expect((await drain(source, null, 100, ctx)).posts).toHaveLength(4);
    expect(sleeps).toHaveLength(1);
    expect(sleeps[0]).toBeGreaterThanOrEqual(599_000);
    expect(sleeps[0]).toBeLessThanOrEqual(602_000);
  });

  it('a usage-capped 429 (BudgetExhaustedError from the engine) stops that stream only; the pull does not throw', async () => {
    nock(X).get(MENTIONS).query(true).reply(429, fixture('usage-capped-429.json'), headers(3, Math.floor(Date.now() / 1000) + 900, 'application/problem+json'));
    nock(X).get('/2/tweets/search/recent').query(true).reply(200, fixture('search-with-errors.json'), headers(449, 1_900_000_000));
    const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND], search: [{ name: 'outage', query: 'acme' }] } });
    const { ctx, sleeps } = engineContext(source, Date.now());
    const run = await drain(source, null, 100, ctx);
    expect(sleeps).toEqual([]);
    expect(run.posts).toHaveLength(2);
    expect(source.stats().stopped[`twitter:mentions:${BRAND}`]).toContain('usage cap reached');
    expect(parseTwitterCursor(run.cursor)[`twitter:mentions:${BRAND}`]).toEqual({});
  });

  it('a 401 of an OAuth 2.0 user token is refreshed through the engine (single-flight) and replayed', async () => {
    const json = { 'content-type': 'application/json' };
    nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-0&client_id=cid').reply(200, { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 7200, scope: 'tweet.read', token_type: 'bearer' }, json);
    nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-1&client_id=cid').reply(200, { access_token: 'at-2', refresh_token: 'rt-2', expires_in: 7200, scope: 'tweet.read', token_type: 'bearer' }, json);
    nock(X).get(MENTIONS).query(true).matchHeader('authorization', 'Bearer at-1').reply(401, { title: 'Unauthorized', status: 401, type: 'about:blank', detail: 'Unauthorized' }, { 'content-type': 'application/problem+json' });
    nock(X).get(MENTIONS).query(true).matchHeader('authorization', 'Bearer at-2').reply(200, fixture('mentions-with-includes.json'), json);
    const source = twitterSource({ credentials: { clientId: 'cid', refreshToken: 'rt-0' }, streams: { mentions: [BRAND] }, fetchParents: false });
    const { ctx } = engineContext(source, Date.now());
    expect((await drain(source, null, 100, ctx)).posts).toHaveLength(4);
    expect(nock.isDone()).toBe(true);
  });
});
