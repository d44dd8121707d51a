/** Finds which of a list of keywords occurs in a text. */
export type KeywordMatcher = (text: string) => string | undefined;

const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Compiles keywords (words or phrases) into one matcher. Matching is case-insensitive and on whole
 * words: `refund` matches `Refund!` and `#refund` but not `refunds`; in a phrase any run of
 * whitespace matches (`charged twice` matches `charged\ntwice`). The matcher returns the first
 * keyword in list order that occurs, or `undefined`.
 */
export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const patterns = keywords
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((keyword) => {
      const body = keyword.split(/\s+/).map(escapeRegExp).join('\\s+');
      return { keyword, re: new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, 'iu') };
    });
  return (text) => patterns.find((p) => p.re.test(text))?.keyword;
}
