import { createSign, generateKeyPairSync } from 'node:crypto';
import { Connection } from 'jsforce';
import { afterEach, describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT, startSalesforceEmulator, type AuthOptions, type SalesforceEmulator, type SalesforceEmulatorOptions } from './index.js';
import { connect, rejection } from './helpers.js';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const AUTH: AuthOptions = {
  apps: [{ clientId: 'app-id', clientSecret: 'app-secret', jwtPublicKey: PUBLIC_PEM }],
  users: [{ username: 'bot@acme.test', password: 'pw', securityToken: 'TOKEN' }],
  refreshTokens: ['refresh-1'],
};

function signJwt(claims: Record<string, unknown>, key = privateKey): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg: 'RS256' })}.${part(claims)}`;
  const signature = createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
  return `${input}.${signature}`;
}

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  emulator = await startSalesforceEmulator({ auth: AUTH, ...options });
  return emulator;
}

describe('OAuth token endpoint and sessions with the real jsforce', () => {
  it('access_token flow: the configured token works; a wrong one is INVALID_SESSION_ID (401)', async () => {
    const emu = await start();
    await connect(emu).query('SELECT Id FROM Case');
    const error = await rejection(connect(emu, 'wrong').query('SELECT Id FROM Case'));
    expect(error.errorCode).toBe('INVALID_SESSION_ID');
    expect(error.message).toBe('Session expired or invalid');
    expect(emu.calls.filter({ kind: 'data' }).map((c) => c.status)).toEqual([200, 401]);
  });

  it('expires sessions after the configured idle lifetime', async () => {
    const emu = await start({ auth: { ...AUTH, sessionLifetimeMs: 50 } });
    const conn = connect(emu);
    await conn.query('SELECT Id FROM Case');
    await new Promise((r) => setTimeout(r, 120));
    expect((await rejection(conn.query('SELECT Id FROM Case'))).errorCode).toBe('INVALID_SESSION_ID');
  });

  it('password flow (password + security token, client id and secret)', async () => {
    const emu = await start();
    const conn = new Connection({ loginUrl: emu.url, version: '62.0', oauth2: { clientId: 'app-id', clientSecret: 'app-secret', loginUrl: emu.url } });
    const info = await conn.login('bot@acme.test', 'pwTOKEN');
    expect(info.organizationId).toMatch(/^00D/);
    expect(conn.instanceUrl).toBe(emu.url);
    await conn.query('SELECT Id FROM Case');
    const bad = new Connection({ loginUrl: emu.url, version: '62.0', oauth2: { clientId: 'app-id', clientSecret: 'app-secret', loginUrl: emu.url } });
    const error = await rejection(bad.login('bot@acme.test', 'pw'));
    expect(error.name).toBe('invalid_grant');
  });

  it('SOAP login when jsforce has no OAuth client', async () => {
    const emu = await start();
    const conn = new Connection({ loginUrl: emu.url, version: '62.0' });
    await conn.login('bot@acme.test', 'pwTOKEN');
    await conn.query('SELECT Id FROM Case');
    expect(emu.calls.count({ kind: 'soap', path: '/services/Soap/u/62.0' })).toBe(1);
  });

  it('refresh_token flow: jsforce refreshes once on 401 and replays the call', async () => {
    const emu = await start();
    const conn = new Connection({
      instanceUrl: emu.url, version: '62.0', accessToken: 'stale', refreshToken: 'refresh-1',
      oauth2: { clientId: 'app-id', clientSecret: 'app-secret', loginUrl: emu.url },
    });
    await conn.query('SELECT Id FROM Case');
    expect(emu.calls.count({ kind: 'oauth' })).toBe(1);
    expect(emu.calls.filter({ kind: 'data' }).map((c) => c.status)).toEqual([401, 200]);
  });

  it('rotating refresh tokens: the old one is revoked, the new one comes in the refresh event', async () => {
    const emu = await start({ auth: { ...AUTH, rotateRefreshTokens: true } });
    const conn = new Connection({
      instanceUrl: emu.url, version: '62.0', accessToken: 'stale', refreshToken: 'refresh-1',
      oauth2: { clientId: 'app-id', clientSecret: 'app-secret', loginUrl: emu.url },
    });
    const rotated: string[] = [];
    conn.on('refresh', (_token: string, res: { refresh_token?: string }) => {
      if (res.refresh_token) rotated.push(res.refresh_token);
    });
    await conn.query('SELECT Id FROM Case');
    expect(rotated).toEqual([emu.issuedRefreshTokens[0]]);
    emu.expireSessions();
    // jsforce keeps the old refresh token: the second refresh fails (issue 8's jsforce fact).
    const error = await rejection(conn.query('SELECT Id FROM Case'));
    expect(error.message).toBe('Unable to refresh session due to: expired access/refresh token');
    expect(emu.calls.filter({ kind: 'oauth' }).map((c) => c.status)).toEqual([200, 400]);
  });

  it('JWT bearer flow: RS256 assertion checked against the public key, iss, sub, aud, exp', async () => {
    const emu = await start();
    const exp = Math.floor(Date.now() / 1000) + 180;
    const good = { iss: 'app-id', sub: 'bot@acme.test', aud: 'https://login.salesforce.com', exp };
    const conn = new Connection({ loginUrl: emu.url, version: '62.0', oauth2: { clientId: 'app-id', loginUrl: emu.url } });
    await conn.authorize({ grant_type: JWT_BEARER_GRANT, assertion: signJwt(good) });
    await conn.query('SELECT Id FROM Case');
    const attempt = (claims: Record<string, unknown>, key = privateKey) =>
      rejection(new Connection({ loginUrl: emu.url, oauth2: { loginUrl: emu.url } }).authorize({ grant_type: JWT_BEARER_GRANT, assertion: signJwt(claims, key) }));
    expect((await attempt(good, otherKey)).message).toBe('invalid assertion signature');
    expect((await attempt({ ...good, aud: 'https://evil.example' })).message).toBe('audience is invalid');
    expect((await attempt({ ...good, exp: exp - 3600 })).name).toBe('invalid_grant');
    expect((await attempt({ ...good, sub: 'nobody@acme.test' })).name).toBe('invalid_grant');
    expect((await attempt({ ...good, iss: 'other-app' })).name).toBe('invalid_client_id');
  });

  it('accepts form-encoded token requests only', async () => {
    const emu = await start();
    const json = await fetch(`${emu.url}/services/oauth2/token`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', client_id: 'app-id', client_secret: 'app-secret', username: 'bot@acme.test', password: 'pwTOKEN' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
  });
});
