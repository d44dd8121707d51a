import { appendFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SourceError } from '../../../src/errors.js';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import { bytes, cursorAt, postLine, pullAll, useTempDir, writeJsonl } from './helpers.js';

const tmp = useTempDir('each');


describe('jsonlSource: reading', () => {
  it('defaults its id to jsonl:<absolute path> and has no reply', async () => {
    const path = await writeJsonl(tmp(), '');
    const source = jsonlSource({ path });
    expect(source.id).toBe(`jsonl:${resolve(path)}`);
    expect(source.reply).toBeUndefined();
    expect(jsonlSource({ path, id: 'replay-1' }).id).toBe('replay-1');
  });

  it('an empty file is done at once with the input cursor', async () => {
    const source = jsonlSource({ path: await writeJsonl(tmp(), '') });
    expect(await source.pull(null, { limit: 10 })).toEqual({ posts: [], rejected: [], nextCursor: null, done: true });
  });

  it('stops after limit items with the exact byte offset of the next line', async () => {
    const lines = ['1', '2', '3', '4', '5'].map((id) => postLine(id));
    const content = lines.map((l) => `${l}\n`).join('');
    const source = jsonlSource({ path: await writeJsonl(tmp(), content) });
    const page = await source.pull(null, { limit: 2 });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '2']);
    expect(page.done).toBe(false);
    expect(page.nextCursor).toBe(cursorAt(content, bytes(lines[0]!) + bytes(lines[1]!) + 2, 2));
    const rest = await source.pull(page.nextCursor, { limit: 3 });
    expect(rest.posts.map((p) => p.id)).toEqual(['3', '4', '5']);
    expect(rest.done).toBe(true);
  });

  it('normalizes posts (kind defaulted, @ stripped)', async () => {
    const line = postLine('7', { inReplyTo: { postId: '6' }, author: { id: 'u7', handle: '@ada' }, mentions: ['@acme'] });
    const source = jsonlSource({ path: await writeJsonl(tmp(), `${line}\n`) });
    const [post] = (await source.pull(null, { limit: 5 })).posts;
    expect(post).toMatchObject({ id: '7', kind: 'reply', author: { handle: 'ada' }, mentions: ['acme'], createdAt: '2024-05-01T12:00:00.000Z' });
  });

  it('lower-cases the provider, also where author.provider defaults to it', async () => {
    const line = postLine('1', { provider: ' Twitter ' });
    const [post] = (await jsonlSource({ path: await writeJsonl(tmp(), `${line}\n`) }).pull(null, { limit: 5 })).posts;
    expect(post).toMatchObject({ provider: 'twitter', author: { provider: 'twitter' } });
  });

  it('accepts CRLF line ends', async () => {
    const content = `${postLine('1')}\r\n${postLine('2', { text: 'crlf ü' })}\r\n`;
    for (const chunkSize of [1, 2, 3, 5, 64, 65536]) {
      const pages = await pullAll(jsonlSource({ path: await writeJsonl(tmp(), content), chunkSize }), 10);
      const posts = pages.flatMap((p) => p.posts);
      expect(posts.map((p) => p.text)).toEqual(['hello 1', 'crlf ü']);
      expect(pages.flatMap((p) => p.rejected)).toEqual([]);
    }
  });

  it('skips blank and whitespace-only lines, consuming them', async () => {
    const content = `\n\n${postLine('1')}\n   \n\t\r\n${postLine('2')}\n\n`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '2']);
    expect(page.rejected).toEqual([]);
    expect(page.nextCursor).toBe(cursorAt(content, bytes(content), 7));
    expect(page.done).toBe(true);
  });

  it('strips a UTF-8 byte order mark before the first line', async () => {
    const page = await jsonlSource({ path: await writeJsonl(tmp(), `\uFEFF${postLine('1')}\n`) }).pull(null, { limit: 5 });
    expect(page.posts.map((p) => p.id)).toEqual(['1']);
  });

  it('is done, with posts, when the limit is reached exactly at the end of the file', async () => {
    const page = await jsonlSource({ path: await writeJsonl(tmp(), `${postLine('1')}\n${postLine('2')}\n`) }).pull(null, { limit: 2 });
    expect(page.posts).toHaveLength(2);
    expect(page.done).toBe(true);
  });
});

describe('jsonlSource: bad input', () => {
  it('dead-letters a line of invalid JSON with its line number and keeps going', async () => {
    const bad = '{"id": "2", "text": oops}';
    const content = `${postLine('1')}\n${bad}\n${postLine('3')}\n`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '3']);
    expect(page.rejected).toHaveLength(1);
    const letter = page.rejected[0]!;
    expect(letter).toMatchObject({ postId: 'line:2', stage: 'source', code: 'SOURCE', line: 2, payload: bad });
    expect(letter.reason).toMatch(/^line 2: invalid JSON: /);
    expect(Number.isNaN(Date.parse(letter.at))).toBe(false);
  });

  it('cuts the payload of a bad line at 10,000 characters', async () => {
    const bad = `{${'é'.repeat(20_000)}`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), `${bad}\n`) }).pull(null, { limit: 10 });
    expect(page.rejected[0]?.payload).toBe(bad.slice(0, 10_000));
  });

  it('dead-letters an invalid post at stage validate, naming the field, post id and line', async () => {
    const invalid = postLine('2', { author: { id: 'u2', handle: '' } });
    const content = `${postLine('1')}\n${invalid}\n`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1']);
    expect(page.rejected).toEqual([
      expect.objectContaining({ postId: 'twitter:2', stage: 'validate', code: 'MAPPING', field: 'author.handle', line: 2, payload: invalid }),
    ]);
    expect(page.rejected[0]?.reason).toMatch(/^line 2: Invalid post 2: author\.handle: /);
  });

  it('says in plain words what is wrong with an invalid post: a missing field, a wrong type with its value', async () => {
    const missing = postLine('2', { author: { id: 'u2' } });
    const wrongType = postLine('3', { kind: 7 });
    const page = await jsonlSource({ path: await writeJsonl(tmp(), `${missing}\n${wrongType}\n`) }).pull(null, { limit: 10 });
    expect(page.rejected.map((r) => [r.field, r.reason])).toEqual([
      ['author.handle', 'line 1: Invalid post 2: author.handle: missing'],
      ['kind', 'line 2: Invalid post 3: kind: expected one of post, reply, quote, repost, direct_message, got 7'],
    ]);
  });

  it('dead-letters a handle with nothing visible after the @ (stage validate, field, line) and reads on', async () => {
    const handles = ['@', '@\t', '\u0007', '@ '];
    const lines = [postLine('1'), ...handles.map((handle, i) => postLine(String(i + 2), { author: { id: 'u', handle } })), postLine('9')];
    const page = await jsonlSource({ path: await writeJsonl(tmp(), lines.map((l) => `${l}\n`).join('')) }).pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '9']);
    expect(page.rejected.map((r) => [r.postId, r.stage, r.field, r.line])).toEqual([
      ['twitter:2', 'validate', 'author.handle', 2],
      ['twitter:3', 'validate', 'author.handle', 3],
      ['twitter:4', 'validate', 'author.handle', 4],
      ['twitter:5', 'validate', 'author.handle', 5],
    ]);
    expect(page.rejected[0]?.reason).toMatch(/^line 2: Invalid post 2: author\.handle: must have a visible character/);
  });

  it('names an invalid post without id by its line', async () => {
    const page = await jsonlSource({ path: await writeJsonl(tmp(), '[1,2]\n42\n') }).pull(null, { limit: 10 });
    expect(page.rejected.map((r) => [r.postId, r.stage, r.line])).toEqual([
      ['line:1', 'validate', 1],
      ['line:2', 'validate', 2],
    ]);
  });

  it('skips a line longer than maxLineBytes without buffering it, then reads on', async () => {
    const huge = postLine('2', { text: 'ü'.repeat(5_000) });
    const content = `${postLine('1')}\n${huge}\n${postLine('3')}\n`;
    for (const chunkSize of [16, 1000, 65536]) {
      const source = jsonlSource({ path: await writeJsonl(tmp(), content), maxLineBytes: 1000, chunkSize });
      const pages = await pullAll(source, 1);
      expect(pages.flatMap((p) => p.posts).map((p) => p.id)).toEqual(['1', '3']);
      const rejected = pages.flatMap((p) => p.rejected);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]).toMatchObject({ postId: 'line:2', stage: 'source', code: 'SOURCE', line: 2 });
      expect(rejected[0]?.reason).toBe(`line 2: longer than 1000 bytes (${bytes(huge)} bytes); skipped`);
      expect(huge.startsWith(String(rejected[0]?.payload).replace(/\uFFFD$/, ''))).toBe(true);
    }
  });

  it('gives an over-long line the same payload however the reads split it and wherever the pull started', async () => {
    const huge = postLine('2', { text: 'x'.repeat(600) });
    const path = await writeJsonl(tmp(), `${postLine('1')}\n${huge}\n`);
    const payloads = new Set<unknown>();
    for (const chunkSize of [7, 64, 100, 65536]) {
      for (const from of [null, cursorAt(`${postLine('1')}\n`, bytes(`${postLine('1')}\n`), 2)]) {
        const pages = await pullAll(jsonlSource({ path, maxLineBytes: 200, chunkSize }), 10, from);
        for (const dl of pages.flatMap((p) => p.rejected)) payloads.add(dl.payload);
      }
    }
    expect([...payloads]).toEqual([huge.slice(0, 200)]);
  });

  it('keeps a line of exactly maxLineBytes', async () => {
    const line = postLine('1');
    const page = await jsonlSource({ path: await writeJsonl(tmp(), `${line}\n`), maxLineBytes: bytes(line), chunkSize: 8 }).pull(null, { limit: 2 });
    expect(page.posts).toHaveLength(1);
  });

  it('counts rejected lines against the limit', async () => {
    const content = `x\ny\n${postLine('3')}\n`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 2 });
    expect(page.rejected).toHaveLength(2);
    expect(page.posts).toHaveLength(0);
    expect(page.nextCursor).toBe(cursorAt(content, 4, 2));
  });
});

describe('jsonlSource: errors', () => {
  it('a missing file is a SourceError naming the path', async () => {
    const path = join(tmp(), 'nope.jsonl');
    const error: unknown = await jsonlSource({ path }).pull(null, { limit: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceError);
    expect((error as SourceError).message).toBe(`JSONL file not found: ${path}`);
  });

  it('a directory is a SourceError naming the path', async () => {
    await expect(jsonlSource({ path: tmp() }).pull(null, { limit: 1 })).rejects.toThrow(/Cannot read JSONL file .* \(EISDIR\)/);
  });

  it('a malformed cursor is a SourceError naming the cursor', async () => {
    const source = jsonlSource({ path: await writeJsonl(tmp(), `${postLine('1')}\n`) });
    await expect(source.pull('offset=3', { limit: 1 })).rejects.toThrow(/Malformed jsonl cursor "offset=3"/);
  });

  it('an old-format cursor (no fingerprint) past the end of the file is still a SourceError', async () => {
    const source = jsonlSource({ path: await writeJsonl(tmp(), `${postLine('1')}\n`) });
    await expect(source.pull('b=100000;l=3', { limit: 1 })).rejects.toThrow(/Cursor b=100000;l=3 points past the end of/);
  });

  it('rejects a limit below 1 and bad options', async () => {
    const path = await writeJsonl(tmp(), '');
    await expect(jsonlSource({ path }).pull(null, { limit: 0 })).rejects.toBeInstanceOf(SourceError);
    expect(() => jsonlSource({ path, maxLineBytes: -1 })).toThrow(ConfigError);
    expect(() => jsonlSource({ path: '' })).toThrow(expect.objectContaining({ details: { field: 'source.path' } }));
  });

  it('stops when the signal is aborted', async () => {
    const source = jsonlSource({ path: await writeJsonl(tmp(), `${postLine('1')}\n`) });
    await expect(source.pull(null, { limit: 1, signal: AbortSignal.abort(new Error('stop')) })).rejects.toThrow('stop');
  });
});

describe('jsonlSource: unterminated last line', () => {
  it('consumes it when it is complete JSON', async () => {
    const content = `${postLine('1')}\n${postLine('2')}`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1', '2']);
    expect(page).toMatchObject({ nextCursor: cursorAt(content, bytes(content), 2), done: true });
  });

  it('dead-letters it when it is JSON but not a valid post', async () => {
    const content = `${postLine('1')}\n{"id":"2"}`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content) }).pull(null, { limit: 10 });
    expect(page.rejected).toEqual([expect.objectContaining({ postId: '2', stage: 'validate', line: 2 })]);
    expect(page.nextCursor).toBe(cursorAt(content, bytes(content), 2));
  });

  it('leaves it unconsumed while it is not JSON yet, and reads it once finished', async () => {
    const first = `${postLine('1')}\n`;
    const second = postLine('2', { text: 'späť' });
    const cut = second.slice(0, 30);
    const path = await writeJsonl(tmp(), first + cut);
    const source = jsonlSource({ path, chunkSize: 7 });
    const page = await source.pull(null, { limit: 10 });
    expect(page.posts.map((p) => p.id)).toEqual(['1']);
    expect(page.rejected).toEqual([]);
    expect(page).toMatchObject({ nextCursor: cursorAt(first, bytes(first), 1), done: true });
    // Still being written: the same answer again.
    const again = await source.pull(page.nextCursor, { limit: 10 });
    expect(again).toEqual({ posts: [], rejected: [], nextCursor: page.nextCursor, done: true });
    await appendFile(path, `${second.slice(30)}\n${postLine('3')}\n`);
    const later = await source.pull(page.nextCursor, { limit: 10 });
    expect(later.posts.map((p) => [p.id, p.text])).toEqual([
      ['2', 'späť'],
      ['3', 'hello 3'],
    ]);
    expect(later.rejected).toEqual([]);
  });
});
