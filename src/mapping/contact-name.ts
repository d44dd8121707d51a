import { collapseWhitespace, sanitizeText } from './text-limits.js';

/** Emoji pieces: pictographs, skin tones, ZWJ, variation selectors, keycaps, flags and tag letters. */
const EMOJI = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\u200D\uFE0E\uFE0F\u20E3\u{E0020}-\u{E007F}]/gu;
const HAS_NAME_CHAR = /[\p{L}\p{N}]/u;
/** Every character of {@link EMOJI} is outside ASCII, so ASCII-only text has none to remove. */
const NON_ASCII = /[^\u0000-\u007F]/;

/** `text` with its emoji pieces replaced by spaces; ASCII-only text skips the Unicode scan. */
function withoutEmoji(text: string): string {
  return NON_ASCII.test(text) ? text.replace(EMOJI, ' ') : text;
}

/** A display name split into Contact name fields. */
export interface ContactName {
  readonly firstName?: string;
  readonly lastName: string;
}

/**
 * Splits a display name into first and last name: emoji are removed, the last word is the last
 * name, the words before it the first name (one word = last name only). A name with no letter or
 * digit left (emoji only, or none at all) becomes `@handle` as last name.
 */
export function splitDisplayName(displayName: string | undefined, handle: string): ContactName {
  const name = collapseWhitespace(withoutEmoji(sanitizeText(displayName ?? '')));
  if (!HAS_NAME_CHAR.test(name)) return { lastName: `@${collapseWhitespace(sanitizeText(handle))}` };
  // `name` is collapsed (words one space apart, no space at either end): the last word follows the
  // last space, the words before it are what precedes that space (no array of words is made).
  const space = name.lastIndexOf(' ');
  if (space < 0) return { lastName: name };
  const firstName = name.slice(0, space);
  const lastName = name.slice(space + 1);
  return firstName === '' ? { lastName } : { firstName, lastName };
}
