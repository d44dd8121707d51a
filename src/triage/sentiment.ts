import languageProcessor from 'sentiment/lib/language-processor.js';
import { contentText } from '../mapping/content-text.js';
import { truncateChars } from '../mapping/text-limits.js';
import { scanLowerTokens, scanSentimentTokens, tokenHash, type SentimentTokenScan } from './sentiment-tokens.js';

/** Only this many UTF-16 code units of a text are scored: enough for any post, bounded for any input. */
const MAX_SCORED_CHARS = 20_000;
/** One code point that is `\p{Extended_Pictographic}`. */
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
/** Every pictograph is outside ASCII (the first is U+00A9), so ASCII-only text has none. */
const NON_ASCII = /[^\u0000-\u007F]/;
/** Whether each BMP code point is a pictograph, filled on first sight: 0 unknown, 1 no, 2 yes. */
const BMP_PICTOGRAPH = new Uint8Array(0x10000);
/** The same for code points above the BMP. */
const ASTRAL_PICTOGRAPH = new Map<number, boolean>();

function isPictograph(codePoint: number, char: string): boolean {
  if (codePoint < 0x10000) {
    const known = BMP_PICTOGRAPH[codePoint];
    if (known !== 0) return known === 2;
    const yes = PICTOGRAPH.test(char);
    BMP_PICTOGRAPH[codePoint] = yes ? 2 : 1;
    return yes;
  }
  let yes = ASTRAL_PICTOGRAPH.get(codePoint);
  if (yes === undefined) ASTRAL_PICTOGRAPH.set(codePoint, (yes = PICTOGRAPH.test(char)));
  return yes;
}

/**
 * Emoji glued to words (`great😍`) are spaced out so the AFINN emoji labels see them: what
 * `text.replace(/(\p{Extended_Pictographic})/gu, ' $1 ')` gives, by a scan of the code points with
 * each one's class remembered. ASCII-only text has none and is returned at once.
 */
export function spaceOutPictographs(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const unit = text.charCodeAt(i);
    if (unit < 0xa9) {
      i++;
      continue;
    }
    const codePoint = text.codePointAt(i) as number;
    const length = codePoint > 0xffff ? 2 : 1;
    if (isPictograph(codePoint, text.slice(i, i + length))) {
      out += `${text.slice(copied, i)} ${text.slice(i, i + length)} `;
      copied = i + length;
    }
    i += length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Sentiment of one text: `score` is the AFINN-165 sum, `comparative` the score per token. */
export interface SentimentResult {
  readonly score: number;
  readonly comparative: number;
}

/**
 * Scores the sentiment of a text. `content` may pass `contentText(text)` when the caller already has
 * it (it is then not computed again); the score is the same either way.
 */
export type SentimentScorer = (text: string, content?: string) => SentimentResult;

/** The text the analyzer reads: the first {@link MAX_SCORED_CHARS} of `text` without @mentions and links. */
function scoredContent(text: string, content: string | undefined): string {
  // Within the limit, truncation is a no-op, so the caller's `contentText(text)` is the same string.
  if (content !== undefined && text.length <= MAX_SCORED_CHARS) return content;
  return contentText(truncateChars(text, MAX_SCORED_CHARS, ''));
}

/**
 * The library's English label table (AFINN-165 and emoji), as an open-addressing hash table keyed by
 * {@link tokenHash}, so a token is looked up where it lies in the text, without making its string.
 */
interface LabelTable {
  /** The library's own label object this table was built from. */
  readonly source: Readonly<Record<string, number>>;
  readonly keys: readonly string[];
  readonly values: readonly number[];
  readonly keyHashes: Int32Array;
  /** Slot → index into `keys` + 1 (0: empty). */
  readonly slots: Int32Array;
  readonly mask: number;
}

function buildLabelTable(source: Readonly<Record<string, number>>): LabelTable {
  const keys = Object.keys(source);
  const values = keys.map((k) => source[k] as number);
  const keyHashes = Int32Array.from(keys, tokenHash);
  let size = 1;
  while (size < keys.length * 4) size <<= 1;
  const slots = new Int32Array(size);
  const mask = size - 1;
  keys.forEach((_, index) => {
    let slot = (keyHashes[index] as number) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = index + 1;
  });
  return { source, keys, values, keyHashes, slots, mask };
}

let labelTable: LabelTable | undefined;

/** The table of the library's current English labels (rebuilt if the library's object changed). */
function currentLabels(): LabelTable {
  const source = languageProcessor.getLabels('en');
  if (labelTable?.source !== source) labelTable = buildLabelTable(source);
  return labelTable;
}

/** Index into `table.keys` of the token `lower.slice(start, end)` with hash `hash`, or -1. */
function labelIndex(table: LabelTable, lower: string, start: number, end: number, hash: number): number {
  let slot = hash & table.mask;
  for (;;) {
    const entry = table.slots[slot] as number;
    if (entry === 0) return -1;
    const index = entry - 1;
    const key = table.keys[index] as string;
    if (table.keyHashes[index] === hash && key.length === end - start && lower.startsWith(key, start)) return index;
    slot = (slot + 1) & table.mask;
  }
}

/** The token lists handed to the library's scoring strategy: this token alone, or the one before and this one (reused). */
const ONE: string[] = [''];
const TWO: string[] = ['', ''];

/**
 * The AFINN sum of a scan's tokens: the library's label of each labelled token through its scoring
 * strategy (negation by the token before), summed from the last token to the first as `analyze` does.
 */
function scoreTokens(scan: SentimentTokenScan): number {
  const table = currentLabels();
  const { lower, count, starts, ends, hashes } = scan;
  let score = 0;
  // From the last token to the first: the strategy is pure, so calling it in this order gives the
  // scores `analyze` sums, in the order it sums them, without keeping them in an array.
  for (let i = count - 1; i >= 0; i--) {
    const index = labelIndex(table, lower, starts[i] as number, ends[i] as number, hashes[i] as number);
    if (index < 0) continue;
    const key = table.keys[index] as string;
    // The strategy reads the token before the cursor only: give it that one and this one.
    let pair = ONE;
    if (i === 0) ONE[0] = key;
    else {
      pair = TWO;
      TWO[0] = lower.slice(starts[i - 1], ends[i - 1]);
      TWO[1] = key;
    }
    score += languageProcessor.applyScoringStrategy('en', pair, pair.length - 1, table.values[index] as number);
  }
  return score;
}

/**
 * What the `sentiment` library's `analyze(text)` (English, no extras) returns as `score` and
 * `comparative`, computed the same way: the library's labels, and its own scoring strategy (negation
 * by the token before) for each labelled token, summed from the last token to the first, over the
 * library's tokens ({@link scanSentimentTokens}) but without the strings of unlabelled tokens or the
 * word lists `analyze` also builds. The label table is built from the library's English labels on
 * first use. tests/triage/sentiment-fast-path.test.ts compares this with the library.
 */
export function analyzeSentiment(text: string): SentimentResult {
  const scan = scanSentimentTokens(text);
  const count = scan.count;
  const score = scoreTokens(scan);
  return { score, comparative: count > 0 ? score / count : 0 };
}

/**
 * Creates a sentiment scorer (AFINN-165 words and emoji, with English negation), scoring as the
 * `sentiment` library does ({@link analyzeSentiment}). @mentions and links are removed before
 * scoring, and only the first 20,000 code units of a text are read.
 */
export function createSentimentScorer(): SentimentScorer {
  return (text, known) => {
    const content = spaceOutPictographs(scoredContent(text, known));
    if (content.trim() === '') return { score: 0, comparative: 0 };
    return analyzeSentiment(content);
  };
}

/** What {@link scoreInto} leaves for triage: the score, and the lower-cased text it read, for the keyword rules. */
export interface ScoredText {
  /** The scorer's `score` for the text. */
  score: number;
  /** The text the analyzer read (the content, pictographs spaced out). */
  spaced: string;
  /** `spaced.toLowerCase()` when the analyzer made it, else `undefined`. */
  lower: string | undefined;
}

/**
 * The score {@link createSentimentScorer}'s scorer gives `text` (whose `contentText` is `content`),
 * written into `out` with no result object; `out.lower` keeps the lower-cased text the tokens were
 * found in, so a caller that needs `content.toLowerCase()` takes it when `out.spaced` is `content`.
 */
export function scoreInto(out: ScoredText, text: string, content: string): void {
  const spaced = spaceOutPictographs(scoredContent(text, content));
  out.spaced = spaced;
  if (spaced.trim() === '') {
    out.score = 0;
    out.lower = undefined;
    return;
  }
  const lower = spaced.toLowerCase();
  out.lower = lower;
  out.score = scoreTokens(scanLowerTokens(lower));
}
