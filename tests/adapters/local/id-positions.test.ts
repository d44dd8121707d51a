import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCounter, IdPositions } from '../../../src/adapters/local/id-positions.js';

const id = fc.oneof(
  fc.nat({ max: 5_000 }).map((n) => `500${String(n).padStart(12, '0')}`),
  fc.nat({ max: 5_000 }).map((n) => `500${String(n).padStart(13, '0')}`),
  fc.nat({ max: 99 }).map((n) => `003${String(n).padStart(12, '0')}`),
  fc.constantFrom('500999999999999', '500000000000000', '50000000000001x', '5000000000000１', 'x', '500'),
  fc.string(),
);

describe('IdPositions', () => {
  it('answers as a Map of id to position would (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(id), fc.array(id), (ids, probes) => {
        const positions = new IdPositions('500');
        const reference = new Map<string, number>();
        ids.forEach((value, at) => {
          positions.set(value, at);
          reference.set(value, at);
        });
        for (const probe of [...ids, ...probes]) expect(positions.get(probe)).toBe(reference.get(probe));
      }),
    );
  });

  it('reads the counter of canonical ids only', () => {
    expect(canonicalCounter('500000000000042', '500')).toBe(42);
    expect(canonicalCounter('5000000000000042', '500')).toBe(-1);
    expect(canonicalCounter('003000000000042', '500')).toBe(-1);
    expect(canonicalCounter('50000000000004a', '500')).toBe(-1);
  });
});
