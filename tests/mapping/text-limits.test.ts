import { describe, expect, it } from 'vitest';
import {
  graphemeBoundaryAtOrBefore,
  sanitizeText,
  truncateAtWord,
  truncateChars,
  truncateUtf8Bytes,
  utf8Length,
} from '../../src/mapping/text-limits.js';

const FAMILY = '👨‍👩‍👧‍👦'; // 11 code units, one grapheme
const FLAGS = '🇫🇷🇩🇪🇮🇹'; // three flags, 4 code units each
const E_ACUTE = 'e\u0301'; // e + combining acute accent
const GRIN = '😀'; // surrogate pair

describe('sanitizeText', () => {
  it('turns CRLF and CR into LF and keeps tabs and newlines', () => {
    expect(sanitizeText('a\r\nb\rc\nd\te')).toBe('a\nb\nc\nd\te');
  });

  it('removes C0, DEL and C1 control characters', () => {
    expect(sanitizeText('\u0000a\u0007b\u001Bc\u007Fd\u0085e\u009Ff\u000Bg\u000Ch')).toBe('abcdefgh');
  });

  it('replaces lone surrogates with U+FFFD and keeps valid pairs', () => {
    expect(sanitizeText('a\uD800b\uDC00c' + GRIN + '\uD83D')).toBe('a\uFFFDb\uFFFDc' + GRIN + '\uFFFD');
    expect(sanitizeText('\uDC00\uD800')).toBe('\uFFFD\uFFFD');
  });

  it('keeps emoji, quotes, backslashes and other scripts untouched', () => {
    const text = `"quoted" 'single' back\\slash \\n ${FAMILY} ${FLAGS} ${E_ACUTE} 日本語 مرحبا`;
    expect(sanitizeText(text)).toBe(text);
  });
});

describe('utf8Length', () => {
  it('counts bytes like Buffer does, lone surrogates as 3', () => {
    for (const s of ['', 'abc', 'é', '€', GRIN, FAMILY, 'a\uD800', '\uDC00x']) {
      expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
    }
    expect(utf8Length(GRIN)).toBe(4);
  });
});

describe('truncateChars', () => {
  it('returns text that fits unchanged', () => {
    expect(truncateChars('hello', 5)).toBe('hello');
    expect(truncateChars('', 0)).toBe('');
  });

  it('counts the ellipsis within the limit and drops trailing spaces before it', () => {
    expect(truncateChars('hello world', 8)).toBe('hello w…');
    expect(truncateChars('hello world', 7)).toBe('hello…');
    expect(truncateChars('abcdef', 4, '...')).toBe('a...');
  });

  it('cuts without ellipsis when the ellipsis alone does not fit', () => {
    expect(truncateChars('abcdef', 2, '...')).toBe('ab');
    expect(truncateChars('abcdef', 0)).toBe('');
    expect(truncateChars('abcdef', 3, '')).toBe('abc');
  });

  it('never splits a surrogate pair at the boundary', () => {
    // budget 4: the pair occupies 3..4, so the cut falls before it
    expect(truncateChars('abc' + GRIN + 'def', 5)).toBe('abc…');
    expect(truncateChars('abc' + GRIN + 'def', 6)).toBe('abc' + GRIN + '…');
    expect(truncateChars(GRIN + GRIN, 2, '')).toBe(GRIN);
    expect(truncateChars(GRIN + GRIN, 1, '')).toBe('');
  });

  it('keeps a ZWJ family sequence whole or drops it whole', () => {
    const text = 'ab' + FAMILY + 'cd';
    expect(truncateChars(text, 13)).toBe('ab…');
    expect(truncateChars(text, 14)).toBe('ab' + FAMILY + '…');
  });

  it('never splits a flag into lone regional indicators', () => {
    expect(truncateChars(FLAGS, 7)).toBe('🇫🇷…');
    expect(truncateChars(FLAGS, 9)).toBe('🇫🇷🇩🇪…');
    expect(truncateChars(FLAGS, 3, '')).toBe('');
  });

  it('keeps a base letter with its combining marks', () => {
    expect(truncateChars('Caf' + E_ACUTE + ' ok', 5)).toBe('Caf…');
    expect(truncateChars('Caf' + E_ACUTE + ' ok', 6)).toBe('Caf' + E_ACUTE + '…');
  });

  it('cuts a 10,000-character text to 255 on a boundary', () => {
    const text = ('word ' + GRIN + ' ' + FAMILY + ' ').repeat(500).slice(0, 10_000);
    const out = truncateChars(text, 255);
    expect(out.length).toBeLessThanOrEqual(255);
    expect(out.endsWith('…')).toBe(true);
    const kept = out.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    expect(graphemeBoundaryAtOrBefore(text, kept.length)).toBe(kept.length);
  });

  it('stays fast on 1 MB inputs, including one giant grapheme cluster', () => {
    const plain = 'a'.repeat(1_000_000);
    const zalgo = 'e' + '\u0301'.repeat(1_000_000);
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      expect(truncateChars(plain, 32_000)).toHaveLength(32_000);
      expect(truncateChars(zalgo, 255)).toBe('…');
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('truncateUtf8Bytes', () => {
  it('returns text within the byte limit unchanged', () => {
    expect(truncateUtf8Bytes('éé', 4)).toBe('éé');
  });

  it('measures in bytes with the 3-byte ellipsis included', () => {
    expect(truncateUtf8Bytes('ééé', 5)).toBe('é…');
    expect(truncateUtf8Bytes(GRIN + GRIN, 7)).toBe(GRIN + '…');
    expect(truncateUtf8Bytes(GRIN + GRIN, 6)).toBe('…');
    expect(truncateUtf8Bytes(GRIN + GRIN, 2)).toBe('');
    expect(truncateUtf8Bytes('abcdef', 2)).toBe('ab');
  });

  it('keeps grapheme clusters whole', () => {
    expect(truncateUtf8Bytes('a' + FAMILY, 20)).toBe('a…');
    // the family is 25 bytes: 4 emoji × 4 + 3 ZWJ × 3
    expect(truncateUtf8Bytes('a' + FAMILY + 'bcde', 29)).toBe('a' + FAMILY + '…');
    expect(truncateUtf8Bytes('a' + FAMILY + 'bcde', 28)).toBe('a…');
    expect(truncateUtf8Bytes(FLAGS, 11)).toBe('🇫🇷…');
  });

  it('cuts 1 MB of multi-byte text to 4,000 bytes quickly', () => {
    const text = '€'.repeat(1_000_000);
    const started = performance.now();
    const out = truncateUtf8Bytes(text, 4_000);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(utf8Length(out)).toBe(3_999); // 1332 × 3 + 3
  });
});

describe('truncateAtWord', () => {
  it('prefers ending after a whole word', () => {
    expect(truncateAtWord('the quick brown fox jumps', 14)).toBe('the quick…');
  });

  it('cuts mid-word when the last space would waste too much room', () => {
    expect(truncateAtWord('a verylongwordwithoutspaces', 12)).toBe('a verylongw…');
  });
});
