import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { directCallContext } from '../../../src/calls/types.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND } from './helpers.js';

afterEach(() => nock.cleanAll());
const json = { 'content-type': 'application/json' };

describe('X setup check (--check)', () => {
  it('checks the user token and each stream with one small read; a refused rule fails with X reason and a fix', async () => {
    nock(X).get('/2/users/me').query({ 'user.fields': 'username' }).reply(200, { data: { id: BRAND, username: 'AcmeHelp', name: 'Acme' } }, json);
    nock(X).get(`/2/users/${BRAND}/mentions`).query((q) => q['max_results'] === '5').reply(200, { meta: { result_count: 0 } }, json);
    nock(X)
      .get('/2/tweets/search/recent')
      .query((q) => q['max_results'] === '10')
      .reply(400, { errors: [{ parameters: { query: ['(acme'] }, message: "There were errors processing your request: Unmatched parenthesis at position 1" }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' }, json);
    nock(X).get('/2/dm_events').query((q) => q['max_results'] === '1').reply(200, { meta: { result_count: 0 } }, json);
    const source = twitterSource({
      client: new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' }),
      streams: { mentions: [BRAND], search: [{ name: 'bad', query: '(acme' }], directMessages: true },
    });
    const report = await source.check(directCallContext);
    expect(report.ready).toBe(false);
    expect(report.items.map((i) => [i.what, i.ok])).toEqual([
      [`stream twitter:mentions:${BRAND} (GET /2/users/:id/mentions)`, true],
      ['stream twitter:search:bad (GET /2/tweets/search/recent)', false],
      ['stream twitter:dm (GET /2/dm_events)', true],
    ]);
    expect(report.items[1]?.detail).toBe('HTTP 400: One or more parameters to your request was invalid. — There were errors processing your request: Unmatched parenthesis at position 1');
    expect(report.items[1]?.fix).toContain('search');
    expect(nock.isDone()).toBe(true); // users/me: asked once for the DM stream (a given client's token kind is unknown)
  });
});
