/**
 * Character tests on UTF-16 code units for the hand-written scanners of the text hot path. Each one
 * states which regular-expression class it stands for; tests/mapping/char-classes.test.ts checks
 * every one against that class over all code units (or code points).
 */

/** `\s` (and what `String.prototype.trim` removes): WhiteSpace and LineTerminator, all in the BMP. */
export function isJsWhitespace(unit: number): boolean {
  if (unit <= 0x20) return unit === 0x20 || (unit >= 0x09 && unit <= 0x0d);
  if (unit < 0xa0) return false;
  return (
    unit === 0xa0 ||
    unit === 0x1680 ||
    (unit >= 0x2000 && unit <= 0x200a) ||
    unit === 0x2028 ||
    unit === 0x2029 ||
    unit === 0x202f ||
    unit === 0x205f ||
    unit === 0x3000 ||
    unit === 0xfeff
  );
}

/** `[A-Za-z0-9_]`: the ASCII part of `[\p{L}\p{N}_]` (and of `\w`). */
export function isAsciiWordChar(unit: number): boolean {
  return (unit >= 0x61 && unit <= 0x7a) || (unit >= 0x41 && unit <= 0x5a) || (unit >= 0x30 && unit <= 0x39) || unit === 0x5f;
}

/**
 * `\w` of a regular expression with both the `i` and `u` flags (so also `\b` there): ASCII word
 * characters plus U+017F LATIN SMALL LETTER LONG S and U+212A KELVIN SIGN, which case-fold to `s`
 * and `k`. No other code point is one.
 */
export function isWordCharIgnoreCaseUnicode(unit: number): boolean {
  return isAsciiWordChar(unit) || unit === 0x17f || unit === 0x212a;
}

/** A UTF-16 high (leading) surrogate. */
export function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** A UTF-16 low (trailing) surrogate. */
export function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
