/**
 * kill -9 against the Sugar emulator: a sync (its own process, file state) is SIGKILLed right after a
 * bulk write was applied, after a batch's writes but before its state commit, and after a commit;
 * the rerun finishes, and Sugar then holds every post exactly once, the same data as an unbroken run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSugarEmulator, type SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { seedFromLocalCrm } from '../../emulators/sugarcrm/seed-local.js';
import { ROOT, SAMPLE, SEED } from './sample-sync.js';

const CHILD = fileURLToPath(new URL('./kill9-child.ts', import.meta.url));

/** Runs the child (asynchronously: the emulator lives in this process). */
function runChild(url: string, statePath: string, point: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, url, statePath, SAMPLE, point], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const guard = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stderr });
    });
  });
}

/** What Sugar holds, by external ids only. */
function picture(emulator: SugarEmulator) {
  const rows = (module: string) => [...emulator.records.table(module).values()];
  const owner = new Map(rows('Contacts').map((c) => [String(c['id']), String(c['social_author_id_c'] ?? c['id'])]));
  return {
    cases: rows('Cases').map((c) => `${String(c['social_post_id_c'])}|${String(c['social_thread_key_c'])}|${String(c['status'])}|${owner.get(String(c['primary_contact_id']))}`).sort(),
    notes: rows('Notes').map((n) => `${String(n['social_post_id_c'])}|${String(n['parent_id'])}`).sort(),
    contacts: [...owner.values()].sort(),
  };
}

async function seeded(): Promise<SugarEmulator> {
  const emulator = await startSugarEmulator();
  seedFromLocalCrm(emulator, SEED);
  return emulator;
}

describe('kill -9 while syncing into SugarCRM', () => {
  let dir: string;
  let expected: ReturnType<typeof picture>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sugar-kill9-'));
    const clean = await seeded();
    const run = await runChild(clean.url, join(dir, 'clean.json'), 'none');
    expect(run.code, run.stderr).toBe(0);
    expected = picture(clean);
    await clean.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const point of ['bulk:1', 'bulk:9', 'crm-written:2', 'state-written:3']) {
    it(`killed at ${point}, rerun: nothing twice, nothing missing`, async () => {
      const emulator = await seeded();
      try {
        const statePath = join(dir, `${point.replace(':', '-')}.json`);
        const killed = await runChild(emulator.url, statePath, point);
        expect(killed.signal, killed.stderr).toBe('SIGKILL');
        const partial = picture(emulator);
        expect(partial.cases.length).toBeLessThan(expected.cases.length);
        const rerun = await runChild(emulator.url, statePath, 'none');
        expect(rerun.code, rerun.stderr).toBe(0);
        const after = picture(emulator);
        expect(after.cases).toEqual(expected.cases);
        expect(after.notes.length).toBe(expected.notes.length);
        expect(new Set(after.notes.map((n) => n.split('|')[0])).size).toBe(after.notes.length);
        expect(after.contacts).toEqual(expected.contacts);
      } finally {
        await emulator.close();
      }
    }, 120_000);
  }
});
