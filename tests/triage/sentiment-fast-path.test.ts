import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realTweetSets } from '../../bench/stage-triage-inputs.js';
import { analyzeSentiment, createSentimentScorer } from '../../src/triage/sentiment.js';
import { sentimentTokens } from '../../src/triage/sentiment-tokens.js';
import { anyText, RUNS } from '../mapping/text-arbitraries.js';
import { libraryAnalyze, libraryTokenize, referenceScore } from './reference-sentiment.js';

const realTexts = realTweetSets().flatMap((set) => set.posts.map((p) => p.text));

describe('the one-pass sentiment tokenizer and scorer give what the sentiment library gives', () => {
  it('tokens', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(sentimentTokens(text)).toEqual(libraryTokenize(text));
      }),
      { numRuns: RUNS * 3 },
    );
    for (const text of ['', ' ', '...', 'a', ' a ', 'a\tb', 'a\t\tb', 'a \tb', '\ta', 'a\u00a0b', 'a.b', 'a..b', "don't stop", 'İx', 'a\nb', 'a\r\nb', 'a\rb']) {
      expect(sentimentTokens(text), JSON.stringify(text)).toEqual(libraryTokenize(text));
    }
  });

  it('score and comparative', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(analyzeSentiment(text)).toEqual(libraryAnalyze(text));
      }),
      { numRuns: RUNS * 3 },
    );
    for (const text of ['not good', 'constructor good', 'isnt bad', "don't love", 'good good not bad', 'great😍', 'great 😍', '']) {
      expect(analyzeSentiment(text), text).toEqual(libraryAnalyze(text));
    }
  });

  it('the scorer, with and without the known content', () => {
    const score = createSentimentScorer();
    fc.assert(
      fc.property(anyText, (text) => {
        expect(score(text)).toEqual(referenceScore(text));
      }),
      { numRuns: RUNS },
    );
  });

  it.skipIf(realTexts.length === 0)('on every real tweet of the shared data set', () => {
    const score = createSentimentScorer();
    let nonZero = 0;
    for (const text of realTexts) {
      expect(sentimentTokens(text)).toEqual(libraryTokenize(text));
      const result = score(text);
      expect(result).toEqual(referenceScore(text));
      if (result.score !== 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(1_000);
  });
});
