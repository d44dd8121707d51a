import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSalesforceConfig, readTokenFile, salesforceAdapter, salesforceAdapterFromConfig } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { DEMO_SETTINGS, SAMPLE, landedLocal, landedSalesforce, runSample } from './sample-parity.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const oauthCalls = (e: SalesforceEmulator): number => e.calls.entries.filter((c) => c.kind === 'oauth').length;
const request = { identities: [{ provider: 'twitter', id: '1', handle: 'a' }], contactIds: [], threadKeys: [], externalPostIds: [] };

describe('sessions against the emulator (real jsforce)', () => {
  it('an expired session fails with INVALID_SESSION_ID, the hook says refresh; concurrent refreshes make one token request; the replay works', async () => {
    emulator = await startSalesforceEmulator({ auth: { apps: [{ clientId: 'CID', clientSecret: 'CS' }], users: [{ username: 'api@acme.com' }], refreshTokens: ['R0'], rotateRefreshTokens: true } });
    const rotated: string[] = [];
    const adapter = salesforceAdapter({ loginUrl: emulator.url, auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'CS', refreshToken: 'R0' }, onTokens: (t) => void (t.refreshToken && rotated.push(t.refreshToken)) });
    const ctx = countingCallContext();
    await adapter.describe(ctx);
    expect(oauthCalls(emulator)).toBe(1);
    emulator.expireSessions();
    const failures = await Promise.all([1, 2, 3].map(() => adapter.lookup(request, ctx).catch((e: unknown) => e)));
    for (const failure of failures) expect(adapter.classifyError?.(failure)).toMatchObject({ refreshSession: true });
    await Promise.all(failures.map(() => adapter.refreshSession()));
    expect(oauthCalls(emulator)).toBe(2);
    await expect(adapter.lookup(request, ctx)).resolves.toMatchObject({ contacts: [] });
    // Rotation: each refresh used the newest refresh token (jsforce alone would resend R0 and fail).
    emulator.expireSessions();
    await adapter.refreshSession();
    expect(rotated).toEqual(emulator.issuedRefreshTokens.slice(0, 3));
    expect(rotated).toHaveLength(3);
  });

  it('through the engine: sessions ended after every batch are refreshed once each (rotating tokens) and the sample lands in full', async () => {
    emulator = await startSalesforceEmulator({ auth: { apps: [{ clientId: 'CID', clientSecret: 'CS' }], users: [{ username: 'api@acme.com' }], refreshTokens: ['R0'], rotateRefreshTokens: true } });
    const e = emulator;
    const crm = salesforceAdapter({ loginUrl: e.url, auth: { flow: 'refresh_token', clientId: 'CID', clientSecret: 'CS', refreshToken: 'R0' } });
    const sync = createSync({ ...DEMO_SETTINGS, batchSize: 100, source: jsonlSource({ path: SAMPLE }), crm });
    sync.on('batchDone', () => e.expireSessions());
    const report = await sync.run();
    await sync.close();
    expect(report).toMatchObject({ batches: 5, deadLettered: 0 });
    const local = localCrmAdapter();
    await runSample(local, undefined, 100);
    expect(landedSalesforce(e)).toEqual(landedLocal(local.snapshot()));
    // One login, then one refresh for each of the 4 batches that met an ended session.
    expect(oauthCalls(e)).toBe(5);
  });

  it('the job config with tokenFile: rotated refresh tokens are saved (mode 0600) and used by the next run', async () => {
    emulator = await startSalesforceEmulator({ auth: { apps: [{ clientId: 'CID' }], users: [{ username: 'api@acme.com' }], refreshTokens: ['R0'], rotateRefreshTokens: true } });
    const dir = mkdtempSync(join(tmpdir(), 'sf-tokens-'));
    try {
      const tokenFile = join(dir, 'tokens.json');
      const config = parseSalesforceConfig({ type: 'salesforce', loginUrl: emulator.url, tokenFile, auth: { flow: 'refresh_token', clientId: 'CID', refreshToken: 'R0' } });
      await salesforceAdapterFromConfig(config).describe(countingCallContext());
      const saved = readTokenFile(tokenFile);
      expect(saved?.refreshToken).toBe(emulator.issuedRefreshTokens[0]);
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      // R0 is revoked now: the second run must start from the saved token.
      await salesforceAdapterFromConfig(config).describe(countingCallContext());
      expect(readTokenFile(tokenFile)?.refreshToken).toBe(emulator.issuedRefreshTokens[1]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('jwt and password flows log in against the emulator', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    emulator = await startSalesforceEmulator({
      auth: { apps: [{ clientId: 'CID', clientSecret: 'CS', jwtPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() }], users: [{ username: 'api@acme.com', password: 'pw', securityToken: 'TOK' }] },
    });
    const url = emulator.url;
    const jwt = salesforceAdapter({ loginUrl: url, auth: { flow: 'jwt', clientId: 'CID', username: 'api@acme.com', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() } });
    await expect(jwt.describe(countingCallContext())).resolves.toMatchObject({ name: 'salesforce' });
    const password = salesforceAdapter({ loginUrl: url, auth: { flow: 'password', username: 'api@acme.com', password: 'pw', securityToken: 'TOK', clientId: 'CID', clientSecret: 'CS' } });
    await expect(password.describe(countingCallContext())).resolves.toMatchObject({ name: 'salesforce' });
    const wrong = salesforceAdapter({ loginUrl: url, auth: { flow: 'password', username: 'api@acme.com', password: 'nope', clientId: 'CID', clientSecret: 'CS' } });
    const error = (await wrong.describe(countingCallContext()).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/password flow/);
    expect(error.message).not.toContain('nope');
  });
});
