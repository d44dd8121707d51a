/**
 * At 30 % injected faults (503 maintenance, 429, proxy 502, connections dropped before a request or
 * after a write was applied) every post of the sample ends in Sugar or in the dead-letter store,
 * nothing twice: the engine retries, deterministic ids make replayed creates answer 422 (found).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryStateStore } from '../../../src/state/index.js';
import type { StateStore } from '../../../src/state/types.js';
import { startSugarEmulator, type SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { seedFromLocalCrm } from '../../emulators/sugarcrm/seed-local.js';
import { adapterFor } from './fixtures.js';
import { SAMPLE, SEED, syncSample } from './sample-sync.js';

const FAST_RETRIES = { retries: 10, minRetryDelayMs: 1, maxRetryDelayMs: 20 };
const postIds = readFileSync(SAMPLE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const p = JSON.parse(l) as { provider: string; id: string };
    return `${p.provider}:${p.id}`;
  });

/** External post ids on Cases and Notes, each with how many records carry it. */
function carried(emulator: SugarEmulator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const module of ['Cases', 'Notes']) {
    for (const row of emulator.records.table(module).values()) {
      const key = row['social_post_id_c'];
      if (typeof key === 'string') counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

describe('30 % injected faults', () => {
  let clean: SugarEmulator;
  let faulty: SugarEmulator;
  let state: StateStore;
  let runs = 0;
  beforeAll(async () => {
    clean = await startSugarEmulator();
    seedFromLocalCrm(clean, SEED);
    await syncSample(adapterFor(clean, { statuses: { new: 'New', reopen: 'Reopened', closed: ['Closed'] } }));
    faulty = await startSugarEmulator({ faultRate: 0.3, seed: 7, retryAfterSeconds: 0 });
    seedFromLocalCrm(faulty, SEED);
    state = memoryStateStore();
    const adapter = adapterFor(faulty, { statuses: { new: 'New', reopen: 'Reopened', closed: ['Closed'] }, bulkSize: 5 });
    for (; runs < 8; runs += 1) {
      try {
        await syncSample(adapter, { state, limits: FAST_RETRIES });
        break;
      } catch {
        // A call that ran out of retries ends the run (exit 3 in the job); the rerun resumes.
      }
    }
  }, 120_000);
  afterAll(async () => {
    await clean.close();
    await faulty.close();
  });

  it('injected faults and still finished', () => {
    expect(faulty.stats.faults).toBeGreaterThan(20);
    expect(faulty.stats.faultsByKind.dropAfterWrite).toBeGreaterThan(0);
    expect(runs).toBeLessThan(8);
  });

  it('puts every post in Sugar or in the dead-letter store, nothing twice', async () => {
    const records = await state.getPosts(postIds);
    const dead = new Set((await state.listDeadLetters()).map((d) => d.postId));
    const inSugar = carried(faulty);
    for (const [key, n] of inSugar) expect(n, key).toBe(1);
    for (const id of new Set(postIds)) {
      const record = records.get(id);
      if (record?.outcome === 'ignored') continue;
      expect(inSugar.has(id) || dead.has(id), `post ${id}: ${JSON.stringify(record)}`).toBe(true);
    }
  });

  it('ends with the same Sugar data as a run without faults', () => {
    expect([...carried(faulty).keys()].sort()).toEqual([...carried(clean).keys()].sort());
    expect(faulty.records.table('Contacts').size).toBe(clean.records.table('Contacts').size);
  });
});
