/**
 * The sync job (`social-crm-sync`, in process so the emulator can answer) with `crm.type: sugarcrm`
 * on the bundled sample: the same report as the local demo; `--check` ready / not ready; `--dry-run`
 * writes nothing; an unregistered platform is exit 2 with what to register where.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../src/cli/io.js';
import { runCli } from '../../../src/cli/run.js';
import { defaultModuleDefs, startSugarEmulator, type SugarEmulator, type SugarEmulatorOptions } from '../../emulators/sugarcrm/index.js';
import { seedFromLocalCrm } from '../../emulators/sugarcrm/seed-local.js';
import { DEMO_SETTINGS, SAMPLE, SEED } from './sample-sync.js';

/** The demo's exact counts (tests/e2e/demo-job.test.ts), which the local adapter gives on the same input. */
const DEMO_COUNTS = { postsRead: 407, duplicates: 3, ignored: 17, casesCreated: 128, casesReopened: 1, commentsAdded: 103, outboundComments: 156, contactsCreated: 65, contactsMatched: 7, contactsUpdated: 4, deadLettered: 0 };

function captured(env: NodeJS.ProcessEnv): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false, env } };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sugar-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(emulator: SugarEmulator, name: string, extra: Record<string, unknown> = {}): string {
  const path = join(dir, `${name}.json`);
  const crm = {
    type: 'sugarcrm',
    baseUrl: emulator.url,
    auth: { username: '${SUGAR_USERNAME}', password: '${SUGAR_PASSWORD}', platform: 'social_sync' },
    statuses: { new: 'New', reopen: 'Reopened', closed: ['Closed'] },
    fields: { caseParent: 'social_parent_case_id_c' },
    ...extra,
  };
  writeFileSync(path, JSON.stringify({ source: { type: 'jsonl', path: SAMPLE }, crm, state: { type: 'file', path: join(dir, `${name}.state.json`) }, ...DEMO_SETTINGS }));
  return path;
}

const ENV = { SUGAR_USERNAME: 'admin', SUGAR_PASSWORD: 'password' };

async function seeded(options: SugarEmulatorOptions = {}): Promise<SugarEmulator> {
  const emulator = await startSugarEmulator({ dropdowns: { case_status_dom: ['New', 'Reopened', 'Closed'] }, ...options });
  seedFromLocalCrm(emulator, SEED);
  return emulator;
}

describe('social-crm-sync with crm.type: sugarcrm', () => {
  it('syncs the sample with the local demo\'s exact counts, then finds everything on a rerun', async () => {
    const emulator = await seeded();
    try {
      const path = config(emulator, 'sync');
      const first = captured(ENV);
      expect(await runCli(['--config', path, '--json'], { io: first.io, signal: new AbortController().signal }), first.err.join('')).toBe(0);
      expect(JSON.parse(first.out.at(-1) ?? '{}')).toMatchObject(DEMO_COUNTS);
      expect(first.out.join('\n') + first.err.join('')).not.toContain('password');
      const cases = emulator.records.table('Cases').size;
      const again = captured(ENV);
      expect(await runCli(['--config', path, '--json'], { io: again.io, signal: new AbortController().signal })).toBe(0);
      expect(JSON.parse(again.out.at(-1) ?? '{}')).toMatchObject({ casesCreated: 0, commentsAdded: 0 });
      expect(emulator.records.table('Cases').size).toBe(cases);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('--dry-run reads through Sugar and writes nothing', async () => {
    const emulator = await seeded();
    try {
      const run = captured(ENV);
      expect(await runCli(['--config', config(emulator, 'dry'), '--dry-run', '--json'], { io: run.io, signal: new AbortController().signal }), run.err.join('')).toBe(0);
      expect(JSON.parse(run.out.at(-1) ?? '{}')).toMatchObject({ casesCreated: 128, dryRun: true });
      expect(emulator.stats.byRoute['POST /bulk']).toBeUndefined();
      expect(emulator.records.table('Cases').size).toBe(8);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('--check: exit 0 when ready, exit 2 naming a missing field', async () => {
    const ready = await seeded();
    const modules = defaultModuleDefs();
    delete modules['Notes']?.['social_post_id_c'];
    const lacking = await seeded({ modules });
    try {
      const ok = captured(ENV);
      expect(await runCli(['--config', config(ready, 'check-ok'), '--check'], { io: ok.io, signal: new AbortController().signal }), ok.out.join('\n')).toBe(0);
      const bad = captured(ENV);
      expect(await runCli(['--config', config(lacking, 'check-bad'), '--check'], { io: bad.io, signal: new AbortController().signal })).toBe(2);
      expect(bad.out.join('\n')).toContain('Notes.social_post_id_c');
      expect(lacking.stats.byRoute['POST /bulk']).toBeUndefined();
    } finally {
      await ready.close();
      await lacking.close();
    }
  }, 60_000);

  it('stops with exit 2 and says what to register when the platform is unknown', async () => {
    const emulator = await seeded({ platforms: ['base'] });
    try {
      const run = captured(ENV);
      expect(await runCli(['--config', config(emulator, 'platform')], { io: run.io, signal: new AbortController().signal })).toBe(2);
      expect(run.err.join('')).toContain('Admin > Configure API Platforms');
      expect(emulator.records.table('Cases').size).toBe(8);
    } finally {
      await emulator.close();
    }
  }, 60_000);

  it('refuses a plain-http instance URL, naming crm.baseUrl', async () => {
    const path = join(dir, 'http.json');
    writeFileSync(path, JSON.stringify({ source: { type: 'jsonl', path: SAMPLE }, crm: { type: 'sugarcrm', baseUrl: 'http://acme.example', auth: { username: 'u', password: '${SUGAR_PASSWORD}' } }, ...DEMO_SETTINGS }));
    const run = captured(ENV);
    expect(await runCli(['--config', path], { io: run.io, signal: new AbortController().signal })).toBe(2);
    expect(run.err.join('')).toContain('crm.baseUrl');
  });
});
