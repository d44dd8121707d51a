import { describe, expect, it } from 'vitest';
import { goalLine, historyJson, historyTable, type HistoryResult } from '../../bench/history.js';
import type { PipelineResult } from '../../bench/pipeline.js';
import { emptyReport } from '../../src/model/report.js';

const run = (posts: number, seconds: number, cpuSeconds: number): PipelineResult => ({
  posts,
  seconds,
  postsPerSecond: posts / seconds,
  baseRssMb: 50,
  peakRssMb: 100,
  report: emptyReport(false, new Date(0)),
  stateBytes: 0,
  cpuSeconds,
  postsPerCpuSecond: posts / cpuSeconds,
});
const floor = { posts: 1, seconds: 1, postsPerSecond: 80_000, cpuSeconds: 1, postsPerCpuSecond: 80_000 };
const h: HistoryResult = {
  plan: { small: 200_000, large: 1_000_000, authors: 50_000 },
  pinning: { cpu: 0, label: 'pinned to CPU 0 (taskset): one core' },
  small: { engine: run(200_000, 25, 20), floor },
  large: { engine: run(1_000_000, 200, 125), floor },
};

describe('history table', () => {
  it('states posts/s and CPU µs/post at both sizes beside the 30,000 posts/s goal', () => {
    expect(goalLine(h)).toBe(
      '  goal 30,000 posts/s on one core = 33.3 CPU µs/post; engine + SQLite 200,000: 8,000 posts/s, 100.0 CPU µs/post (10,000 posts/CPU-s); 1,000,000: 5,000 posts/s, 125.0 CPU µs/post (8,000 posts/CPU-s)',
    );
    expect(historyTable(h)).toContain(goalLine(h));
    expect(historyJson(h)).toMatchObject({ cpuMicrosPerPost200k: 100, cpuMicrosPerPost1M: 125, goalPostsPerSecond: 30_000 });
  });

  it('says whether the workers ran on one core', () => {
    expect(historyTable(h)[0]).toContain('workers pinned to CPU 0 (taskset): one core');
    expect(historyJson(h).pinnedToOneCore).toBe(1);
    const unpinned: HistoryResult = { ...h, pinning: { cpu: undefined, label: 'not pinned (taskset unavailable): the workers may use every core' } };
    expect(historyJson(unpinned).pinnedToOneCore).toBe(0);
    expect(historyTable(unpinned)[0]).toContain('not pinned');
  });
});
