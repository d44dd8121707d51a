import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeSnapshotJson, type SnapshotValue } from '../../src/files/snapshot-json.js';

let dir: string;
let n = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'snapshot-json-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `body` to a fresh file; returns its text and the byte count the writer reported. */
function write(body: Record<string, SnapshotValue>): { text: string; bytes: number; size: number } {
  const path = join(dir, `s${(n += 1)}.json`);
  const fd = openSync(path, 'w');
  let bytes: number;
  try {
    bytes = writeSnapshotJson(fd, body);
  } finally {
    closeSync(fd);
  }
  return { text: readFileSync(path, 'utf8'), bytes, size: statSync(path).size };
}

describe('writeSnapshotJson', () => {
  it('puts one top-level key per line and one row per line', () => {
    const posts = new Map<string, unknown>([
      ['p1', { postId: 'p1', outcome: 'case' }],
      ['p2', { postId: 'p2', outcome: 'ignored' }],
    ]);
    const { text } = write({ seq: 3, cases: [{ id: 'c1', subject: 'a "quoted" \\ subject' }, { id: 'c2' }], posts, empty: [], none: new Map() });
    expect(text).toBe(
      [
        '{',
        '  "seq": 3,',
        '  "cases": [',
        '    {"id":"c1","subject":"a \\"quoted\\" \\\\ subject"},',
        '    {"id":"c2"}',
        '  ],',
        '  "posts": {',
        '    "p1": {"postId":"p1","outcome":"case"},',
        '    "p2": {"postId":"p2","outcome":"ignored"}',
        '  },',
        '  "empty": [],',
        '  "none": {}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints scalar arrays exactly as JSON.stringify(value, null, 2) does', () => {
    const body = { sum: 3, items: ['a', 'b'], flag: true, nothing: null };
    expect(write(body).text).toBe(`${JSON.stringify(body, null, 2)}\n`);
  });

  it('leaves out undefined keys and map entries, and writes undefined array elements as null', () => {
    const { text } = write({ a: undefined, b: [undefined, 1], c: new Map<string, unknown>([['x', undefined], ['y', 2]]) });
    expect(JSON.parse(text)).toEqual({ b: [null, 1], c: { y: 2 } });
  });

  it('writes an empty body as {}', () => {
    expect(write({}).text).toBe('{}\n');
  });

  it('reports the bytes written, multi-byte text across many chunks included', () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => ({ id: i, text: `${'😀é'.repeat(300)} ${i}` }));
    const { text, bytes, size } = write({ rows });
    expect(bytes).toBe(size);
    expect(size).toBeGreaterThan(2 * (1 << 20));
    expect(JSON.parse(text)).toEqual({ rows });
  });

  it('round-trips any JSON document (property)', () => {
    const row = fc.dictionary(fc.string(), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(row), fc.dictionary(fc.string(), row), fc.jsonValue(), (list, record, scalar) => {
        const map = new Map(Object.entries(record));
        const { text } = write({ list, map, scalar });
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify({ list, map: record, scalar })));
      }),
      { numRuns: 100 },
    );
  });
});
