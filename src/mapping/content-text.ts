import { isAsciiWordChar, isHighSurrogate, isJsWhitespace, isLowSurrogate, isWordCharIgnoreCaseUnicode } from './char-classes.js';

/**
 * The rules, as regular expressions (the scanners below implement exactly these; the tests compare
 * both on arbitrary text):
 * - links: `/\b(?:https?:\/\/|www\.)\S+/giu`, each replaced by one space;
 * - then `@mentions`: `/(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu` (not preceded by a letter, digit or
 *   `_`, so e-mail addresses stay), each replaced by one space;
 * - then every run of whitespace becomes one space, and the ends are trimmed.
 */

/** A cheap necessary condition for a link: every link has `://` or `www.` (any case); one scan. */
const MAY_HAVE_LINK = /:\/\/|www\./i;
/** `[\p{L}\p{N}_]` for one code point outside ASCII. */
const NAME_CHAR = /^[\p{L}\p{N}_]$/u;

/** Whether `text` can contain a link; `false` lets the link scan be skipped. */
function mayHaveLink(text: string): boolean {
  return MAY_HAVE_LINK.test(text);
}

/** Code units of the code point that starts at `at` (2 for a surrogate pair, else 1). */
function codePointLength(text: string, at: number): number {
  return isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1)) ? 2 : 1;
}

/** Whether the code point starting at `at` is in `[\p{L}\p{N}_]`; `length` is its code units. */
function isNameCharAt(text: string, at: number, length: number): boolean {
  const unit = text.charCodeAt(at);
  return unit < 0x80 ? isAsciiWordChar(unit) : NAME_CHAR.test(text.slice(at, at + length));
}

/** Whether the code point ending just before `at` is in `[\p{L}\p{N}_]` (the mention's lookbehind). */
function isNameCharBefore(text: string, at: number): boolean {
  if (at === 0) return false;
  const start = at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : at - 1;
  return isNameCharAt(text, start, at - start);
}

/** Where the @mention starting at `at` (an `@`) ends, or `at` when no mention starts there. */
function mentionEnd(text: string, at: number): number {
  if (isNameCharBefore(text, at)) return at;
  let i = at + 1;
  while (i < text.length) {
    const length = codePointLength(text, i);
    if (!isNameCharAt(text, i, length)) break;
    i += length;
  }
  return i === at + 1 ? at : i;
}

/** Case-insensitive ASCII letter test under `iu` (`letter` lower case; `s` also matches U+017F). */
function isLetter(unit: number, letter: number): boolean {
  return (unit | 0x20) === letter || (letter === 0x73 && unit === 0x17f);
}

/** Code units of `https?://` or `www.` (any case) at `at`, or 0. */
function linkPrefixLength(text: string, at: number): number {
  const c = (i: number): number => text.charCodeAt(at + i);
  if (isLetter(c(0), 0x68) && isLetter(c(1), 0x74) && isLetter(c(2), 0x74) && isLetter(c(3), 0x70)) {
    const s = isLetter(c(4), 0x73) ? 1 : 0;
    return c(4 + s) === 0x3a && c(5 + s) === 0x2f && c(6 + s) === 0x2f ? 7 + s : 0;
  }
  return isLetter(c(0), 0x77) && isLetter(c(1), 0x77) && isLetter(c(2), 0x77) && c(3) === 0x2e ? 4 : 0;
}

/** Where the link starting at `at` ends, or `at` when none starts there. */
function linkEnd(text: string, at: number): number {
  if (at > 0 && isWordCharIgnoreCaseUnicode(text.charCodeAt(at - 1))) return at;
  const prefix = linkPrefixLength(text, at);
  let i = at + prefix;
  if (prefix === 0 || i >= text.length || isJsWhitespace(text.charCodeAt(i))) return at;
  while (i < text.length && !isJsWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** `text` with every link replaced by one space. */
function withoutLinks(text: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i) | 0x20;
    if (unit !== 0x68 && unit !== 0x77) continue;
    const end = linkEnd(text, i);
    if (end === i) continue;
    out += `${text.slice(copied, i)} `;
    copied = end;
    i = end - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * `text` with every @mention replaced by one space, then whitespace collapsed, in one pass: the
 * words (runs of characters outside whitespace and mentions) joined by one space. Words that are
 * already one space apart are copied together.
 */
function withoutMentionsCollapsed(text: string): string {
  const length = text.length;
  let out = '';
  let chunkStart = -1;
  let chunkEnd = -1;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    if (isJsWhitespace(unit)) {
      i++;
      continue;
    }
    if (unit === 0x40) {
      const end = mentionEnd(text, i);
      if (end > i) {
        i = end;
        continue;
      }
    }
    const wordStart = i;
    i++;
    while (i < length) {
      const next = text.charCodeAt(i);
      if (isJsWhitespace(next) || (next === 0x40 && mentionEnd(text, i) > i)) break;
      i++;
    }
    if (chunkStart >= 0 && wordStart === chunkEnd + 1 && text.charCodeAt(chunkEnd) === 0x20) {
      chunkEnd = i;
      continue;
    }
    if (chunkStart >= 0) out += out === '' ? text.slice(chunkStart, chunkEnd) : ` ${text.slice(chunkStart, chunkEnd)}`;
    chunkStart = wordStart;
    chunkEnd = i;
  }
  if (chunkStart < 0) return out;
  if (out === '') return chunkStart === 0 && chunkEnd === length ? text : text.slice(chunkStart, chunkEnd);
  return `${out} ${text.slice(chunkStart, chunkEnd)}`;
}

/**
 * What the author actually said: the text without @mentions and links, whitespace collapsed.
 * Used for sentiment, keyword rules and length rules, so `@acmehelp thanks!` counts as `thanks!`.
 * Scanned by hand (the rules above), not by Unicode regular expressions: same result, less work.
 */
export function contentText(text: string): string {
  return withoutMentionsCollapsed(mayHaveLink(text) ? withoutLinks(text) : text);
}
