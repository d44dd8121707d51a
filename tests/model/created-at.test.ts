import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeDateTime, normalizeDateTimeReference } from '../../src/model/field-rules.js';
import { accepted, postInput, rejection } from './helpers.js';

const MESSAGE = 'Invalid post 1: createdAt: must be an ISO 8601 date-time with a time zone, e.g. 2026-11-01T10:00:00Z';

describe('createdAt', () => {
  it.each([
    ['2026-11-01T10:00:00Z', '2026-11-01T10:00:00.000Z'],
    ['2026-11-01T10:00:00.123Z', '2026-11-01T10:00:00.123Z'],
    ['2026-11-01T10:00:00.123456789Z', '2026-11-01T10:00:00.123Z'],
    ['2026-11-01T10:00Z', '2026-11-01T10:00:00.000Z'],
    ['2026-11-01T12:00:00+02:00', '2026-11-01T10:00:00.000Z'],
    ['2026-11-01T05:30:00-04:30', '2026-11-01T10:00:00.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
  ])('accepts %s as %s', (createdAt, want) => {
    expect(accepted(postInput({ createdAt })).createdAt).toBe(want);
  });

  it.each([
    '2026-02-30T10:00:00Z', // no 30 February
    '2025-02-29T10:00:00Z', // not a leap year
    '1900-02-29T10:00:00Z', // not a leap year either
    '2026-04-31T10:00:00Z',
    '2026-13-01T10:00:00Z',
    '2026-00-10T10:00:00Z',
    '2026-11-00T10:00:00Z',
    '2026-11-01T25:00:00Z',
    '2026-11-01T24:00:00Z',
    '2026-11-01T10:60:00Z',
    '2026-11-01T10:00:60Z',
    '2026-11-01T10:00:00+24:00',
    '2026-11-01T10:00:00+02:60',
    '2026-11-01T10:00:00', // no time zone: would be read in the machine's local time
    '2026-11-01T10:00:00.000',
    '2026-11-01T10:00',
    '2026-11-01T10:00:00+0200',
    '2026-11-01T10:00:00+02',
    '2026-11-01 10:00:00Z',
    '2026-11-01',
    '2026-11-01T10:00:00Z ',
    'Sun, 01 Nov 2026 10:00:00 GMT',
    'yesterday',
    '',
  ])('rejects %j, saying what is expected', (createdAt) => {
    expect(rejection(postInput({ createdAt }))).toEqual({ field: 'createdAt', message: MESSAGE });
  });
});

describe('createdAt fast path (already in toISOString() form)', () => {
  const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
  /** `YYYY-MM-DDTHH:MM:SS.sssZ` with every part anywhere in its digits' range (most of them invalid dates). */
  const canonicalShape = fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), digits(3))
    .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
  /** Plausible parts: real months, days up to 31, Feb 29 of any year, 23:59:59 and leap second 60. */
  const nearValid = fc
    .tuple(
      fc.oneof(digits(4), fc.constantFrom('0000', '1900', '2000', '2024', '2025', '2100', '2400', '9999')),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.constantFrom('00', '23', '24', '12'),
      fc.constantFrom('00', '59', '60'),
      fc.constantFrom('00', '59', '60', '61'),
      fc.constantFrom('000', '999', '123'),
      fc.constantFrom('Z', 'Z', 'Z', '+00:00', '-05:30', '+14:00', '', 'z'),
    )
    .map(([y, mo, d, h, mi, s, ms, tz]) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${h}:${mi}:${s}.${ms}${tz}`);
  const realDates = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }).map((d) => d.toISOString());
  /** One character of a canonical value replaced (a non-digit, a non-ASCII digit, a wrong separator). */
  const mutated = fc
    .tuple(realDates, fc.nat({ max: 23 }), fc.constantFrom('x', ' ', '-', ':', '.', 'T', 'Z', '٣', '０', '/', '+'))
    .map(([v, at, ch]) => `${v.slice(0, at)}${ch}${v.slice(at + 1)}`);

  it('answers exactly what the general rule answers, for valid and invalid dates of that shape and near it', () => {
    fc.assert(
      fc.property(fc.oneof(canonicalShape, nearValid, realDates, mutated, fc.string({ maxLength: 30 })), (value) => {
        expect(normalizeDateTime(value), value).toBe(normalizeDateTimeReference(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ['2024-02-29T00:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T12:00:00.000Z', '2000-02-29T12:00:00.000Z'],
    ['0000-02-29T00:00:00.000Z', '0000-02-29T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['1900-02-29T00:00:00.000Z', undefined],
    ['2025-02-29T00:00:00.000Z', undefined],
    ['2026-04-31T00:00:00.000Z', undefined],
    ['2026-12-31T23:59:60.000Z', undefined], // no leap second
    ['2026-11-01T24:00:00.000Z', undefined],
    ['2026-11-01T10:00:00.000z', undefined],
  ])('%s → %s', (value, want) => {
    expect(normalizeDateTime(value)).toBe(want);
    expect(normalizeDateTimeReference(value)).toBe(want);
  });
});
