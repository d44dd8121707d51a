import { isJsWhitespace } from '../mapping/char-classes.js';

/**
 * The tokens the `sentiment` library (5.0.2) reads from a text, in one pass. The library lower-cases
 * the text, turns `\n` and each of `` .,/#!?$%^&*;:{}=_`"~() `` into a space, collapses every run of
 * two or more whitespace characters into one space, trims, and splits on the space. So: a token is
 * a run between separators, a separator being a run of two or more whitespace-or-punctuation
 * characters or a single space, `\n` or punctuation mark; a single other whitespace character (a
 * tab, a no-break space) stays inside its token. A text with no token gives `['']`, as the library.
 * tests/triage/sentiment-tokens.test.ts compares this with the library's own tokenizer.
 */
const PUNCTUATION = '.,/#!?$%^&*;:{}=_`"~()';
const IS_PUNCTUATION = new Uint8Array(128);
for (let i = 0; i < PUNCTUATION.length; i++) IS_PUNCTUATION[PUNCTUATION.charCodeAt(i)] = 1;

/** A character the library makes (or keeps) a space: ` `, `\n` or punctuation. */
function becomesSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x0a || (unit < 0x80 && IS_PUNCTUATION[unit] === 1);
}

/** Whitespace or punctuation: a character of a separator run. */
function isSeparatorChar(unit: number): boolean {
  return (unit < 0x80 && IS_PUNCTUATION[unit] === 1) || isJsWhitespace(unit);
}

/** Splits `text` into the tokens of the `sentiment` library's tokenizer (see above). */
export function sentimentTokens(text: string): string[] {
  const lower = text.toLowerCase();
  let start = 0;
  let end = lower.length;
  while (start < end && isSeparatorChar(lower.charCodeAt(start))) start++;
  while (end > start && isSeparatorChar(lower.charCodeAt(end - 1))) end--;
  if (start === end) return [''];
  const tokens: string[] = [];
  let tokenStart = start;
  let i = start;
  while (i < end) {
    const unit = lower.charCodeAt(i);
    if (!isSeparatorChar(unit)) {
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < end && isSeparatorChar(lower.charCodeAt(runEnd))) runEnd++;
    if (runEnd - i > 1 || becomesSpace(unit)) {
      tokens.push(lower.slice(tokenStart, i));
      tokenStart = runEnd;
    }
    i = runEnd;
  }
  tokens.push(lower.slice(tokenStart, end));
  return tokens;
}
