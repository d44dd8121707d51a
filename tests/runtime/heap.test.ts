import { describe, expect, it } from 'vitest';
import { heapGrowthSetByUser } from '../../src/runtime/heap.js';

describe('the sync job heap setting', () => {
  it("leaves a heap growth the user set (command line or NODE_OPTIONS) alone, and only that", () => {
    expect(heapGrowthSetByUser(['--heap-growing-percent=20'], '')).toBe(true);
    expect(heapGrowthSetByUser([], '--max-old-space-size=512 --heap_growing_percent=30')).toBe(true);
    expect(heapGrowthSetByUser(['--max-old-space-size=512'], '--enable-source-maps')).toBe(false);
    expect(heapGrowthSetByUser([], '')).toBe(false);
  });
});
