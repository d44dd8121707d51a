import languageProcessor from 'sentiment/lib/language-processor.js';
import { contentText } from '../mapping/content-text.js';
import { truncateChars } from '../mapping/text-limits.js';
import { sentimentTokens } from './sentiment-tokens.js';

/** Only this many UTF-16 code units of a text are scored: enough for any post, bounded for any input. */
const MAX_SCORED_CHARS = 20_000;
/** Emoji glued to words (`great😍`) are spaced out so the AFINN emoji labels see them. */
const PICTOGRAPH = /(\p{Extended_Pictographic})/gu;
/** Every pictograph is outside ASCII (the first is U+00A9), so ASCII-only text has none. */
const NON_ASCII = /[^\u0000-\u007F]/;

/** Spaces out the emoji of `text` (see {@link PICTOGRAPH}); ASCII-only text skips the Unicode scan. */
function spaceOutPictographs(text: string): string {
  return NON_ASCII.test(text) ? text.replace(PICTOGRAPH, ' $1 ') : text;
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

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * What the `sentiment` library's `analyze(text)` (English, no extras) returns as `score` and
 * `comparative`, computed the same way: the library's own labels and scoring strategy over its
 * tokens, from the last token to the first, but with the one-pass tokenizer ({@link sentimentTokens})
 * and none of the word lists `analyze` also builds. tests/triage/sentiment.test.ts compares both.
 */
export function analyzeSentiment(text: string): SentimentResult {
  const labels = languageProcessor.getLabels('en');
  const tokens = sentimentTokens(text);
  let score = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const token = tokens[i] as string;
    if (!hasOwn.call(labels, token)) continue;
    score += languageProcessor.applyScoringStrategy('en', tokens, i, labels[token] as number);
  }
  return { score, comparative: tokens.length > 0 ? score / tokens.length : 0 };
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
