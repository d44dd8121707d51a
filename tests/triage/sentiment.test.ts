import { describe, expect, it } from 'vitest';
import { contentText } from '../../src/mapping/content-text.js';
import { createSentimentScorer } from '../../src/triage/sentiment.js';

describe('contentText', () => {
  it('removes @mentions and links but keeps e-mail addresses', () => {
    expect(contentText('@acmehelp hi https://t.co/abc see www.acme.com ok @Bob_2!')).toBe('hi see ok !');
    expect(contentText('write to jane@example.com')).toBe('write to jane@example.com');
  });
});

describe('createSentimentScorer', () => {
  const score = createSentimentScorer();

  it('scores words with the AFINN lexicon', () => {
    expect(score('this is terrible and awful').score).toBe(-6);
    expect(score('I love it, great, awesome').score).toBe(10);
    expect(score('hello there')).toEqual({ score: 0, comparative: 0 });
  });

  it('handles negation and emoji, also glued to words', () => {
    expect(score('not good').score).toBe(-3);
    expect(score('great😍').score).toBe(6);
  });

  it('ignores @mentions and links', () => {
    expect(score('@happy_user https://good.example.com/great hello').score).toBe(0);
  });

  it('returns zero for empty text', () => {
    expect(score('')).toEqual({ score: 0, comparative: 0 });
    expect(score('@acmehelp')).toEqual({ score: 0, comparative: 0 });
  });

  it('gives each scorer its own analyzer with the same results', () => {
    const other = createSentimentScorer();
    expect(other('this is bad')).toEqual(score('this is bad'));
  });
});
