/**
 * Name similarity for suggestions only: a name never merges identities by itself.
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** True for ASCII letters and digits in words separated by single spaces, no space at either end. */
function isPlainAsciiName(name: string): boolean {
  let space = true; // a space may not come first
  for (let i = 0; i < name.length; i += 1) {
    const c = name.charCodeAt(i);
    if (c === 0x20) {
      if (space) return false;
      space = true;
    } else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) space = false;
    else return false;
  }
  return !space || name.length === 0;
}

/** Lower-cases, strips accents, punctuation and emoji, collapses spaces. */
export function normalizeName(name: string): string {
  // A name of ASCII letters and digits in words with one space between (`Customer 136`): lower-casing is all there is to do.
  if (isPlainAsciiName(name)) return name.toLowerCase();
  // ASCII has no marks, and its letters and digits are [a-z0-9] once lower-cased: the same result without the Unicode passes.
  if (ASCII_ONLY.test(name)) return name.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name normalized once, to be compared with many others ({@link preparedNameScore}). */
export interface PreparedName {
  /** {@link normalizeName} of the name. */
  readonly normalized: string;
  /** Its distinct tokens. */
  readonly tokens: ReadonlySet<string>;
}

/** Normalizes a name and splits it into tokens, once. */
export function prepareName(name: string): PreparedName {
  const normalized = normalizeName(name);
  return { normalized, tokens: new Set(normalized === '' ? [] : normalized.split(' ')) };
}

/** {@link nameScore} of two prepared names. */
export function preparedNameScore(a: PreparedName, b: PreparedName): number {
  if (a.normalized === '' || b.normalized === '') return 0;
  if (a.normalized === b.normalized) return 1;
  let common = 0;
  for (const t of a.tokens) if (b.tokens.has(t)) common += 1;
  return (2 * common) / (a.tokens.size + b.tokens.size);
}

/**
 * Similarity of two person names in [0, 1]: 1 for the same normalized name, otherwise the share of
 * name tokens they have in common (Dice coefficient over token sets). Empty names score 0.
 */
export function nameScore(a: string, b: string): number {
  return preparedNameScore(prepareName(a), prepareName(b));
}
