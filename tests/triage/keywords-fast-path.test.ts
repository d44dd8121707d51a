import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realTweetSets } from '../../bench/stage-triage-inputs.js';
import { compileKeywordList, compileKeywords, firstKeyword } from '../../src/triage/keywords.js';
import { DEFAULT_URGENT_KEYWORDS } from '../../src/triage/triage-config.js';
import { anyText, RUNS } from '../mapping/text-arbitraries.js';
import { referenceKeywords } from './reference-keywords.js';

const LISTS: readonly (readonly string[])[] = [
  DEFAULT_URGENT_KEYWORDS,
  ['refund', 'charged twice', 'C++', 'déjà vu', 'lawsuit', 'hacked'],
  ['Σ', 'straße', 'İstanbul', 'k', 's', '#fail', 'a.b', 'x y z'],
];
const realTexts = realTweetSets().flatMap((set) => set.posts.map((p) => p.text));

describe('keyword prefilter', () => {
  it('a case-insensitive Unicode match of an ASCII letter survives toLowerCase, except for U+017F', () => {
    const exceptions: number[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (/^[a-z]$/iu.test(c) && !/^[a-z]$/.test(c.toLowerCase())) exceptions.push(cp);
    }
    expect(exceptions).toEqual([0x17f]);
  });

  it('gives what the regular expressions alone give', () => {
    const keywordArb = fc.oneof(fc.constantFrom('refund', 'hacked', 'lawsuit', 'charged twice', 'good', 'not bad', 'C++', 'Σ', 'x'), anyText);
    fc.assert(
      fc.property(fc.array(keywordArb, { maxLength: 6 }), anyText, (keywords, text) => {
        expect(compileKeywords(keywords)(text)).toBe(referenceKeywords(keywords)(text));
      }),
      { numRuns: 500 },
    );
    for (const keywords of LISTS) {
      const fast = compileKeywords(keywords);
      const reference = referenceKeywords(keywords);
      fc.assert(
        fc.property(anyText, (text) => {
          expect(fast(text)).toBe(reference(text));
        }),
        { numRuns: RUNS },
      );
      for (const text of ['HACKED', 'hacKed', 'lawſuit', 'LAWSUIT!', 'charged\u00a0twice', 'CHARGED\n TWICE', 'x İstanbul', 'STRASSE', 'σ', 'ς'])
        expect(fast(text), text).toBe(reference(text));
    }
  });

  it("firstKeyword (triage's matcher, handed the lower-cased text) answers as compileKeywords", () => {
    const keywordArb = fc.oneof(fc.constantFrom('refund', 'hacked', 'lawsuit', 'charged twice', 'good', 'not bad', 'C++', 'Σ', 'x', ' '), anyText);
    fc.assert(
      fc.property(fc.array(keywordArb, { maxLength: 6 }), anyText, (keywords, text) => {
        const list = compileKeywordList(keywords);
        const answer = list === undefined ? undefined : firstKeyword(list, text, text.toLowerCase());
        expect(answer).toBe(compileKeywords(keywords)(text));
      }),
      { numRuns: RUNS },
    );
    for (const keywords of LISTS) {
      const list = compileKeywordList(keywords);
      if (list === undefined) throw new Error('a list has keywords');
      for (const text of [...realTexts, 'lawſuit', 'LAWSUIT!', 'x İstanbul']) expect(firstKeyword(list, text, text.toLowerCase())).toBe(referenceKeywords(keywords)(text));
    }
  });

  it.skipIf(realTexts.length === 0)('on every real tweet of the shared data set', () => {
    for (const keywords of LISTS) {
      const fast = compileKeywords(keywords);
      const reference = referenceKeywords(keywords);
      for (const text of realTexts) expect(fast(text)).toBe(reference(text));
    }
  });
});
