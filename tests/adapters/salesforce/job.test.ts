import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';
import { jobArgs, lastJson, ROOT, tempDir, writeConfig, type JobRun } from '../../e2e/run-job.js';
import { DEMO_SETTINGS, SAMPLE, landedLocal, landedSalesforce, runSample } from './sample-parity.js';

/** Runs the job without blocking this process (the emulator answers from here). */
function runJobAsync(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<JobRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, jobArgs(args), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(guard);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('the job (social-crm-sync) with crm.type salesforce against the emulator', () => {
  let emulator: SalesforceEmulator;
  const dir = tempDir('sf-job');
  beforeAll(async () => {
    emulator = await startSalesforceEmulator({ auth: { apps: [{ clientId: 'CID', clientSecret: 'CS' }], users: [{ username: 'api@acme.com' }], refreshTokens: ['R0'], rotateRefreshTokens: true } });
  });
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const config = (extra: Record<string, unknown> = {}) =>
    writeConfig(dir, {
      source: { type: 'jsonl', path: SAMPLE },
      crm: {
        type: 'salesforce',
        loginUrl: emulator.url,
        auth: { flow: 'refresh_token', clientId: '${SF_CLIENT_ID}', clientSecret: '${SF_CLIENT_SECRET}', refreshToken: '${SF_REFRESH_TOKEN}' },
        tokenFile: join(dir, 'tokens.json'),
        ...extra,
      },
      state: { type: 'file', path: join(dir, 'state.json') },
      ...DEMO_SETTINGS,
    });
  const env = { SF_CLIENT_ID: 'CID', SF_CLIENT_SECRET: 'CS', SF_REFRESH_TOKEN: 'R0' };

  it('--check says the org is ready (exit 0); a missing field is exit 2 naming it', async () => {
    const ready = await runJobAsync(['--config', config(), '--check'], env);
    expect(ready.status, ready.stderr).toBe(0);
    expect(ready.stdout).toContain('Social_Post_Id__c');
    const wrong = await runJobAsync(['--config', config({ fields: { caseExternalId: 'Missing_Post_Id__c' } }), '--check'], env);
    expect(wrong.status, wrong.stderr).toBe(2);
    expect(wrong.stdout).toContain('Case.Missing_Post_Id__c');
  });

  it('syncs the sample: the same Cases, Contacts and comments as the local adapter; a rerun writes nothing', async () => {
    const run = await runJobAsync(['--config', config(), '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ postsRead: 407, deadLettered: 0 });
    const local = localCrmAdapter();
    await runSample(local);
    expect(landedSalesforce(emulator)).toEqual(landedLocal(local.snapshot()));
    // The refresh token rotated at each login: the token file's newest one is what the rerun uses (R0 is revoked).
    const again = await runJobAsync(['--config', config(), '--json'], env);
    expect(again.status, again.stderr).toBe(0);
    expect(lastJson(again)).toMatchObject({ casesCreated: 0, commentsAdded: 0, contactsCreated: 0 });
  });

  it('a bad secret is exit 2 naming the flow, the secret never printed', async () => {
    const run = await runJobAsync(['--config', config({ tokenFile: join(dir, 'other-tokens.json') })], { ...env, SF_REFRESH_TOKEN: 'WRONG-SECRET-TOKEN' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/refresh_token flow/);
    expect(run.stderr + run.stdout).not.toContain('WRONG-SECRET-TOKEN');
  });
});
