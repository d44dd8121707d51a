import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { heapGrowthSetByUser } from '../../src/runtime/heap.js';

describe('the sync job heap setting', () => {
  it('leaves a heap growth the user set on the command line alone, and only that', () => {
    expect(heapGrowthSetByUser(['--heap-growing-percent=20'])).toBe(true);
    expect(heapGrowthSetByUser(['--heap_growing_percent=30'])).toBe(true);
    expect(heapGrowthSetByUser(['--max-old-space-size=512'])).toBe(false);
    expect(heapGrowthSetByUser([])).toBe(false);
  });

  it('NODE_OPTIONS cannot carry the flag (Node refuses it before our code runs), so the command line is the only place to look', () => {
    const run = spawnSync(process.execPath, ['-e', '0'], { env: { ...process.env, NODE_OPTIONS: '--heap-growing-percent=30' }, encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/not allowed in NODE_OPTIONS/);
  });
});
