import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';
import { startKillProxy, type KillPoint, type KillProxy } from './kill-proxy.js';
import { ROOT, landedLocal, landedSalesforce, landedSocial, runSample } from './sample-parity.js';

const CHILD = join(import.meta.dirname, 'fixtures/sync-child.ts');

/** Runs the job process; with `point`, the proxy SIGKILLs it there. Resolves with how it ended. */
function runJob(proxy: KillProxy, accessToken: string, statePath: string, point?: KillPoint): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, proxy.url, statePath, accessToken, '40'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.arm(child.pid, point);
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      proxy.arm(undefined);
      resolve({ code, signal, out, err });
    });
  });
}

describe('kill -9 of the sync job against the emulated org, then reruns', () => {
  let emulator: SalesforceEmulator;
  let proxy: KillProxy;
  const dir = mkdtempSync(join(tmpdir(), 'sf-kill9-'));
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
    proxy = await startKillProxy(emulator.url);
  });
  afterAll(async () => {
    await proxy.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed right after Composite writes (reply lost) and after a lookup: nothing twice, nothing missing', async () => {
    const statePath = join(dir, 'state.json');
    const points: KillPoint[] = [
      { after: 'write', nth: 1 },
      { after: 'read', nth: 3 },
      { after: 'write', nth: 2 },
      { after: 'write', nth: 3 },
      { after: 'write', nth: 4 }, // with social objects on: between a batch's Case writes and its SocialPost round
      { after: 'write', nth: 1, carrying: '"type":"CaseComment"' }, // a comment landed, its SocialPost round never ran
      { after: 'write', nth: 2, carrying: '"type":"CaseComment"' },
    ];
    for (const point of points) {
      const run = await runJob(proxy, emulator.accessToken, statePath, point);
      expect(run.signal, `${JSON.stringify(point)}: ${run.err}`).toBe('SIGKILL');
    }
    const last = await runJob(proxy, emulator.accessToken, statePath);
    expect(last.code, last.err).toBe(0);
    expect(last.out).toMatch(/^done/m);

    const local = localCrmAdapter();
    await runSample(local, undefined, 40);
    const expected = landedLocal(local.snapshot());
    const landed = landedSalesforce(emulator);
    expect(landed.contacts).toEqual(expected.contacts);
    expect(landed.cases).toEqual(expected.cases);
    expect(landed.comments).toEqual(expected.comments);
    // Social objects on (the emulated org has them; mode auto): no SocialPost or SocialPersona twice, every Case has its SocialPost.
    const social = landedSocial(emulator);
    expect(social.posts.length).toBeGreaterThan(0);
    expect(new Set(social.posts).size, `a SocialPost twice: ${social.posts.join(' ')}`).toBe(social.posts.length);
    expect(new Set(social.personas).size, 'a SocialPersona twice').toBe(social.personas.length);
    expect(social.casesWithoutPost).toEqual([]);
    expect(social.orphanPosts).toEqual([]);
    const postKeys = new Set([...expected.cases.map((c) => c.split(' ')[0] ?? ''), ...expected.comments.map((c) => c.split(' <- ')[1] ?? '')].map((k) => k.replace(/^twitter:/, 'Twitter:')));
    expect(social.posts.filter((p) => !postKeys.has(p))).toEqual([]);
    // Every comment has exactly one SocialPost, outbound exactly for the brand's replies.
    const commentKeys = expected.comments.map((c) => (c.split(' <- ')[1] ?? '').replace(/^twitter:/, 'Twitter:'));
    expect(commentKeys.filter((k) => !social.posts.includes(k)), 'a comment without its SocialPost').toEqual([]);
    expect(social.outbound).toBe(local.snapshot().comments.filter((m) => m.outbound).length);
    // An inbound comment's SocialPost names its author: PersonaId (a SocialPersona of the same handle) and Handle.
    const personas = new Map(emulator.records('SocialPersona').map((p) => [String(p.Id), String(p['Name'])]));
    const inboundOfComments = emulator.records('SocialPost').filter((p) => p['IsOutbound'] !== true && commentKeys.includes(`${String(p['Provider'])}:${String(p['ExternalPostId'])}`));
    expect(inboundOfComments.length).toBeGreaterThan(0);
    expect(inboundOfComments.filter((p) => typeof p['Handle'] !== 'string' || personas.get(String(p['PersonaId'])) !== p['Handle']).map((p) => p['ExternalPostId'])).toEqual([]);
  }, 240_000);
});
