/** The keyword matcher as it was before its prefilter: every keyword's regular expression. */

/** Finds which of a list of keywords occurs in a text. */
export type KeywordMatcher = (text: string) => string | undefined;

/** The old `compileKeywords`. */
export function referenceKeywords(keywords: readonly string[]): KeywordMatcher {
  const patterns = keywords
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map((keyword) => {
      const body = keyword.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('\\s+');
      return { keyword, re: new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])${body}(?![\\p{L}\\p{N}\\p{M}_])`, 'iu') };
    });
  return (text) => patterns.find((p) => p.re.test(text))?.keyword;
}
