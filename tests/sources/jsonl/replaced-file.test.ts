import { appendFile, rename, truncate, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import { bytes, cursorAt, postLine, pullAll, useTempDir, writeJsonl } from './helpers.js';

const tmp = useTempDir('each');

const file = (ids: readonly string[], text = 'hello'): string => ids.map((id) => `${postLine(id, { text: `${text} ${id}` })}\n`).join('');
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

/** Reads the whole file and returns the last cursor. */
async function readToEnd(path: string): Promise<string | null> {
  const pages = await pullAll(jsonlSource({ path }), 100);
  return pages.at(-1)?.nextCursor ?? null;
}

describe('jsonlSource: a file replaced under the cursor', () => {
  it.each([
    ['rewritten in place', (path: string, content: string) => writeFile(path, content)],
    ['replaced by rename (log rotation)', async (path: string, content: string) => {
      await writeFile(`${path}.new`, content);
      await rename(`${path}.new`, path);
    }],
  ])('replaced by a longer, different file (%s): starts again at line 1 and reads every post', async (_how, replace) => {
    const old = file(range(1, 3));
    const path = await writeJsonl(tmp(), old);
    const cursor = await readToEnd(path);
    expect(cursor).toBe(cursorAt(old, bytes(old), 3));
    const next = file(range(101, 110), 'the new export, with longer lines than before');
    expect(bytes(next)).toBeGreaterThan(bytes(old));
    await replace(path, next);
    for (const limit of [1, 4, 100]) {
      const pages = await pullAll(jsonlSource({ path }), limit, cursor);
      expect(pages.flatMap((p) => p.rejected)).toEqual([]);
      expect(pages.flatMap((p) => p.posts.map((post) => post.id))).toEqual(range(101, 110));
      expect(pages.at(-1)?.nextCursor).toBe(cursorAt(next, bytes(next), 10));
    }
  });

  it('replaced by a different file of the same size: starts again', async () => {
    const path = await writeJsonl(tmp(), file(['1', '2']));
    const cursor = await readToEnd(path);
    await writeFile(path, file(['3', '4']));
    const pages = await pullAll(jsonlSource({ path }), 10, cursor);
    expect(pages.flatMap((p) => p.posts.map((post) => post.id))).toEqual(['3', '4']);
  });

  it('truncated (fingerprinted cursor past the end): starts again at line 1', async () => {
    const old = file(range(1, 5));
    const path = await writeJsonl(tmp(), old);
    const cursor = await readToEnd(path);
    const kept = file(range(1, 2));
    await truncate(path, bytes(kept));
    const page = await jsonlSource({ path }).pull(cursor, { limit: 10 });
    expect(page).toMatchObject({ rejected: [], done: true, nextCursor: cursorAt(kept, bytes(kept), 2) });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '2']);
  });

  it('truncated to nothing: done with a cursor at the start, which holds until the file grows', async () => {
    const path = await writeJsonl(tmp(), file(range(1, 3)));
    const cursor = await readToEnd(path);
    await truncate(path, 0);
    const source = jsonlSource({ path });
    const page = await source.pull(cursor, { limit: 10 });
    expect(page).toEqual({ posts: [], rejected: [], nextCursor: cursorAt('', 0, 0), done: true });
    expect(await source.pull(page.nextCursor, { limit: 10 })).toEqual(page);
    await appendFile(path, file(['7']));
    expect((await source.pull(page.nextCursor, { limit: 10 })).posts.map((p) => p.id)).toEqual(['7']);
  });

  it('a cursor whose fingerprint does not match (edited by hand) starts again rather than mid-file', async () => {
    const content = file(range(1, 3));
    const path = await writeJsonl(tmp(), content);
    const page = await jsonlSource({ path }).pull(`b=${bytes(content) - 5};l=2;h=0123456789abcdef`, { limit: 10 });
    expect(page.rejected).toEqual([]);
    expect(page.posts.map((p) => p.id)).toEqual(range(1, 3));
  });
});

describe('jsonlSource: a file appended to', () => {
  it('resumes exactly after the last consumed line, from every cursor', async () => {
    const first = file(range(1, 4));
    const path = await writeJsonl(tmp(), first);
    const source = jsonlSource({ path });
    const before = await pullAll(source, 1);
    await appendFile(path, file(['5', '6']));
    const all = first + file(['5', '6']);
    for (const [i, page] of before.entries()) {
      const rest = await pullAll(source, 3, page.nextCursor);
      expect(rest.flatMap((p) => p.posts.map((post) => post.id)), `from ${String(page.nextCursor)}`).toEqual(range(i + 2, 6));
      expect(rest.flatMap((p) => p.rejected)).toEqual([]);
      expect(rest.at(-1)?.nextCursor).toBe(cursorAt(all, bytes(all), 6));
    }
  });

  it('keeps resuming exactly across more than 256 bytes of appends (the fingerprint window)', async () => {
    const path = await writeJsonl(tmp(), file(['1']));
    const source = jsonlSource({ path, chunkSize: 7 });
    let cursor = await readToEnd(path);
    const seen: string[] = [];
    for (let i = 2; i <= 8; i++) {
      await appendFile(path, file([String(i)], 'x'.repeat(150)));
      const pages = await pullAll(source, 2, cursor);
      seen.push(...pages.flatMap((p) => p.posts.map((post) => post.id)));
      cursor = pages.at(-1)?.nextCursor ?? null;
    }
    expect(seen).toEqual(range(2, 8));
  });
});

describe('jsonlSource: old-format cursors (no fingerprint)', () => {
  it('are resumed from as before, and the next cursor carries a fingerprint', async () => {
    const content = file(range(1, 3));
    const path = await writeJsonl(tmp(), content);
    const oldCursor = `b=${bytes(file(['1']))};l=1`;
    const page = await jsonlSource({ path }).pull(oldCursor, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['2', '3']);
    expect(page.nextCursor).toBe(cursorAt(content, bytes(content), 3));
  });

  it('at the end of the file: done, nothing read, the same cursor', async () => {
    const content = file(range(1, 2));
    const path = await writeJsonl(tmp(), content);
    const oldCursor = `b=${bytes(content)};l=2`;
    expect(await jsonlSource({ path }).pull(oldCursor, { limit: 10 })).toEqual({ posts: [], rejected: [], nextCursor: oldCursor, done: true });
  });

  it('past the end of the file: a SourceError, as before', async () => {
    const path = await writeJsonl(tmp(), file(['1']));
    await expect(jsonlSource({ path }).pull('b=100000;l=3', { limit: 1 })).rejects.toThrow(/Cursor b=100000;l=3 points past the end of/);
  });

  it('are not checked against the file: a replaced file is read from the old offset', async () => {
    const path = await writeJsonl(tmp(), file(['1', '2']));
    await writeFile(path, file(['3', '4', '5']));
    const page = await jsonlSource({ path }).pull(`b=${bytes(file(['1']))};l=1`, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['4', '5']);
  });
});
