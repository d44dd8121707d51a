import { isJsWhitespace } from '../mapping/char-classes.js';

/**
 * The tokens the `sentiment` library (5.0.2) reads from a text, found in one pass. The library
 * lower-cases the text, turns `\n` and each of `` .,/#!?$%^&*;:{}=_`"~() `` into a space, collapses
 * every run of two or more whitespace characters into one space, trims, and splits on the space.
 * So: a token is a run between separators, a separator being a run of two or more
 * whitespace-or-punctuation characters or a single space, `\n` or punctuation mark; a single other
 * whitespace character (a tab, a no-break space) stays inside its token. A text with no token gives
 * one empty token, as the library does. tests/triage/sentiment-fast-path.test.ts compares this with
 * the library's own tokenizer.
 */
const PUNCTUATION = '.,/#!?$%^&*;:{}=_`"~()';
const IS_PUNCTUATION = new Uint8Array(128);
for (let i = 0; i < PUNCTUATION.length; i++) IS_PUNCTUATION[PUNCTUATION.charCodeAt(i)] = 1;

/** A character the library makes (or keeps) a space: ` `, `\n` or punctuation. */
function becomesSpace(unit: number): boolean {
  return unit === 0x20 || unit === 0x0a || (unit < 0x80 && IS_PUNCTUATION[unit] === 1);
}

/** For every code unit: 1 when it is whitespace or punctuation (a character of a separator run). */
const IS_SEPARATOR = new Uint8Array(0x10000);
for (let unit = 0; unit < 0x10000; unit++) IS_SEPARATOR[unit] = (unit < 0x80 && IS_PUNCTUATION[unit] === 1) || isJsWhitespace(unit) ? 1 : 0;

/** Whitespace or punctuation: a character of a separator run (one table load). */
function isSeparatorChar(unit: number): boolean {
  return IS_SEPARATOR[unit] === 1;
}

/** One more code unit into a token hash (see {@link tokenHash}). */
function mix(hash: number, unit: number): number {
  return (Math.imul(hash, 31) + unit) | 0;
}

/** The hash {@link scanSentimentTokens} gives a token: 31-polynomial over its code units, 32-bit. */
export function tokenHash(token: string): number {
  let hash = 0;
  for (let i = 0; i < token.length; i++) hash = mix(hash, token.charCodeAt(i));
  return hash;
}

/**
 * The tokens of one text: token `i` is `lower.slice(starts[i], ends[i])`, with hash `hashes[i]`.
 * The scan and its arrays are reused by the next scan (read them before scanning again).
 */
export interface SentimentTokenScan {
  /** The lower-cased text the tokens are in. */
  readonly lower: string;
  readonly count: number;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly hashes: Int32Array;
}

let starts = new Int32Array(256);
let ends = new Int32Array(256);
let hashes = new Int32Array(256);
/** The one scan object, refilled by every scan (no object a text). */
const scan: { lower: string; count: number; starts: Int32Array; ends: Int32Array; hashes: Int32Array } = { lower: '', count: 0, starts, ends, hashes };

/** Finds the tokens of `text` without making a string for each (see above). */
export function scanSentimentTokens(text: string): SentimentTokenScan {
  return scanLowerTokens(text.toLowerCase());
}

/** {@link scanSentimentTokens} of a text whose `toLowerCase()` the caller already has (`lower`). */
export function scanLowerTokens(lower: string): SentimentTokenScan {
  // A token and its separator take at least 2 code units, so length / 2 + 1 tokens at most.
  if (starts.length < (lower.length >> 1) + 1) {
    const size = (lower.length >> 1) + 256;
    starts = new Int32Array(size);
    ends = new Int32Array(size);
    hashes = new Int32Array(size);
  }
  let begin = 0;
  let end = lower.length;
  while (begin < end && isSeparatorChar(lower.charCodeAt(begin))) begin++;
  while (end > begin && isSeparatorChar(lower.charCodeAt(end - 1))) end--;
  let count = 0;
  let tokenStart = begin;
  let hash = 0;
  let i = begin;
  while (i < end) {
    const unit = lower.charCodeAt(i);
    if (!isSeparatorChar(unit)) {
      hash = mix(hash, unit);
      i++;
      continue;
    }
    let runEnd = i + 1;
    while (runEnd < end && isSeparatorChar(lower.charCodeAt(runEnd))) runEnd++;
    if (runEnd - i > 1 || becomesSpace(unit)) {
      starts[count] = tokenStart;
      ends[count] = i;
      hashes[count] = hash;
      count++;
      tokenStart = runEnd;
      hash = 0;
    } else hash = mix(hash, unit);
    i = runEnd;
  }
  starts[count] = tokenStart;
  ends[count] = end;
  hashes[count] = hash;
  count++;
  scan.lower = lower;
  scan.count = count;
  scan.starts = starts;
  scan.ends = ends;
  scan.hashes = hashes;
  return scan;
}

/** The tokens of `text` as strings, as the library's tokenizer returns them. */
export function sentimentTokens(text: string): string[] {
  const scan = scanSentimentTokens(text);
  const tokens: string[] = [];
  for (let i = 0; i < scan.count; i++) tokens.push(scan.lower.slice(scan.starts[i], scan.ends[i]));
  return tokens;
}
