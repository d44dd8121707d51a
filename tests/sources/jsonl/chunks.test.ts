import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import { parseCursor } from '../../../src/sources/jsonl/cursor.js';
import type { SourcePage } from '../../../src/sources/types.js';
import { cursorAt, postLine, pullAll, useTempDir, writeJsonl } from './helpers.js';

const tmp = useTempDir('all');

/** What a reader saw, in order: `post:<id>:<text>` or `dead:<line>:<stage>`. */
function seen(pages: readonly SourcePage[]): string[] {
  return pages.flatMap((p) => [
    ...p.posts.map((post) => `post:${post.id}:${post.text}`),
    ...p.rejected.map((r) => `dead:${r.line}:${r.stage}`),
  ]);
}

const MIXED = [
  postLine('1', { text: 'ascii' }),
  '',
  postLine('2', { text: 'two-byte ü é ß' }),
  '{not json',
  postLine('3', { text: 'three-byte € ☕ 日本語' }),
  '   ',
  postLine('4', { text: 'four-byte 😀👍🏽🎉' }),
  postLine('5', { author: { id: 'u5', handle: '' } }),
  postLine('6', { text: 'crlf 😀' }) + '\r',
  postLine('7', { text: 'last' }),
];
const MIXED_CONTENT = MIXED.map((l) => `${l}\n`).join('');
const MIXED_SEEN = [
  'post:1:ascii',
  'post:2:two-byte ü é ß',
  'dead:4:source',
  'post:3:three-byte € ☕ 日本語',
  'post:4:four-byte 😀👍🏽🎉',
  'dead:8:validate',
  'post:6:crlf 😀',
  'post:7:last',
];

describe('jsonlSource: chunk boundaries', () => {
  it('reads the same lines with every chunk size from 1 to 80 bytes', async () => {
    const path = await writeJsonl(tmp(), MIXED_CONTENT, 'mixed.jsonl');
    for (let chunkSize = 1; chunkSize <= 80; chunkSize++) {
      // Posts and dead letters interleave across pages only in page order, so read one item a page.
      const pages = await pullAll(jsonlSource({ path, chunkSize }), 1);
      expect(seen(pages), `chunkSize ${chunkSize}`).toEqual(MIXED_SEEN);
    }
  });

  it('decodes multi-byte characters split at every possible byte', async () => {
    const text = '😀ü€日😀';
    const line = postLine('1', { text });
    const path = await writeJsonl(tmp(), `${line}\n`, 'multibyte.jsonl');
    for (let chunkSize = 1; chunkSize <= Buffer.byteLength(line) + 1; chunkSize++) {
      const page = await jsonlSource({ path, chunkSize }).pull(null, { limit: 1 });
      expect(page.posts[0]?.text, `chunkSize ${chunkSize}`).toBe(text);
    }
  });

  it('resumes from every cursor with exactly the rest (any chunk size, any limit)', async () => {
    const path = await writeJsonl(tmp(), MIXED_CONTENT, 'resume.jsonl');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 97 }), fc.integer({ min: 1, max: 4 }), async (chunkSize, limit) => {
        const source = jsonlSource({ path, chunkSize });
        const pages = await pullAll(source, limit);
        let before = 0;
        for (const page of pages) {
          before += page.posts.length + page.rejected.length;
          const rest = await pullAll(source, 3, page.nextCursor);
          expect(seen(rest).sort()).toEqual(MIXED_SEEN.slice(before).sort());
          expect(rest.flatMap((p) => p.posts).map((p) => p.id)).toEqual(
            MIXED_SEEN.slice(before).filter((s) => s.startsWith('post:')).map((s) => s.split(':')[1]),
          );
        }
        expect(before).toBe(MIXED_SEEN.length);
        const last = pages.at(-1)!;
        expect(last.nextCursor).toBe(cursorAt(MIXED_CONTENT, Buffer.byteLength(MIXED_CONTENT), MIXED.length));
      }),
      { numRuns: 60 },
    );
  });

  it('gives every cursor the fingerprint of the bytes before it (also when taken from memory, not read again)', async () => {
    // Long lines (≥ 256 bytes) so that, with large chunks, the bytes before a cursor are still in memory.
    const long = (id: string) => postLine(id, { text: `${'ü'.repeat(150)} ${id} 😀` });
    const lines = [long('1'), '', long('2'), '{bad', postLine('3'), long('4'), `${long('5')}\r`, postLine('6'), long('7'), long('8')];
    const content = lines.map((l) => `${l}\n`).join('');
    const path = await writeJsonl(tmp(), content, 'fingerprints.jsonl');
    const ends: number[] = [];
    for (let at = content.indexOf('\n'); at !== -1; at = content.indexOf('\n', at + 1)) ends.push(Buffer.byteLength(content.slice(0, at + 1)));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 4 }), async (chunkSize, limit) => {
        const pages = await pullAll(jsonlSource({ path, chunkSize }), limit);
        for (const page of pages) {
          const { byte, line } = parseCursor(page.nextCursor ?? '');
          expect(ends[line - 1]).toBe(byte);
          expect(page.nextCursor).toBe(cursorAt(content, byte, line));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('fills author.provider from the post provider, keeping an explicit one', async () => {
    const content = `${postLine('1')}\n${postLine('2', { author: { id: 'u2', handle: 'h', provider: 'mastodon' } })}\n`;
    const page = await jsonlSource({ path: await writeJsonl(tmp(), content, 'provider.jsonl') }).pull(null, { limit: 5 });
    expect(page.posts.map((p) => p.author.provider)).toEqual(['twitter', 'mastodon']);
  });
});
