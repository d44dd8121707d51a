/**
 * `auth.flow: password`: without a connected app, SOAP login() of the partner API
 * (`POST {loginUrl}/services/Soap/u/{version}`); with clientId/secret, the OAuth 2.0 username-password
 * flow (`grant_type=password`). Both end to end against the emulator (real jsforce), the SOAP wire
 * shape pinned with nock, and a failed login is an AuthError naming the flow, never the secret.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/errors.js';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';
import { INSTANCE, LIMIT_INFO, LOGIN, describeReply } from './nock-fixtures.js';

const USER = { username: 'bot@acme.test', password: 'Pa55-word!', securityToken: 'SECTOKEN42' };

describe('password flow against the emulated org (real jsforce)', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ auth: { apps: [{ clientId: 'app-id', clientSecret: 'app-secret' }], users: [USER] } });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('without clientId: SOAP login, then every call with the session it returned', async () => {
    const before = emulator.calls.count({ kind: 'soap', path: '/services/Soap/u/62.0' });
    const adapter = salesforceAdapter({ loginUrl: emulator.url, auth: { flow: 'password', ...USER } });
    const ctx = countingCallContext();
    const caps = await adapter.describe(ctx);
    expect(caps.name).toBe('salesforce');
    await adapter.lookup({ identities: [], contactIds: [], threadKeys: ['twitter:1'], externalPostIds: ['twitter:1'] }, ctx);
    expect(emulator.calls.count({ kind: 'soap', path: '/services/Soap/u/62.0' }) - before).toBe(1);
    expect(adapter.connection.instanceUrl).toBe(emulator.url);
    expect(ctx.operations).toEqual(['login', 'describe', 'lookup']);
  });

  it('with clientId and clientSecret: the OAuth username-password flow at the token endpoint, no SOAP', async () => {
    const soapBefore = emulator.calls.count({ kind: 'soap' });
    const adapter = salesforceAdapter({ loginUrl: emulator.url, auth: { flow: 'password', ...USER, clientId: 'app-id', clientSecret: 'app-secret' } });
    const ctx = countingCallContext();
    await adapter.describe(ctx);
    expect(emulator.calls.count({ kind: 'soap' })).toBe(soapBefore);
    expect(ctx.operations).toEqual(['login', 'describe']);
  });

  it.each([
    ['SOAP login', {}, 'password (SOAP login) flow'],
    ['OAuth username-password', { clientId: 'app-id', clientSecret: 'app-secret' }, 'password flow'],
  ])('a wrong password (%s) is an AuthError naming the flow, with neither password nor token in it', async (_what, client, flowName) => {
    const adapter = salesforceAdapter({ loginUrl: emulator.url, auth: { flow: 'password', username: USER.username, password: 'Wr0ng-Pa55', securityToken: USER.securityToken, ...client } });
    const error = (await adapter.describe(countingCallContext()).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain(flowName);
    const everything = `${error.message} ${JSON.stringify(error.toJSON())} ${String(error.stack)}`;
    for (const secret of ['Wr0ng-Pa55', USER.securityToken, 'Wr0ng-Pa55SECTOKEN42', USER.password, 'app-secret']) expect(everything).not.toContain(secret);
  });
});

describe('SOAP login on the wire (nock)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    nock.cleanAll();
  });
  afterAll(() => {
    nock.enableNetConnect();
  });

  const LOGIN_REPLY = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com"><soapenv:Body><loginResponse><result><metadataServerUrl>${INSTANCE}/services/Soap/m/62.0/00Dxx0000001gEH</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox><serverUrl>${INSTANCE}/services/Soap/u/62.0/00Dxx0000001gEH</serverUrl><sessionId>00Dxx0000001gEH!SOAPSESSION</sessionId><userId>005xx000001Sv6eAAC</userId><userInfo><organizationId>00Dxx0000001gEHEAY</organizationId><userId>005xx000001Sv6eAAC</userId></userInfo></result></loginResponse></soapenv:Body></soapenv:Envelope>`;

  it('posts the partner login envelope (username; password + security token, XML-escaped) with SOAPAction, then uses the session id', async () => {
    let sent = '';
    let headers: Record<string, unknown> = {};
    nock(LOGIN)
      .post('/services/Soap/u/62.0', (body: string) => {
        sent = body;
        return true;
      })
      .reply(function reply(_uri, _body) {
        headers = this.req.headers;
        return [200, LOGIN_REPLY, { 'Content-Type': 'text/xml;charset=UTF-8' }];
      });
    const describeCall = nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dxx0000001gEH!SOAPSESSION' } })
      .post('/services/data/v62.0/composite')
      .reply(200, (_uri, body) => describeReply(body as never), LIMIT_INFO);
    const adapter = salesforceAdapter({ auth: { flow: 'password', username: 'api@acme.com', password: 'p<w>&', securityToken: 'TOK' } });
    await adapter.describe(countingCallContext());
    expect(describeCall.isDone()).toBe(true);
    expect(sent).toBe(
      '<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header/><se:Body><login xmlns="urn:partner.soap.sforce.com"><username>api@acme.com</username><password>p&lt;w&gt;&amp;TOK</password></login></se:Body></se:Envelope>',
    );
    expect(headers['content-type']).toBe('text/xml');
    expect(headers['soapaction']).toBe('""');
    expect(adapter.connection.instanceUrl).toBe(INSTANCE);
  });

  it('an INVALID_LOGIN fault is an AuthError naming the flow; the password and token stay out of it', async () => {
    nock(LOGIN)
      .post('/services/Soap/u/62.0')
      .reply(500, '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>', { 'Content-Type': 'text/xml' });
    const adapter = salesforceAdapter({ auth: { flow: 'password', username: 'api@acme.com', password: 'hunter2-SECRET', securityToken: 'TOKSECRET' } });
    const error = (await adapter.describe(countingCallContext()).catch((e: unknown) => e)) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain('password (SOAP login) flow');
    expect(error.message).toContain('INVALID_LOGIN');
    expect(`${error.message} ${JSON.stringify(error.toJSON())}`).not.toMatch(/hunter2|SECRET/);
  });
});
