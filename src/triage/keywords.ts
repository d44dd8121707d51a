/** Finds which of a list of keywords occurs in a text. */
export type KeywordMatcher = (text: string) => string | undefined;

const WORD_CHAR = '[\\p{L}\\p{N}\\p{M}_]';
/** Printable ASCII: keyword words made only of these can be looked for with a cheap prefilter. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
/**
 * U+017F LATIN SMALL LETTER LONG S: the one character a case-insensitive Unicode regular expression
 * matches to an ASCII letter (`s`) that `toLowerCase` does not turn into that letter (the Kelvin sign
 * becomes `k`). A text with it skips the prefilter.
 */
const LONG_S = '\u017f';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

interface CompiledKeyword {
  readonly keyword: string;
  readonly re: RegExp;
  /**
   * The keyword's words in lower case when all are ASCII: a match needs each of them in the lower-cased
   * text, so a text lacking one is no match without running `re`. `undefined`: always run `re`.
   */
  readonly needles: readonly string[] | undefined;
}

function compileKeyword(keyword: string): CompiledKeyword {
  const words = keyword.split(/\s+/);
  const body = words.map(escapeRegExp).join('\\s+');
  const needles = words.every((w) => PRINTABLE_ASCII.test(w)) ? words.map((w) => w.toLowerCase()) : undefined;
  return { keyword, re: new RegExp(`(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})`, 'iu'), needles };
}

/** Whether `lower` (the lower-cased text, or `undefined` for no prefilter) may contain `k`. */
function mayMatch(k: CompiledKeyword, lower: string | undefined): boolean {
  if (lower === undefined || k.needles === undefined) return true;
  for (const needle of k.needles) if (!lower.includes(needle)) return false;
  return true;
}

/** Keywords compiled once, for {@link firstKeyword}; `undefined` from {@link compileKeywordList} when there are none. */
export interface CompiledKeywords {
  readonly list: readonly CompiledKeyword[];
  /**
   * When every keyword has needles: one regular expression matching any needle of any keyword. A
   * lower-cased text it does not match holds no keyword's needles (a keyword needs all of its own),
   * so no keyword matches and the list is not walked: one scan of the text instead of one a needle.
   */
  readonly anyNeedle: RegExp | undefined;
}

/** {@link CompiledKeywords.anyNeedle} of `list`. */
function anyNeedleOf(list: readonly CompiledKeyword[]): RegExp | undefined {
  const needles = new Set<string>();
  for (const k of list) {
    if (k.needles === undefined) return undefined;
    for (const needle of k.needles) needles.add(needle);
  }
  return new RegExp([...needles].map(escapeRegExp).join('|'));
}

/** Whether `lower` (or `undefined`: no prefilter) may hold a keyword of `keywords`, by their needles. */
function mayHoldAny(keywords: CompiledKeywords, lower: string | undefined): boolean {
  return lower === undefined || keywords.anyNeedle === undefined || keywords.anyNeedle.test(lower);
}

/** Compiles keywords (as {@link compileKeywords} does); `undefined` when none is left after trimming. */
export function compileKeywordList(keywords: readonly string[]): CompiledKeywords | undefined {
  const list = keywords
    .map((k) => k.trim())
    .filter((k) => k !== '')
    .map(compileKeyword);
  return list.length === 0 ? undefined : { list, anyNeedle: anyNeedleOf(list) };
}

/**
 * The first keyword of `keywords` in `text`, as {@link compileKeywords}' matcher answers; `lower` is
 * `text.toLowerCase()`, which the caller may already have (the prefilter reads it).
 */
export function firstKeyword(keywords: CompiledKeywords, text: string, lower: string): string | undefined {
  const prefilter = text.includes(LONG_S) ? undefined : lower;
  if (!mayHoldAny(keywords, prefilter)) return undefined;
  for (const k of keywords.list) if (mayMatch(k, prefilter) && k.re.test(text)) return k.keyword;
  return undefined;
}

/**
 * Compiles keywords (words or phrases) into one matcher. Matching is case-insensitive and on whole
 * words: `refund` matches `Refund!` and `#refund` but not `refunds`; in a phrase any run of
 * whitespace matches (`charged twice` matches `charged\ntwice`). The matcher returns the first
 * keyword in list order that occurs, or `undefined`. Each keyword's regular expression decides;
 * it only runs when the lower-cased text contains every word of the keyword (and the words of all
 * keywords are first looked for at once).
 */
export function compileKeywords(keywords: readonly string[]): KeywordMatcher {
  const compiled = compileKeywordList(keywords);
  if (compiled === undefined) return () => undefined;
  return (text) => firstKeyword(compiled, text, text.toLowerCase());
}
