/**
 * Name similarity for suggestions only: a name never merges identities by itself.
 */

/** Lower-cases, strips accents, punctuation and emoji, collapses spaces. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Similarity of two person names in [0, 1]: 1 for the same normalized name, otherwise the share of
 * name tokens they have in common (Dice coefficient over token sets). Empty names score 0.
 */
export function nameScore(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === '' || nb === '') return 0;
  if (na === nb) return 1;
  const ta = new Set(na.split(' '));
  const tb = new Set(nb.split(' '));
  let common = 0;
  for (const t of ta) if (tb.has(t)) common += 1;
  return (2 * common) / (ta.size + tb.size);
}
