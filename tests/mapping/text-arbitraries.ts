/**
 * fast-check texts for the fast-path comparison tests: any code units, and texts built from the
 * pieces the hand-written scanners decide on (whitespace of every kind, `@`, link prefixes in any
 * case, the two non-ASCII word characters of `iu` regular expressions, letters of other scripts,
 * combining marks, emoji and lone surrogates, punctuation, AFINN words and negators).
 */
import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates and control characters included. */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

/** Whitespace of every kind JavaScript knows, and characters that look like it but are not. */
const SPACES = [' ', '  ', '\t', '\n', '\r', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', '\u0085', '\u200b', '\u180e'];
/** What decides links and mentions. */
const MARKERS = ['@', '@@', 'http://', 'https://', 'HTTPS://', 'Http://', 'httpſ://', 'www.', 'WWW.', 'wWw.', '://', 'http:/', 'https:', 'www', '.', '/', 'x.co/a', 'ſ', 'K', 'k', 's', '_', '-', "'"];
/** Letters, digits and marks of other scripts, emoji, and broken UTF-16. */
const UNICODE = ['é', '𝐀', '𝟘', '𠀀', '𝐀@', 'e\u0301', '\u0301', 'ß', 'İ', 'ı', 'Σ', 'ς', '中文', 'ن', '٣', '²', 'Ⅻ', 'Ⓐ', '😀', '😡', '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', '©', '\ud83d', '\ude00', '\udc00\ud800', '\u0000', '\u007f', '\u0085', '\u009f', '￼', '★'];
/** Punctuation the sentiment tokenizer turns into spaces, and some it keeps. */
const PUNCTUATION = ['.', ',', '/', '#', '!', '?', '$', '%', '^', '&', '*', ';', ':', '{', '}', '=', '_', '`', '"', '~', '(', ')', '[', ']', '+', '<', '>', '|', '\\'];
/** AFINN words, negators and names of Object.prototype members. */
const WORDS = ['good', 'Good', 'GREAT', 'bad', 'not', "don't", 'dont', 'isnt', "can't", 'no', 'fun', 'love', 'hate', 'refund', 'outage', 'down', 'charged', 'twice', 'hacked', 'hacKed', 'lawſuit', 'fraud', 'cancel', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'acmehelp', 'user_1', 'bob', 'a', 'x1'];

/** A text made of the pieces above and arbitrary code units. */
export const trickyText = fc
  .array(fc.oneof(fc.constantFrom(...SPACES), fc.constantFrom(...MARKERS), fc.constantFrom(...UNICODE), fc.constantFrom(...PUNCTUATION), fc.constantFrom(...WORDS), codeUnit), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Any text: tricky, random graphemes, random code units, ASCII. */
export const anyText = fc.oneof(trickyText, fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string({ unit: codeUnit }), fc.string({ unit: 'binary-ascii' }));

/** Property runs of the comparison tests. */
export const RUNS = 3_000;
