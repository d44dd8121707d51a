import { describe, expect, it } from 'vitest';
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
