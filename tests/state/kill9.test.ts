import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileStateStore } from '../../src/state/index.js';
import { runAndKill } from '../fixtures/run-and-kill.js';

const dir = mkdtempSync(join(tmpdir(), 'state-kill9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fileStateStore under kill -9', () => {
  it('loads after every kill with every reported commit complete and nothing half-written', async () => {
    const path = join(dir, 'state.json');
    let reported = 0;
    const delays = [20, 150, 60, 300];
    for (const [round, delay] of delays.entries()) {
      const run = await runAndKill(['state', path, round % 2 === 0 ? 'flush' : 'fsync', '16384'], delay + Math.random() * 80);
      reported = Math.max(reported, run.lastCommitted);
      const store = fileStateStore({ path });
      const checkpoint = Number(await store.getCheckpoint('s'));
      expect(checkpoint).toBeGreaterThanOrEqual(reported);
      expect(checkpoint).toBeGreaterThan(0);
      const ids = Array.from({ length: checkpoint + 1 }, (_, i) => i + 1);
      const posts = await store.getPosts(ids.flatMap((i) => [`p${i}a`, `p${i}b`]));
      const identities = await store.getIdentities(ids.map((i) => `u${i}`));
      expect(posts.size).toBe(2 * checkpoint);
      expect(identities.size).toBe(checkpoint);
      expect(posts.has(`p${checkpoint + 1}a`)).toBe(false);
      // Dead letters are appended on replay: a commit applied twice would show as a duplicate.
      expect((await store.listDeadLetters()).map((d) => d.postId)).toEqual(ids.slice(0, checkpoint).map((i) => `d${i}`));
      await store.close();
      reported = checkpoint;
    }
  });
});
