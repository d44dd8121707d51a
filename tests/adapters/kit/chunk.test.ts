import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkBy, jsonBytes, uriComponentBytes } from '../../../src/adapters/kit/index.js';

describe('chunkBy', () => {
  it('splits by count: Salesforce collections of 200', () => {
    const items = Array.from({ length: 450 }, (_, i) => i);
    const { chunks, oversized } = chunkBy(items, { maxCount: 200 });
    expect(chunks.map((c) => c.length)).toEqual([200, 200, 50]);
    expect(oversized).toEqual([]);
  });

  it('splits by encoded size: an IN list within a query URI, separators and overhead counted', () => {
    const ids = ['aaaa', 'bbbb', 'cccc', 'dddd'];
    // overhead 10 + 4 + 3 + 4 = 21 for two items; a third would take 28 > 25.
    const { chunks } = chunkBy(ids, { maxCount: 100, maxBytes: 25, sizeOf: (s) => s.length, overheadBytes: 10, separatorBytes: 3 });
    expect(chunks).toEqual([
      ['aaaa', 'bbbb'],
      ['cccc', 'dddd'],
    ]);
  });

  it('reports an item too big for any request instead of sending it', () => {
    const items = ['ok', 'x'.repeat(50), 'fine'];
    const { chunks, oversized } = chunkBy(items, { maxCount: 10, maxBytes: 20, sizeOf: (s) => s.length, overheadBytes: 5 });
    expect(chunks).toEqual([['ok', 'fine']]);
    expect(oversized).toEqual([{ item: items[1], index: 1, bytes: 55 }]);
  });

  it('sizes items by their JSON in UTF-8 by default', () => {
    const { chunks } = chunkBy(['é', 'é', 'é'], { maxCount: 10, maxBytes: 8 });
    expect(jsonBytes('é')).toBe(4);
    expect(chunks).toEqual([['é', 'é'], ['é']]);
  });

  it('refuses limits that cannot be met', () => {
    expect(() => chunkBy([1], { maxCount: 0 })).toThrow(/maxCount/);
    expect(() => chunkBy([1], { maxCount: 1.5 })).toThrow(/maxCount/);
    expect(() => chunkBy([1], { maxCount: 1, maxBytes: -1 })).toThrow(/maxBytes/);
  });

  it('property: every item exactly once in order; each chunk within both limits; only items too big alone are left out', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 60 }), { maxLength: 80 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 120 }),
        fc.nat({ max: 15 }),
        fc.nat({ max: 4 }),
        (sizes, maxCount, maxBytes, overheadBytes, separatorBytes) => {
          const items = sizes.map((size, id) => ({ id, size }));
          const { chunks, oversized } = chunkBy(items, { maxCount, maxBytes, sizeOf: (i) => i.size, overheadBytes, separatorBytes });
          const sent = chunks.flat();
          const left = new Set(oversized.map((o) => o.item.id));
          expect(sent.map((i) => i.id)).toEqual(items.filter((i) => !left.has(i.id)).map((i) => i.id));
          for (const o of oversized) {
            expect(o.bytes).toBe(overheadBytes + o.item.size);
            expect(o.bytes).toBeGreaterThan(maxBytes);
            expect(items[o.index]).toBe(o.item);
          }
          for (const chunk of chunks) {
            expect(chunk.length).toBeGreaterThan(0);
            expect(chunk.length).toBeLessThanOrEqual(maxCount);
            const bytes = overheadBytes + chunk.reduce((n, i) => n + i.size, 0) + separatorBytes * (chunk.length - 1);
            expect(bytes).toBeLessThanOrEqual(maxBytes);
          }
          for (const item of sent) expect(overheadBytes + item.size).toBeLessThanOrEqual(maxBytes);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('uriComponentBytes matches encodeURIComponent and survives lone surrogates', () => {
    for (const text of ["Ada 'L' (x)", 'Zoë 🌍', "O'Brien & co/?=", '']) {
      expect(uriComponentBytes(text)).toBe(encodeURIComponent(text).length);
    }
    expect(uriComponentBytes('a\uD800')).toBe(1 + 9);
  });
});
