import { generateKeyPairSync, createVerify } from 'node:crypto';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, ConfigError, ConnectorError, TransientError } from '../../../src/errors.js';
import { salesforceAdapter, type SalesforceTokens } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { INSTANCE, LIMIT_INFO, LOGIN, V, describeReply } from './nock-fixtures.js';

const ctx = countingCallContext();
const TOKEN_REPLY = { access_token: '00Dxx0000001gEH!AQ0AQFresh', instance_url: INSTANCE, id: `${LOGIN}/id/00Dxx0000001gEH/005xx000001Sv6e`, token_type: 'Bearer', issued_at: '1309974610026', signature: 'sig=' };

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

/** Expects one describe Composite with the given bearer token. */
function expectDescribe(token: string) {
  return nock(INSTANCE, { reqheaders: { authorization: `Bearer ${token}` } })
    .post(`${V}/composite`)
    .reply(200, (_uri, body) => describeReply(body as never), LIMIT_INFO);
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('auth flows on the wire', () => {
  it('refresh_token: posts the documented form, uses the token, and hands a rotated refresh token to onTokens', async () => {
    const seen: SalesforceTokens[] = [];
    const forms: Record<string, string>[] = [];
    const token = nock(LOGIN)
      .post('/services/oauth2/token', (body: string) => forms.push(form(body)) > 0)
      .reply(200, { ...TOKEN_REPLY, refresh_token: '5Aep_ROTATED_1' })
      .post('/services/oauth2/token', (body: string) => forms.push(form(body)) > 0)
      .reply(200, { ...TOKEN_REPLY, access_token: 'second', refresh_token: '5Aep_ROTATED_2' });
    const describeCall = expectDescribe(TOKEN_REPLY.access_token);
    const adapter = salesforceAdapter({ auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'CSECRET', refreshToken: '5Aep_ORIGINAL' }, onTokens: (t) => void seen.push(t) });
    const caps = await adapter.describe(ctx);
    expect(caps.closedStatuses).toEqual(['Closed']);
    await adapter.refreshSession();
    expect(forms).toEqual([
      { grant_type: 'refresh_token', refresh_token: '5Aep_ORIGINAL', client_id: 'CID', client_secret: 'CSECRET' },
      { grant_type: 'refresh_token', refresh_token: '5Aep_ROTATED_1', client_id: 'CID', client_secret: 'CSECRET' },
    ]);
    expect(seen.map((t) => t.refreshToken)).toEqual(['5Aep_ROTATED_1', '5Aep_ROTATED_2']);
    expect(adapter.connection.accessToken).toBe('second');
    expect(token.isDone() && describeCall.isDone()).toBe(true);
  });

  it('jwt: signs an RS256 assertion (iss, sub, aud, exp) that the public key verifies', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    let assertion = '';
    nock(LOGIN)
      .post('/services/oauth2/token', (body: string) => {
        const f = form(body);
        assertion = f['assertion'] ?? '';
        return f['grant_type'] === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && Object.keys(f).length === 2;
      })
      .reply(200, TOKEN_REPLY);
    expectDescribe(TOKEN_REPLY.access_token);
    const adapter = salesforceAdapter({ auth: { flow: 'jwt', clientId: 'CID', username: 'api@acme.com', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    await adapter.describe(ctx);
    const [header, payload, signature] = assertion.split('.');
    expect(JSON.parse(Buffer.from(header ?? '', 'base64url').toString())).toEqual({ alg: 'RS256' });
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'CID', sub: 'api@acme.com', aud: LOGIN });
    expect(Number(claims['exp']) - Date.now() / 1000).toBeGreaterThan(60);
    expect(Number(claims['exp']) - Date.now() / 1000).toBeLessThanOrEqual(180);
    const verify = createVerify('RSA-SHA256').update(`${header}.${payload}`);
    expect(verify.verify(publicKey, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });

  it('password: username, password + security token and the connected app', async () => {
    let sent: Record<string, string> = {};
    nock('https://test.salesforce.com')
      .post('/services/oauth2/token', (body: string) => {
        sent = form(body);
        return true;
      })
      .reply(200, TOKEN_REPLY);
    expectDescribe(TOKEN_REPLY.access_token);
    const adapter = salesforceAdapter({ loginUrl: 'https://test.salesforce.com', auth: { flow: 'password', username: 'api@acme.com', password: 'pw', securityToken: 'TOK', clientId: 'CID', clientSecret: 'CS' } });
    await adapter.describe(ctx);
    expect(sent).toEqual({ grant_type: 'password', username: 'api@acme.com', password: 'pwTOK', client_id: 'CID', client_secret: 'CS' });
  });

  it('access_token: no token request; the API version is explicit; a refresh is an AuthError naming the flow', async () => {
    const describeCall = expectDescribe('00Dxx!GIVEN');
    const adapter = salesforceAdapter({ instanceUrl: INSTANCE, auth: { flow: 'access_token', accessToken: '00Dxx!GIVEN' } });
    await adapter.describe(ctx);
    expect(describeCall.isDone()).toBe(true);
    const error = await adapter.refreshSession().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toContain('access_token flow');
    expect((error as Error).message).toContain('ended during the run');
    expect((error as Error).message).toContain('it expired or was revoked');
    expect((error as Error).message).not.toContain('GIVEN');
  });

  it('a rejected refresh is an AuthError naming the flow and never the secret; an unreachable endpoint is transient', async () => {
    nock(LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });
    const adapter = salesforceAdapter({ auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'TOPSECRET', refreshToken: '5Aep_SECRET' } });
    const error = (await adapter.refreshSession().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('refresh_token flow');
    expect(error.details.remoteCode).toBe('invalid_grant');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/TOPSECRET|5Aep_SECRET/);
    expect(adapter.classifyError?.(error)).toMatchObject({ authFailed: true, retryable: false });
    nock(LOGIN).post('/services/oauth2/token').reply(503, '<html>down</html>', { 'Content-Type': 'text/html' });
    expect(await adapter.refreshSession().catch((e: unknown) => e)).toBeInstanceOf(TransientError);
  });

  it('concurrent refreshes share one token request', async () => {
    const token = nock(LOGIN).post('/services/oauth2/token').once().reply(200, TOKEN_REPLY);
    const adapter = salesforceAdapter({ auth: { flow: 'refresh_token', clientId: 'CID', refreshToken: 'R' } });
    await Promise.all([adapter.refreshSession(), adapter.refreshSession(), adapter.refreshSession()]);
    expect(token.isDone()).toBe(true);
  });

  it('refuses a token reply naming a plain-http instance', async () => {
    nock(LOGIN).post('/services/oauth2/token').reply(200, { ...TOKEN_REPLY, instance_url: 'http://evil.example.com' });
    const adapter = salesforceAdapter({ auth: { flow: 'refresh_token', clientId: 'CID', refreshToken: 'R' } });
    expect(await adapter.refreshSession().catch((e: unknown) => e)).toBeInstanceOf(AuthError);
  });

  it('access_token: a refused token says so (wrong, expired or revoked) and what to use instead, never the token', async () => {
    nock(INSTANCE).post(`${V}/composite`).reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const adapter = salesforceAdapter({ instanceUrl: INSTANCE, auth: { flow: 'access_token', accessToken: '00Dxx!WRONGTOKEN' } });
    const first = await adapter.describe(ctx).catch((e: unknown) => e);
    expect(adapter.classifyError?.(first)).toMatchObject({ refreshSession: true });
    const error = (await adapter.refreshSession().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('refused the access token at the first call');
    expect(error.message).toContain('wrong, expired or revoked');
    expect(error.message).toMatch(/refresh_token or jwt/);
    expect(error.message).not.toContain('the session expired');
    expect(error.details.field).toBe('crm.auth.accessToken');
    expect(JSON.stringify(error.toJSON())).not.toContain('WRONGTOKEN');
  });

  it('a refusal without error_description still says the HTTP status and the OAuth error; one without any OAuth error says so', async () => {
    nock(LOGIN).post('/services/oauth2/token').reply(400, { error: 'invalid_client_id' });
    const adapter = salesforceAdapter({ auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'TOPSECRET', refreshToken: '5Aep_SECRET' } });
    const error = (await adapter.refreshSession().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('HTTP 400, invalid_client_id');
    expect(error.message).toContain(`${LOGIN}/services/oauth2/token`);
    expect(error.message).not.toContain('undefined');
    expect(error.details).toMatchObject({ remoteCode: 'invalid_client_id', status: 400 });
    nock(LOGIN).post('/services/oauth2/token').reply(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    const notFound = (await adapter.refreshSession().catch((e: unknown) => e)) as AuthError;
    expect(notFound.message).toContain('HTTP 404');
    expect(notFound.message).toContain('crm.loginUrl');
    expect(notFound.message).not.toContain('undefined');
    expect(JSON.stringify([error.toJSON(), notFound.toJSON()])).not.toMatch(/TOPSECRET|5Aep_SECRET/);
  });

  it('the pasted token endpoint as loginUrl is a config error naming crm.loginUrl before any request', () => {
    const make = () => salesforceAdapter({ loginUrl: `${LOGIN}/services/oauth2/token`, auth: { flow: 'refresh_token', clientId: 'CID', refreshToken: '5Aep_SECRET' } });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(/loginUrl must be the base URL with no path/);
  });

  it('an unreachable token endpoint names the host and the errno (host not found: crm.loginUrl; certificate: not retried)', async () => {
    const adapter = salesforceAdapter({ loginUrl: 'https://acme.my.salesforce.com', auth: { flow: 'password', username: 'u@acme.com', password: 'PW_SECRET', clientId: 'CID', clientSecret: 'TOPSECRET' } });
    nock('https://acme.my.salesforce.com').post('/services/oauth2/token').replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND acme.my.salesforce.com'), { code: 'ENOTFOUND' }));
    const missing = (await adapter.refreshSession().catch((e: unknown) => e)) as ConfigError;
    expect(missing).toBeInstanceOf(ConfigError);
    expect(missing.details.field).toBe('crm.loginUrl');
    expect(missing.message).toContain('https://acme.my.salesforce.com');
    expect(missing.message).toContain('ENOTFOUND');
    nock('https://acme.my.salesforce.com').post('/services/oauth2/token').replyWithError(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }));
    const cert = (await adapter.refreshSession().catch((e: unknown) => e)) as ConnectorError;
    expect(cert).toBeInstanceOf(ConnectorError);
    expect(cert.retryable).toBe(false);
    expect(cert.message).toContain('CERT_HAS_EXPIRED');
    expect(cert.message).toContain('https://acme.my.salesforce.com');
    expect(JSON.stringify([missing.toJSON(), cert.toJSON()])).not.toMatch(/PW_SECRET|TOPSECRET/);
  });

  it('password without a connected app: a SOAP login fault names the SOAP endpoint and the fault code, never the password', async () => {
    const fault =
      '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com">' +
      '<soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring>' +
      '<detail><sf:LoginFault><sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode></sf:LoginFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';
    nock(LOGIN).post(`/services/Soap/u/62.0`).reply(500, fault, { 'Content-Type': 'text/xml' });
    const adapter = salesforceAdapter({ auth: { flow: 'password', username: 'u@acme.com', password: 'PW_SECRET', securityToken: 'TOK_SECRET' } });
    const error = (await adapter.refreshSession().catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain(`${LOGIN}/services/Soap/u/62.0`);
    expect(error.message).toContain('INVALID_LOGIN');
    expect(error.details.remoteCode).toBe('INVALID_LOGIN');
    expect(JSON.stringify(error.toJSON())).not.toMatch(/PW_SECRET|TOK_SECRET/);
  });
});
