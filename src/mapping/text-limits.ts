/**
 * Text hygiene and length limits. CRMs count text length in UTF-16 code units (Salesforce) or in
 * UTF-8 bytes (Salesforce CaseComment body); cutting must never leave half a character behind, so
 * every cut lands on a grapheme boundary (an emoji ZWJ sequence, a flag or a letter with its
 * combining marks stays whole or goes whole).
 */

import { isLowSurrogate } from './char-classes.js';

/** One grapheme segmenter for the module; segmenters are immutable, so sharing one is safe. */
const GRAPHEMES = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** C0 and C1 control characters except tab and line feed, plus DEL. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * True when one of the replacements in {@link sanitizeText} would change the text: a control
 * character other than `\t` and `\n` (`\r` is one), DEL or a C1 control, or a lone surrogate. A
 * well-formed surrogate pair (an emoji) is not, so emoji text takes the fast path too.
 */
const NEEDS_SANITIZING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Makes untrusted text safe to store: `\r\n` and `\r` become `\n`, control characters other than
 * `\n` and `\t` are removed, and lone surrogates become U+FFFD. Everything else (emoji, quotes,
 * backslashes, non-Latin scripts) is kept as is.
 */
export function sanitizeText(text: string): string {
  // Fast path: most text has no \r, control character or lone surrogate, so nothing to replace.
  if (text.length === 0 || !NEEDS_SANITIZING.test(text)) return text;
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Number of bytes `text` takes in UTF-8. A lone surrogate counts 3 bytes (it is sent as U+FFFD).
 * Stops counting early once the count exceeds `stopAbove`, when given.
 */
export function utf8Length(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= stopAbove; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A usable limit: NaN and negatives become 0, fractions are floored, Infinity stays. */
function toLimit(max: number): number {
  return max >= 0 ? Math.floor(max) : 0;
}

/**
 * The largest grapheme boundary at or before code-unit index `pos`. Only a prefix of `text` is
 * segmented: a boundary depends on what precedes it and on the one code point after it, so
 * `pos + 2` code units are enough (the cost is linear in `pos`, not in `text.length`).
 */
export function graphemeBoundaryAtOrBefore(text: string, pos: number): number {
  if (pos <= 0) return 0;
  if (pos >= text.length) return text.length;
  const segment = GRAPHEMES.segment(text.slice(0, pos + 2)).containing(pos);
  return segment === undefined ? pos : segment.index;
}

/**
 * Cuts `text` to at most `max` UTF-16 code units, the ellipsis included, on a grapheme boundary.
 * Text that fits is returned unchanged. When even the ellipsis does not fit, the text is cut without
 * one. Trailing whitespace before the ellipsis is dropped. Linear in `max`, not in `text.length`.
 */
export function truncateChars(text: string, max: number, ellipsis = '…'): string {
  const limit = toLimit(max);
  if (text.length <= limit) return text;
  const withEllipsis = ellipsis.length > 0 && ellipsis.length <= limit;
  const budget = withEllipsis ? limit - ellipsis.length : limit;
  const kept = text.slice(0, graphemeBoundaryAtOrBefore(text, budget));
  return withEllipsis ? trimEndOnBoundary(kept) + ellipsis : kept;
}

/**
 * Cuts `text` to at most `maxBytes` UTF-8 bytes, the ellipsis included, on a grapheme boundary.
 * Text that fits is returned unchanged. When even the ellipsis does not fit, the text is cut without
 * one. Linear in `maxBytes`, not in `text.length`.
 */
export function truncateUtf8Bytes(text: string, maxBytes: number, ellipsis = '…'): string {
  const limit = toLimit(maxBytes);
  // Every UTF-16 code unit takes at most 3 UTF-8 bytes.
  if (text.length * 3 <= limit || utf8Length(text, limit) <= limit) return text;
  const ellipsisBytes = utf8Length(ellipsis);
  const withEllipsis = ellipsisBytes > 0 && ellipsisBytes <= limit;
  const budget = withEllipsis ? limit - ellipsisBytes : limit;
  const kept = text.slice(0, graphemeBoundaryAtOrBefore(text, codeUnitsWithinBytes(text, budget)));
  return withEllipsis ? trimEndOnBoundary(kept) + ellipsis : kept;
}

/** Drops trailing whitespace unless that would split a grapheme (a prepended mark binds a space). */
function trimEndOnBoundary(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed.length === text.length) return text;
  return graphemeBoundaryAtOrBefore(text, trimmed.length) === trimmed.length ? trimmed : text;
}

/**
 * Like {@link truncateChars}, but when the text must be cut it prefers to end after a whole word,
 * as long as that keeps at least 60% of the room. For one-line summaries such as a Case subject.
 */
export function truncateAtWord(text: string, max: number, ellipsis = '…'): string {
  const cut = truncateChars(text, max, ellipsis);
  if (cut === text || ellipsis.length === 0 || !cut.endsWith(ellipsis)) return cut;
  const kept = cut.slice(0, cut.length - ellipsis.length);
  const space = kept.search(/\s\S*$/);
  if (space < Math.floor(kept.length * 0.6) || space <= 0) return cut;
  const end = graphemeBoundaryAtOrBefore(kept, space);
  return end > 0 ? trimEndOnBoundary(kept.slice(0, end)) + ellipsis : cut;
}

/** The longest prefix (in code units, whole code points only) whose UTF-8 size is at most `budget`. */
function codeUnitsWithinBytes(text: string, budget: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const pair = unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1));
    const size = unit < 0x80 ? 1 : unit < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > budget) break;
    bytes += size;
    i += pair ? 2 : 1;
  }
  return i;
}

/**
 * True when {@link collapseWhitespace} would change `text`: whitespace other than a plain space, two
 * spaces in a row, or a space at either end. Most texts have none, and a test costs less than a
 * replace that copies the string (and less than a scan in JavaScript).
 */
const NEEDS_COLLAPSE = /[^\S ]| {2}|^ | $/;

/** Collapses every run of whitespace (line breaks included) to one space and trims the ends. */
export function collapseWhitespace(text: string): string {
  return NEEDS_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}
