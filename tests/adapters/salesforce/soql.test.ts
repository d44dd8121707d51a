import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkQuery, queryPath } from '../../../src/adapters/salesforce/query-builder.js';
import { escapeSoql, isSalesforceId, soqlLike, soqlString, wellFormed } from '../../../src/adapters/salesforce/soql.js';

/** Reads a SOQL string literal the way Salesforce does; throws on an unknown escape or an early quote. */
function readLiteral(literal: string, like = false): string {
  expect(literal.startsWith("'") && literal.endsWith("'")).toBe(true);
  const body = literal.slice(1, -1);
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === "'") throw new Error(`unescaped quote at ${i}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[++i] ?? '';
    if (like && (next === '_' || next === '%')) out += next;
    else if (next in map) out += map[next];
    else throw new Error(`bad escape \\${next}`);
  }
  return out;
}

describe('SOQL escaping', () => {
  it.each([
    ["O'Brien\\", "'O\\'Brien\\\\'"],
    ["' OR Name != '", "'\\' OR Name != \\''"],
    ['a\nb\rc\td\be\ff', "'a\\nb\\rc\\td\\be\\ff'"],
    ['say "hi"', `'say \\"hi\\"'`],
    ['\\\'', "'\\\\\\''"],
    ['naïve 日本 🎉', "'naïve 日本 🎉'"],
  ])('escapes %j', (value, literal) => {
    expect(soqlString(value)).toBe(literal);
    expect(readLiteral(literal)).toBe(value);
  });

  it('never emits \\uXXXX: control characters without a documented escape become U+FFFD', () => {
    expect(soqlString('nul\u0000bell\u0007del\u007f')).toBe("'nul\uFFFDbell\uFFFDdel\uFFFD'");
    expect(soqlString('\\u0041')).toBe("'\\\\u0041'"); // a literal backslash-u stays text
    expect(readLiteral(soqlString('\\u0041'))).toBe('\\u0041');
  });

  it('sends non-ASCII raw, UTF-8 percent-encoded in the query string', () => {
    const soql = `SELECT Id FROM Contact WHERE Name = ${soqlString('Zoë 日本 🎉')}`;
    expect(soql).toBe("SELECT Id FROM Contact WHERE Name = 'Zoë 日本 🎉'");
    expect(queryPath('62.0', soql)).toContain(encodeURIComponent('Zoë 日本 🎉'));
    expect(queryPath('62.0', soql)).toContain('Zo%C3%AB%20%E6%97%A5%E6%9C%AC%20%F0%9F%8E%89');
  });

  it.each([
    ['lone high surrogate', 'x\uD83D', "'x\uFFFD'"],
    ['lone low surrogate', '\uDE00y', "'\uFFFDy'"],
    ['reversed pair', '\uDE00\uD83D', "'\uFFFD\uFFFD'"],
    ['surrogate then quote', "\uD83D'", "'\uFFFD\\''"],
  ])('replaces a %s with U+FFFD before escaping, so encoding never throws', (_what, value, literal) => {
    expect(soqlString(value)).toBe(literal);
    expect(() => queryPath('62.0', `SELECT Id FROM Contact WHERE Name = ${soqlString(value)}`)).not.toThrow();
    expect(soqlString(value)).toBe(soqlString(value)); // deterministic
  });

  it('replaces lone surrogates (they cannot be sent) and keeps pairs', () => {
    expect(wellFormed('a\uD800b\uDC00c🎉')).toBe('a\uFFFDb\uFFFDc🎉');
    expect(() => encodeURIComponent(soqlString('x\uD83D'))).not.toThrow();
  });

  it('escapes _ and % only in LIKE patterns', () => {
    expect(soqlString('50%_off')).toBe("'50%_off'");
    expect(soqlLike("50%_off'")).toBe("'50\\%\\_off\\''");
    expect(readLiteral(soqlLike('a_b%c\\'), true)).toBe('a_b%c\\');
  });

  it('round-trips any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const expected = wellFormed(value).replace(/[\u0000-\u0007\u000b\u000e-\u001f\u007f]/g, '\uFFFD');
        expect(readLiteral(soqlString(value))).toBe(expected);
        expect(readLiteral(soqlLike(value), true)).toBe(expected);
        expect(soqlString(value)).not.toMatch(/(^|[^\\])(\\\\)*\\u/);
        expect(() => encodeURIComponent(escapeSoql(value))).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it('knows a record id when it sees one', () => {
    expect(isSalesforceId('003xx000004TmiQ')).toBe(true);
    expect(isSalesforceId('003xx000004TmiQAAS')).toBe(true);
    expect(isSalesforceId("003' OR Id != '")).toBe(false);
    expect(isSalesforceId('c1')).toBe(false);
  });
});

describe('chunked IN-list queries', () => {
  const base = 'https://acme.my.salesforce.com';
  const spec = (n: number) => ({
    select: ['Id', 'Social_Author_Id__c'],
    from: 'Contact',
    terms: [
      { field: 'Social_Author_Id__c', values: Array.from({ length: n }, (_, i) => `twitter:${1_000_000_000 + i}`) },
      { field: 'Email', values: Array.from({ length: n }, (_, i) => `o'brien+${i}@example.com`) },
    ],
  });

  it('keeps one query when it fits', () => {
    const [only, ...rest] = chunkQuery(spec(2), { apiVersion: '62.0', baseUrl: base });
    expect(rest).toEqual([]);
    expect(only).toBe(
      "SELECT Id, Social_Author_Id__c FROM Contact WHERE (Social_Author_Id__c IN ('twitter:1000000000','twitter:1000000001') OR Email IN ('o\\'brien+0@example.com','o\\'brien+1@example.com'))",
    );
  });

  it('cuts long lists so every URI stays under 16,384 bytes, losing and repeating no value', () => {
    const queries = chunkQuery(spec(2_000), { apiVersion: '62.0', baseUrl: base });
    expect(queries.length).toBeGreaterThan(3);
    for (const q of queries) expect(Buffer.byteLength(base + queryPath('62.0', q))).toBeLessThan(16_384 - 2_000);
    const seen = queries.flatMap((q) => [...q.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1]));
    expect(seen).toHaveLength(4_000);
    expect(new Set(seen).size).toBe(4_000);
  });

  it('adds the AND condition to every chunk and gives nothing for no values', () => {
    const queries = chunkQuery(
      { select: ['Id'], from: 'Case', terms: [{ field: 'ContactId', values: Array.from({ length: 1_500 }, (_, i) => `003xx0000${String(i).padStart(6, '0')}`) }], also: 'IsClosed = false' },
      { apiVersion: '62.0', baseUrl: base },
    );
    expect(queries.length).toBeGreaterThan(1);
    for (const q of queries) expect(q).toMatch(/^SELECT Id FROM Case WHERE ContactId IN \(.*\) AND IsClosed = false$/);
    expect(chunkQuery({ select: ['Id'], from: 'Case', terms: [{ field: 'Id', values: [] }] }, { apiVersion: '62.0', baseUrl: base })).toEqual([]);
  });
});

describe('values no query can carry', () => {
  it('leaves out values with control characters other than tab, newline, return (the rest still goes)', () => {
    const [only] = chunkQuery({ select: ['Id'], from: 'Contact', terms: [{ field: 'Name', values: ['Terminal\u0007Junkie', 'Ann\nLee'] }] }, { apiVersion: '62.0', baseUrl: 'https://x' });
    expect(only).toBe("SELECT Id FROM Contact WHERE Name IN ('Ann\\nLee')");
  });
});
