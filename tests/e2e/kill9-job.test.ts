import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_BRANDS, writePostsJsonl } from '../../bench/generate-posts.js';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { fileStateStore, memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { lastJson, ROOT, runJob, runJobAndKill, tempDir, writeConfig } from './run-job.js';

const POSTS = 6000;
const BATCH = 50;
const brand = { handles: SYNTHETIC_BRANDS.map((b) => b.handle), ids: SYNTHETIC_BRANDS.map((b) => b.id) };

interface Crm {
  cases: { externalPostId: string | null; contactId: string | null; threadKey: string | null; status: string; parentId: string | null }[];
  contacts: { id: string; socialIds: { id: string }[] }[];
  comments: { externalPostId: string | null; caseId: string; outbound: boolean }[];
}

/** What the CRM holds, keyed by external ids only (CRM ids differ between runs). */
function content(crm: Crm) {
  const owner = new Map(crm.contacts.map((c) => [c.id, c.socialIds.map((s) => s.id).join(',')]));
  return {
    cases: crm.cases.map((c) => `${c.externalPostId}|${c.threadKey}|${c.status}|${owner.get(c.contactId ?? '')}|${c.parentId === null ? '-' : 'parent'}`).sort(),
    comments: crm.comments.map((c) => `${c.externalPostId}|${c.outbound}`).sort(),
    contacts: [...owner.values()].sort(),
  };
}

const DIE_IN_WINDOW = join(ROOT, 'tests/fixtures/die-in-window.ts');

/** Runs the job's setup in a child that SIGKILLs itself at `stage` of its `n`th batch. */
function dieInWindow(config: string, stage: 'crm-written' | 'state-written', n: number): NodeJS.Signals | null {
  const r = spawnSync(process.execPath, ['--import', 'tsx', DIE_IN_WINDOW, config, stage, String(n)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.signal !== 'SIGKILL') throw new Error(`die-in-window exited with ${r.status ?? r.signal}: ${r.stderr}`);
  return r.signal;
}

/** External post ids in the CRM file (snapshot + journal) that the state file has no record of. */
async function crmAheadOfState(dir: string): Promise<number> {
  const crm = localCrmAdapter({ path: join(dir, 'crm.json'), readOnly: true });
  const state = fileStateStore({ path: join(dir, 'state.json'), readOnly: true });
  const db = crm.snapshot();
  const ids = [...db.cases, ...db.comments].flatMap((r) => (r.externalPostId === null ? [] : [r.externalPostId]));
  const known = await state.getPosts(ids);
  await crm.close();
  await state.close();
  return ids.filter((id) => !known.has(id)).length;
}

describe('the sync job under kill -9', () => {
  const dir = tempDir('kill9');
  const input = join(dir, 'posts.jsonl');
  let reference: ReturnType<typeof content>;

  beforeAll(async () => {
    await writePostsJsonl(input, POSTS, 7);
    const crm = localCrmAdapter();
    await createSync({ source: jsonlSource({ path: input }), crm, state: memoryStateStore(), brand, batchSize: BATCH }).run();
    reference = content(crm.snapshot() as unknown as Crm);
  }, 60_000);

  /** A job config syncing the input into a local CRM file and a file state in `folder`. */
  const jobConfig = (folder: string): string =>
    writeConfig(folder, {
      source: { type: 'jsonl', path: input },
      crm: { type: 'local', path: join(folder, 'crm.json') },
      state: { type: 'file', path: join(folder, 'state.json') },
      brand,
      batchSize: BATCH,
    });

  /** Runs the job to the end, then: no external post id twice, and exactly what one uninterrupted run makes. */
  const finishAndExpectReference = (config: string, folder: string): void => {
    const finish = runJob(['--config', config, '--json']);
    expect(finish.status, finish.stderr).toBe(0);
    expect(lastJson(finish)).toMatchObject({ deadLettered: 0 });
    const crm = JSON.parse(readFileSync(join(folder, 'crm.json'), 'utf8')) as Crm;
    const caseIds = crm.cases.map((c) => c.externalPostId);
    expect(new Set(caseIds).size).toBe(caseIds.length);
    const commentIds = crm.comments.map((c) => c.externalPostId);
    expect(new Set(commentIds).size).toBe(commentIds.length);
    const got = content(crm);
    expect(got.cases).toEqual(reference.cases);
    expect(got.comments).toEqual(reference.comments);
    expect(got.contacts).toEqual(reference.contacts);
  };

  it('loses nothing and duplicates nothing when killed mid-run at several points and rerun', async () => {
    const config = jobConfig(dir);
    // Kill after different numbers of batches, with different delays so the kill lands in different stages.
    const plan: [number, number][] = [[2, 0], [9, 3], [17, 1], [30, 7], [44, 2], [60, 11], [75, 0], [90, 5]];
    let kills = 0;
    for (const [afterBatch, delayMs] of plan) {
      const r = await runJobAndKill(['--config', config], afterBatch, delayMs);
      if (r.killed) kills += 1;
    }
    expect(kills).toBeGreaterThanOrEqual(5);
    finishAndExpectReference(config, dir);
  }, 180_000);

  it('loses nothing and duplicates nothing when killed exactly between the CRM write and the state commit', async () => {
    const run = tempDir('kill9-window');
    const config = jobConfig(run);
    // Each run resumes from the last checkpoint and dies in its own nth batch.
    expect(dieInWindow(config, 'crm-written', 3)).toBe('SIGKILL');
    // The window was hit: batch 3 is in the CRM, the state does not know it.
    expect(await crmAheadOfState(run)).toBeGreaterThan(0);
    expect(dieInWindow(config, 'state-written', 4)).toBe('SIGKILL');
    expect(await crmAheadOfState(run)).toBe(0);
    expect(dieInWindow(config, 'crm-written', 1)).toBe('SIGKILL');
    expect(await crmAheadOfState(run)).toBeGreaterThan(0);
    // Redoes the unacknowledged batch (its records are found, nothing to write), commits it, and dies at the next write.
    expect(dieInWindow(config, 'crm-written', 1)).toBe('SIGKILL');
    expect(await crmAheadOfState(run)).toBeGreaterThan(0);
    finishAndExpectReference(config, run);
  }, 180_000);
});
