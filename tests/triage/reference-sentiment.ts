/**
 * The reference the fast sentiment scorer is checked against: the `sentiment` library's own
 * `analyze` and tokenizer, used as the scorer used them before the fast path.
 */
import { createRequire } from 'node:module';
import Sentiment from 'sentiment';
import { contentText } from '../../src/mapping/content-text.js';
import { truncateChars } from '../../src/mapping/text-limits.js';
import type { SentimentResult } from '../../src/triage/sentiment.js';

/** The library's tokenizer (`sentiment/lib/tokenize.js`). */
export const libraryTokenize = createRequire(import.meta.url)('sentiment/lib/tokenize.js') as (text: string) => string[];

const analyzer = new Sentiment();

/** The library's `analyze(text)`, score and comparative. */
export function libraryAnalyze(text: string): SentimentResult {
  const { score, comparative } = analyzer.analyze(text);
  return { score, comparative };
}

/** The scorer as it was: the same content as the scorer reads, scored by the library's `analyze`. */
export function referenceScore(text: string, known?: string): SentimentResult {
  const scored = known !== undefined && text.length <= 20_000 ? known : contentText(truncateChars(text, 20_000, ''));
  const content = /[^\u0000-\u007F]/.test(scored) ? scored.replace(/(\p{Extended_Pictographic})/gu, ' $1 ') : scored;
  if (content.trim() === '') return { score: 0, comparative: 0 };
  return libraryAnalyze(content);
}
