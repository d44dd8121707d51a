import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { forgetLocksHeldHere } from '../../src/files/file-lock.js';
import { journalPathOf, openJournalFile, type Durability } from '../../src/files/journal-file.js';

/** A deliberately non-idempotent document: replaying a change twice would show (sum and list). */
interface Doc {
  sum: number;
  items: string[];
}
type Change = { add: number; item: string };

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
  path = join(dir, 'nested', 'doc.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Opens the document; an earlier open left unclosed counts as crashed (these tests simulate crashes that way). */
function open(options: { compactBytes?: number; durability?: Durability } = {}) {
  forgetLocksHeldHere();
  return openJournalFile<Doc, Change>({
    path,
    load: (snapshot) => (snapshot === undefined ? { sum: 0, items: [] } : (snapshot as unknown as Doc)),
    save: (doc) => ({ sum: doc.sum, items: doc.items }),
    apply: (doc, change) => {
      doc.sum += change.add;
      doc.items.push(change.item);
      return doc;
    },
    parseChange: (value) => {
      const v = value as Change;
      if (typeof v.add !== 'number') throw new Error('add must be a number');
      return v;
    },
    ...options,
  });
}

const journalText = (): string => readFileSync(journalPathOf(path), 'utf8');

describe('openJournalFile', () => {
  it('starts empty, creating the parent directory', () => {
    const j = open();
    expect(j.doc).toEqual({ sum: 0, items: [] });
    expect(j.seq).toBe(0);
    expect(existsSync(journalPathOf(path))).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ seq: 0, sum: 0, items: [] }); // the file is there from the start
    j.close();
  });

  it('compactIfStale: counts from the file\'s last write (its mtime at open), skips an empty journal, and waits again after a failure', async () => {
    open().close(); // creates the file
    const old = new Date(Date.now() - 120_000);
    utimesSync(path, old, old);
    const j = open(); // the file was last written two minutes ago
    j.compactIfStale(60_000);
    expect(j.journalBytes).toBe(0); // nothing to write yet
    j.commit({ add: 1, item: 'a' });
    j.compactIfStale(60_000);
    expect(j.journalBytes).toBe(0); // stale since the mtime: written
    j.commit({ add: 2, item: 'b' });
    await new Promise((r) => setTimeout(r, 60));
    mkdirSync(`${path}.tmp`); // the next write fails
    j.compactIfStale(0);
    expect(j.journalBytes).toBeGreaterThan(0); // failed, quietly
    rmSync(`${path}.tmp`, { recursive: true });
    j.compactIfStale(50);
    expect(j.journalBytes).toBeGreaterThan(0); // the failure restarted the clock: not retried at once
    j.compactIfStale(0);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ seq: 2, sum: 3 });
    j.close();
  });

  it('replays the journal after a crash (no close)', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    j.commit({ add: 2, item: 'b' });
    j.commit({ add: 3, item: 'c' });
    expect(journalText().trim().split('\n')).toHaveLength(3);
    // The file was written empty when the document was created; the commits are in the journal only.
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ seq: 0, sum: 0, items: [] });
    const again = open();
    expect(again.doc).toEqual({ sum: 6, items: ['a', 'b', 'c'] });
    expect(again.seq).toBe(3);
  });

  it('ignores a torn last line, cuts it off and keeps appending after it', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    j.commit({ add: 2, item: 'b' });
    const goodBytes = statSync(journalPathOf(path)).size;
    appendFileSync(journalPathOf(path), '{"seq":3,"change":{"add":4,"it');
    const reopened = open();
    expect(reopened.doc).toEqual({ sum: 3, items: ['a', 'b'] });
    expect(statSync(journalPathOf(path)).size).toBe(goodBytes);
    reopened.commit({ add: 10, item: 'z' });
    expect(open().doc).toEqual({ sum: 13, items: ['a', 'b', 'z'] });
  });

  it('treats an unreadable last complete line (zero-filled tail) as torn', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    appendFileSync(journalPathOf(path), '\0\0\0\0\n\0\0');
    const reopened = open();
    expect(reopened.doc).toEqual({ sum: 1, items: ['a'] });
    expect(journalText()).toBe('{"seq":1,"change":{"add":1,"item":"a"}}\n');
  });

  it('refuses a corrupt line in the middle, naming file and line', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    appendFileSync(journalPathOf(path), 'garbage\n');
    j.commit({ add: 2, item: 'b' });
    expect(() => open()).toThrow(ConfigError);
    expect(() => open()).toThrow(`${journalPathOf(path)} line 2`);
  });

  it('refuses a change the parser rejects, naming the line', () => {
    mkdirSync(join(dir, 'nested'));
    writeFileSync(journalPathOf(path), '{"seq":1,"change":{"add":1,"item":"a"}}\n{"seq":2,"change":{"add":"x"}}\n');
    expect(() => open()).toThrow(/line 2: invalid change: add must be a number/);
  });

  it('compacts into a pretty snapshot with seq and an empty journal on close', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    j.commit({ add: 2, item: 'b' });
    j.close();
    expect(journalText()).toBe('');
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(`${JSON.stringify({ seq: 2, sum: 3, items: ['a', 'b'] }, null, 2)}\n`);
    expect(existsSync(`${path}.tmp`)).toBe(false);
    expect(() => j.commit({ add: 1, item: 'x' })).toThrow(/closed/);
    const again = open();
    expect(again.doc).toEqual({ sum: 3, items: ['a', 'b'] });
    expect(again.seq).toBe(2);
  });

  it('compacts automatically when the journal outgrows compactBytes', () => {
    const j = open({ compactBytes: 200 });
    let compactions = 0;
    let last = 0;
    for (let i = 1; i <= 20; i += 1) {
      j.commit({ add: i, item: `item${i}` });
      if (j.journalBytes < last) compactions += 1;
      last = j.journalBytes;
      expect(j.journalBytes).toBeLessThanOrEqual(200);
    }
    expect(compactions).toBeGreaterThanOrEqual(3);
    const again = open();
    expect(again.doc.sum).toBe(210);
    expect(again.doc.items).toHaveLength(20);
    expect(again.seq).toBe(20);
  });

  it('skips journal entries the snapshot already holds (crash between rename and truncate)', () => {
    const j = open();
    j.commit({ add: 1, item: 'a' });
    j.commit({ add: 2, item: 'b' });
    const before = journalText();
    j.compact();
    j.commit({ add: 4, item: 'c' });
    const after = journalText();
    // As if the journal had not been truncated: the old lines (seq 1, 2) precede the new one (seq 3).
    writeFileSync(journalPathOf(path), before + after);
    const again = open();
    expect(again.doc).toEqual({ sum: 7, items: ['a', 'b', 'c'] });
    expect(again.seq).toBe(3);
  });

  it('loads a hand-written snapshot without seq', () => {
    const handPath = join(dir, 'hand.json');
    writeFileSync(handPath, JSON.stringify({ sum: 5, items: ['seed'] }));
    const j = openJournalFile<Doc, Change>({
      path: handPath,
      load: (s) => s as unknown as Doc,
      save: (d) => ({ ...d }),
      apply: (d, c) => ({ sum: d.sum + c.add, items: [...d.items, c.item] }),
    });
    expect(j.seq).toBe(0);
    j.commit({ add: 1, item: 'x' });
    j.close();
    expect(JSON.parse(readFileSync(handPath, 'utf8'))).toEqual({ seq: 1, sum: 6, items: ['seed', 'x'] });
  });

  it('rejects a snapshot that is not JSON, naming the file', () => {
    open().close();
    writeFileSync(path, '{ not json');
    expect(() => open()).toThrow(ConfigError);
    expect(() => open()).toThrow(path);
  });

  it('keeps up with 1000 commits a second in flush mode', () => {
    const j = open({ durability: 'flush' });
    const started = performance.now();
    for (let i = 0; i < 1000; i += 1) j.commit({ add: 1, item: 'x' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(open().doc.sum).toBe(1000);
  });
});
