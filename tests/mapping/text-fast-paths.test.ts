import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { realTweetSets } from '../../bench/stage-triage-inputs.js';
import { splitDisplayName } from '../../src/mapping/contact-name.js';
import { contentText } from '../../src/mapping/content-text.js';
import { splitDisplayName as referenceSplitDisplayName } from './reference/contact-name.js';
import { collapseWhitespace, sanitizeText } from '../../src/mapping/text-limits.js';
import { referenceCollapseWhitespace, referenceContentText, referenceSanitizeText } from './reference-text.js';
import { anyText, RUNS } from './text-arbitraries.js';

const realTexts = realTweetSets().flatMap((set) => set.posts.map((p) => p.text));

describe('text fast paths give what the regular expressions give', () => {
  it('sanitizeText', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(sanitizeText(text)).toBe(referenceSanitizeText(text));
    }), { numRuns: RUNS });
    for (const text of ['a\r\nb', 'a\rb', '\u0000x', '\u007f', '\u009f', 'ok\t\n', '😀', '\ud83d', 'x\ude00', '\ude00\ud83d', '\ud83d\ud83d\ude00']) {
      expect(sanitizeText(text)).toBe(referenceSanitizeText(text));
    }
  });

  it('sanitizeText returns the same string when nothing changes (emoji included)', () => {
    const text = 'fine 😀 text\twith\ttabs\nand lines';
    expect(sanitizeText(text)).toBe(text);
  });

  it('collapseWhitespace', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(collapseWhitespace(text)).toBe(referenceCollapseWhitespace(text));
    }), { numRuns: RUNS });
    for (const text of ['', ' ', 'a', ' a', 'a ', 'a  b', 'a b', 'a\tb', 'a\u00a0b', '\ufeffa', 'a\u2028']) {
      expect(collapseWhitespace(text)).toBe(referenceCollapseWhitespace(text));
    }
  });

  it('contentText', () => {
    fc.assert(fc.property(anyText, (text) => {
      expect(contentText(text)).toBe(referenceContentText(text));
    }), { numRuns: RUNS * 3 });
    const cases = [
      '@acmehelp hi https://t.co/abc see www.acme.com ok @Bob_2!',
      'jane@example.com', 'a.@b', '@', '@ x', '@@a', 'é@a', '😀@a', '\ud83d@a', '@é', '@😀', '@a@b', 'x@a',
      'http://', 'http:// x', 'xhttp://a', '.http://a', 'ſhttp://a', 'Khttp://a', 'éhttp://a', 'HTTPſ://x', 'httpS://x', 'WwW.x',
      '@boéwww.x.com', '@bob.http://x', 'http://x@y @z', 'a  b', ' a ', '\ta\n', 'x https://t.co/a\u00a0y',
    ];
    for (const text of cases) expect(contentText(text), JSON.stringify(text)).toBe(referenceContentText(text));
  });

  it('splitDisplayName (ASCII-only names skip the emoji regex)', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.string({ unit: 'binary-ascii' }), fc.string({ unit: fc.constantFrom('a', ' ', '#', '*', '1', '\t', '©', '😀', '\u200d', '\ufe0f') })), (name) => {
        expect(splitDisplayName(name, 'h')).toStrictEqual(referenceSplitDisplayName(name, 'h'));
      }),
      { numRuns: RUNS },
    );
    const ascii = Array.from({ length: 0x80 }, (_, unit) => String.fromCharCode(unit)).join(' ');
    expect(splitDisplayName(ascii, 'h')).toStrictEqual(referenceSplitDisplayName(ascii, 'h'));
  });

  it.skipIf(realTexts.length === 0)('on every real tweet of the shared data set', () => {
    for (const text of realTexts) {
      expect(sanitizeText(text)).toBe(referenceSanitizeText(text));
      const clean = sanitizeText(text);
      expect(collapseWhitespace(clean)).toBe(referenceCollapseWhitespace(clean));
      expect(contentText(clean)).toBe(referenceContentText(clean));
    }
    expect(realTexts.length).toBeGreaterThan(10_000);
  });
});
