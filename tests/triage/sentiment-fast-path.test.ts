import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realTweetSets } from '../../bench/stage-triage-inputs.js';
import { contentText } from '../../src/mapping/content-text.js';
import { truncateChars } from '../../src/mapping/text-limits.js';
import { analyzeSentiment, createSentimentScorer, scoreInto, spaceOutPictographs, type ScoredText } from '../../src/triage/sentiment.js';
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

  it("scoreInto (triage's scorer) gives the reference score and the lower-cased text it read", () => {
    const out: ScoredText = { score: 0, spaced: '', lower: undefined };
    const check = (text: string): void => {
      const content = contentText(text);
      scoreInto(out, text, content);
      expect(out.score, JSON.stringify(text)).toBe(referenceScore(text).score);
      expect(out.spaced).toBe(spaceOutPictographs(text.length <= 20_000 ? content : contentText(truncateChars(text, 20_000, ''))));
      expect(out.lower).toBe(out.spaced.trim() === '' ? undefined : out.spaced.toLowerCase());
    };
    fc.assert(fc.property(anyText, check), { numRuns: RUNS });
    for (const text of ['not good', 'constructor good', '@x   ', '😍 great', 'x'.repeat(20_001) + ' good', '']) check(text);
    for (const text of realTexts) check(text);
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

describe('pictographs are spaced out as the regular expression spaces them', () => {
  it('scores as the reference on emoji-heavy text', () => {
    const score = createSentimentScorer();
    const emoji = fc.string({ unit: fc.constantFrom('😀', '😡', '👍', '🏽', '❤', '\ufe0f', '©', '®', '™', '‼', 'a', ' ', '\t', 'great', 'bad', 'not', '\ud83d', '\ude00', '#', '1', '\u20e3', '🇫', '🇷') });
    fc.assert(
      fc.property(fc.oneof(emoji, anyText), (text) => {
        expect(score(text)).toEqual(referenceScore(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('spaceOutPictographs is the replace, for every code point alone and glued to words', () => {
    const replace = (text: string): string => text.replace(/(\p{Extended_Pictographic})/gu, ' $1 ');
    const wrong: number[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      const text = `a${c}b${c}`;
      if (spaceOutPictographs(text) !== replace(text)) wrong.push(cp);
    }
    expect(wrong).toEqual([]);
    fc.assert(
      fc.property(anyText, (text) => {
        expect(spaceOutPictographs(text)).toBe(replace(text));
      }),
      { numRuns: RUNS },
    );
  });
});
