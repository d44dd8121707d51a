import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceError } from '../../../src/errors.js';
import { encodeCursor, parseCursor } from '../../../src/sources/jsonl/cursor.js';

describe('jsonl cursor', () => {
  it('encodes as b=<byte>;l=<line>', () => {
    expect(encodeCursor({ byte: 12345, line: 678 })).toBe('b=12345;l=678');
  });

  it('round-trips any position', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 }), (a, b) => {
        const position = { byte: Math.max(a, b), line: Math.min(a, b) };
        expect(parseCursor(encodeCursor(position))).toEqual(position);
      }),
    );
  });

  it.each(['', 'b=1', 'b=-1;l=0', 'b=1.5;l=0', 'l=0;b=1', 'b=1;l=0;x', ' b=1;l=0', 'b=2;l=3', 'b=99999999999999999;l=0', '{"b":1}'])(
    'rejects malformed cursor %j with a SourceError naming it',
    (cursor) => {
      let caught: unknown;
      try {
        parseCursor(cursor);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SourceError);
      expect((caught as SourceError).message).toContain(JSON.stringify(cursor));
      expect((caught as SourceError).details.field).toBe('cursor');
    },
  );
});
