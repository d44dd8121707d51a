import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/errors.js';
import { credentialsFromConfig, twitterSource, type OAuth2Tokens } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND, drain, fixture, testCallContext } from './helpers.js';

afterEach(() => nock.cleanAll());

const json = { 'content-type': 'application/json' };
const tokenReply = (n: number) => ({ token_type: 'bearer', expires_in: 7200, access_token: `at-${n}`, scope: 'tweet.read users.read dm.read offline.access', refresh_token: `rt-${n}` });
const basic = `Basic ${Buffer.from('cid:csecret').toString('base64')}`;

describe('X OAuth 2.0 user tokens', () => {
  it('refreshes with a form-encoded body and Basic client auth, hands the rotated pair over, then reads with it', async () => {
    const seen: OAuth2Tokens[] = [];
    nock(X)
      .post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-0')
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .matchHeader('authorization', basic)
      .reply(200, tokenReply(1), json);
    nock(X).get(`/2/users/${BRAND}/mentions`).query(true).matchHeader('authorization', 'Bearer at-1').reply(200, fixture('mentions-with-includes.json'), json);
    const source = twitterSource({ credentials: { clientId: 'cid', clientSecret: 'csecret', refreshToken: 'rt-0', onTokens: (t) => void seen.push(t) }, streams: { mentions: [BRAND] }, fetchParents: false });
    const run = await drain(source, null, 100);
    expect(run.posts).toHaveLength(4);
    expect(seen.map((t) => [t.accessToken, t.refreshToken])).toEqual([['at-1', 'rt-1']]);
    expect(nock.isDone()).toBe(true);
  });

  it('a 401 is refreshed once (single-flight: one token call for concurrent failures) with the rotated refresh token, then replayed', async () => {
    nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-0&client_id=cid').reply(200, tokenReply(1), json);
    nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-1&client_id=cid').reply(200, tokenReply(2), json);
    nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-2&client_id=cid').reply(200, tokenReply(3), json);
    nock(X).get(`/2/users/${BRAND}/mentions`).query(true).matchHeader('authorization', 'Bearer at-1').reply(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, { 'content-type': 'application/problem+json' });
    nock(X).get(`/2/users/${BRAND}/mentions`).query(true).matchHeader('authorization', 'Bearer at-2').reply(200, fixture('mentions-with-includes.json'), json);
    const source = twitterSource({ credentials: { clientId: 'cid', refreshToken: 'rt-0' }, streams: { mentions: [BRAND] }, fetchParents: false });
    const { ctx, verdicts } = testCallContext(source);
    const run = await drain(source, null, 100, ctx);
    expect(verdicts[0]).toMatchObject({ refreshSession: true, retryable: true, status: 401 });
    expect(run.posts).toHaveLength(4);
    // Concurrent refreshes share one token call (a second use of rt-2 would find no answer here).
    await Promise.all([source.refreshSession?.(), source.refreshSession?.(), source.refreshSession?.()]);
    expect(nock.isDone()).toBe(true);
  });

  it('a refused refresh is an AuthError naming the key, without the token', async () => {
    nock(X).post('/2/oauth2/token').reply(400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' }, json);
    const source = twitterSource({ credentials: { clientId: 'cid', refreshToken: 'rt-secret-value' }, streams: { mentions: [BRAND] } });
    const error = await source.pull(null, { limit: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).details.field).toBe('source.auth.refreshToken');
    expect((error as AuthError).message).toContain('invalid_request');
    expect(JSON.stringify((error as AuthError).toJSON())).not.toContain('rt-secret-value');
  });

  it('without a refresh token a 401 means wrong credentials: authFailed, never retried', () => {
    const source = twitterSource({ credentials: { bearerToken: 'b' }, streams: { mentions: [BRAND] } });
    expect(source.refreshSession).toBeUndefined();
    expect(source.classifyError({ code: 401, data: { title: 'Unauthorized', detail: 'Unauthorized' }, headers: {} })).toMatchObject({ authFailed: true, retryable: false });
  });
});

describe('the job token file', () => {
  it('starts from the token file, keeps the config token until the first rotation, writes each rotation owner-only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-tokens-'));
    try {
      const tokenFile = join(dir, 'state', 'x-tokens.json');
      const first = credentialsFromConfig({ clientId: 'cid', refreshToken: 'rt-config', tokenFile });
      expect('refreshToken' in first && first.refreshToken).toBe('rt-config');
      nock(X).post('/2/oauth2/token', 'grant_type=refresh_token&refresh_token=rt-config&client_id=cid').reply(200, tokenReply(1), json);
      nock(X).get(`/2/users/${BRAND}/mentions`).query(true).reply(200, { meta: { result_count: 0 } }, json);
      await twitterSource({ credentials: first, streams: { mentions: [BRAND] } }).pull(null, { limit: 10 });
      expect(JSON.parse(readFileSync(tokenFile, 'utf8'))).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const second = credentialsFromConfig({ clientId: 'cid', refreshToken: 'rt-config', tokenFile });
      expect(second).toMatchObject({ refreshToken: 'rt-1', accessToken: 'at-1' });
      writeFileSync(tokenFile, 'garbage');
      expect(() => credentialsFromConfig({ clientId: 'cid', refreshToken: 'rt-config', tokenFile })).toThrow(/source.auth.tokenFile/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
