import Sentiment from 'sentiment';
import { contentText } from './content-text.js';
import { truncateChars } from './text-limits.js';

/** Only this many UTF-16 code units of a text are scored: enough for any post, bounded for any input. */
const MAX_SCORED_CHARS = 20_000;
/** Emoji glued to words (`great😍`) are spaced out so the AFINN emoji labels see them. */
const PICTOGRAPH = /(\p{Extended_Pictographic})/gu;

/** Sentiment of one text: `score` is the AFINN-165 sum, `comparative` the score per token. */
export interface SentimentResult {
  readonly score: number;
  readonly comparative: number;
}

/** Scores the sentiment of a text. */
export type SentimentScorer = (text: string) => SentimentResult;

/**
 * Creates a sentiment scorer (AFINN-165 words and emoji, with English negation). The analyzer is
 * built on first use and kept by this scorer only. @mentions and links are removed before scoring,
 * and only the first 20,000 code units of a text are read.
 */
export function createSentimentScorer(): SentimentScorer {
  let analyzer: Sentiment | undefined;
  return (text) => {
    const content = contentText(truncateChars(text, MAX_SCORED_CHARS, '')).replace(PICTOGRAPH, ' $1 ');
    if (content.trim() === '') return { score: 0, comparative: 0 };
    analyzer ??= new Sentiment();
    const { score, comparative } = analyzer.analyze(content);
    return { score, comparative };
  };
}
