/**
 * Name similarity for suggestions only: a name never merges identities by itself.
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-cases, strips accents, punctuation and emoji, collapses spaces. */
export function normalizeName(name: string): string {
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
