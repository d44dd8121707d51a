import { describe, expect, it } from 'vitest';
import { isAsciiWordChar, isHighSurrogate, isJsWhitespace, isLowSurrogate, isWordCharIgnoreCaseUnicode } from '../../src/mapping/char-classes.js';

/** Every code unit where `test` and the regular expression disagree (expected: none). */
function disagreements(test: (unit: number) => boolean, re: RegExp, max = 0xffff): number[] {
  const out: number[] = [];
  for (let unit = 0; unit <= max; unit++) if (test(unit) !== re.test(String.fromCharCode(unit))) out.push(unit);
  return out;
}

describe('character classes of the text scanners, checked over every code unit', () => {
  it('isJsWhitespace is \\s (and what trim removes)', () => {
    expect(disagreements(isJsWhitespace, /^\s$/)).toEqual([]);
    const trimDisagrees: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) if (isJsWhitespace(unit) !== (String.fromCharCode(unit).trim() === '')) trimDisagrees.push(unit);
    expect(trimDisagrees).toEqual([]);
  });

  it('isAsciiWordChar is [\\p{L}\\p{N}_] and \\w on ASCII', () => {
    expect(disagreements(isAsciiWordChar, /^[\p{L}\p{N}_]$/u, 0x7f)).toEqual([]);
    expect(disagreements(isAsciiWordChar, /^\w$/, 0x7f)).toEqual([]);
  });

  it('isWordCharIgnoreCaseUnicode is \\w under the i and u flags, for every code point', () => {
    expect(disagreements(isWordCharIgnoreCaseUnicode, /^\w$/iu)).toEqual([]);
    const astral: number[] = [];
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) if (/^\w$/iu.test(String.fromCodePoint(cp))) astral.push(cp);
    expect(astral).toEqual([]);
  });

  it('isWordCharIgnoreCaseUnicode decides \\b under the i and u flags', () => {
    // A boundary before `w` (a word character) exactly when the code unit before it is not one.
    const boundary = /\bw/iuy;
    const wrong: number[] = [];
    for (let unit = 0; unit <= 0xffff; unit++) {
      boundary.lastIndex = 1;
      if (boundary.test(`${String.fromCharCode(unit)}w`) === isWordCharIgnoreCaseUnicode(unit)) wrong.push(unit);
    }
    expect(wrong).toEqual([]);
  });

  it('surrogate tests', () => {
    expect(disagreements(isHighSurrogate, /^[\uD800-\uDBFF]$/)).toEqual([]);
    expect(disagreements(isLowSurrogate, /^[\uDC00-\uDFFF]$/)).toEqual([]);
  });
});
