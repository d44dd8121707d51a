/**
 * A supervisor's restart: kill -9 of the job's process group mid-run, then start it again at once,
 * 20 times. The killed job is left a zombie (its parent never reaps, as under a container's PID 1
 * that does not), so a lock that counted a zombie as alive would refuse every restart with exit 2.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_BRANDS, writePostsJsonl } from '../../bench/generate-posts.js';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { crmContent, readCrmFile, type CrmFile } from './crm-content.js';
import { jobArgs, lastJson, ROOT, runJob, tempDir, writeConfig } from './run-job.js';

const POSTS = 4000;
const BATCH = 40;
const ROUNDS = 20;
const brand = { handles: SYNTHETIC_BRANDS.map((b) => b.handle), ids: SYNTHETIC_BRANDS.map((b) => b.id) };

/** Parents (`sleep`) that keep the killed jobs as zombies; killed after the test. */
const reapers: number[] = [];
afterAll(() => {
  for (const pid of reapers) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * Starts the job in its own process group under a parent that never reaps it; once the job has
 * reported `batches` more batches (and `delayMs`), SIGKILLs the job's process group. Resolves with
 * how the job ended: `killed`, finished (0), or refused / failed (2, with its words).
 */
function runAndKillGroup(args: readonly string[], batches: number, delayMs: number): Promise<{ killed: boolean; status: number | null; stderr: string }> {
  const command = [process.execPath, ...jobArgs(args)].map((a) => JSON.stringify(a)).join(' ');
  const sh = spawn('sh', ['-c', `setsid ${command} 1>&2 & echo "pid $!" >&2; exec sleep 600`], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  if (sh.pid !== undefined) reapers.push(sh.pid);
  return new Promise((done, fail) => {
    let err = '';
    let killing = false;
    sh.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      // The parent never reaps (no exit status): the job's own words say how it ended.
      if (!killing && /in use by another process|Error/.test(err)) done({ killed: false, status: 2, stderr: err });
      if (!killing && err.includes('Sync finished.')) done({ killed: false, status: 0, stderr: err });
      const pid = Number(/pid (\d+)/.exec(err)?.[1] ?? 0);
      if (!killing && pid > 0 && (err.match(/batch \d+:/g)?.length ?? 0) >= batches) {
        killing = true;
        setTimeout(() => {
          process.kill(-pid, 'SIGKILL');
          done({ killed: true, status: null, stderr: err });
        }, delayMs);
      }
    });
    sh.on('error', fail);
  });
}

describe.each([
  ['file', (dir: string) => ({ type: 'file', path: join(dir, 'state.json') })],
  ['sqlite', (dir: string) => ({ type: 'sqlite', path: join(dir, 'state.db') })],
] as const)('the sync job (%s state) restarted at once after kill -9 of its process group', (_kind, stateOf) => {
  const dir = tempDir('kill9-restart');
  const input = join(dir, 'posts.jsonl');
  let reference: ReturnType<typeof crmContent>;

  beforeAll(async () => {
    await writePostsJsonl(input, POSTS, 11);
    const crm = localCrmAdapter();
    await createSync({ source: jsonlSource({ path: input }), crm, state: memoryStateStore(), brand, batchSize: BATCH }).run();
    reference = crmContent(crm.snapshot() as unknown as CrmFile);
  }, 60_000);

  it(`is never refused, loses nothing and writes nothing twice (${ROUNDS} kills)`, async () => {
    const config = writeConfig(dir, {
      source: { type: 'jsonl', path: input },
      crm: { type: 'local', path: join(dir, 'crm.json') },
      state: stateOf(dir),
      brand,
      batchSize: BATCH,
    });
    let kills = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const run = await runAndKillGroup(['--config', config], 1 + (round % 3), (round * 7) % 23);
      expect(run.status === null || run.status === 0, `round ${round} ended with exit ${run.status}: ${run.stderr}`).toBe(true);
      if (run.killed) kills += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(ROUNDS - 2);
    const finish = runJob(['--config', config, '--json']);
    expect(finish.status, finish.stderr).toBe(0);
    expect(lastJson(finish)).toMatchObject({ deadLettered: 0 });
    const crm = readCrmFile(join(dir, 'crm.json'));
    const ids = [...crm.cases, ...crm.comments].map((r) => r.externalPostId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(crmContent(crm)).toEqual(reference);
  }, 300_000);
});
