import { describe, expect, it } from 'vitest';
import { compileKeywords } from '../../src/triage/keywords.js';

describe('compileKeywords', () => {
  const match = compileKeywords(['refund', 'charged twice', 'C++', 'déjà vu']);

  it('matches whole words case-insensitively', () => {
    expect(match('I want a REFUND!')).toBe('refund');
    expect(match('#refund now')).toBe('refund');
    expect(match('refunds are slow')).toBeUndefined();
    expect(match('nonrefund')).toBeUndefined();
  });

  it('matches phrases across any whitespace', () => {
    expect(match('I was Charged\n  twice')).toBe('charged twice');
    expect(match('charged thrice')).toBeUndefined();
  });

  it('escapes regex characters and handles non-ASCII words', () => {
    expect(match('I love c++ a lot')).toBe('C++');
    expect(match('DÉJÀ VU again')).toBe('déjà vu');
  });

  it('returns the first keyword in list order', () => {
    expect(match('charged twice, want refund')).toBe('refund');
  });

  it('never matches with no keywords', () => {
    expect(compileKeywords([])('anything')).toBeUndefined();
    expect(compileKeywords(['  '])('  ')).toBeUndefined();
  });
});
