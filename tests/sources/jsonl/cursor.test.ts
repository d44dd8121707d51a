import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SourceError } from '../../../src/errors.js';
import { encodeCursor, parseCursor } from '../../../src/sources/jsonl/cursor.js';

describe('jsonl cursor', () => {
  it('encodes as b=<byte>;l=<line>;h=<fingerprint>', () => {
    expect(encodeCursor({ byte: 12345, line: 678, fingerprint: '0123456789abcdef' })).toBe('b=12345;l=678;h=0123456789abcdef');
  });

  it('encodes a position without fingerprint in the old b=<byte>;l=<line> form, and reads that form', () => {
    expect(encodeCursor({ byte: 12345, line: 678 })).toBe('b=12345;l=678');
    expect(parseCursor('b=12345;l=678')).toStrictEqual({ byte: 12345, line: 678 });
  });

  it('round-trips any position, with or without fingerprint', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.nat({ max: 2 ** 40 }), fc.option(fc.stringMatching(/^[0-9a-f]{16}$/), { nil: undefined }), (a, b, fingerprint) => {
        const position = { byte: Math.max(a, b), line: Math.min(a, b) };
        const cursor = fingerprint === undefined ? position : { ...position, fingerprint };
        expect(parseCursor(encodeCursor(cursor))).toStrictEqual(cursor);
      }),
    );
  });

  it.each(['', 'b=1', 'b=-1;l=0', 'b=1.5;l=0', 'l=0;b=1', 'b=1;l=0;x', ' b=1;l=0', 'b=2;l=3', 'b=99999999999999999;l=0', '{"b":1}', 'b=1;l=0;h=', 'b=1;l=0;h=0123456789abcde', 'b=1;l=0;h=0123456789abcdef0', 'b=1;l=0;h=0123456789ABCDEF', 'b=1;l=0;h=0123456789abcdeg', 'h=0123456789abcdef;b=1;l=0', 'b=1;l=0;h=0123456789abcdef;'])(
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
