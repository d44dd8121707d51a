import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { SocialSource, SourcePage } from '../../../src/sources/types.js';

/** UTF-8 length of a string. */
export const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Registers hooks that give each test of the file (`each`) or the whole file (`all`) a fresh temp
 * directory, removed afterwards; returns a getter for it.
 */
export function useTempDir(scope: 'each' | 'all'): () => string {
  let current: { dir: string; cleanup: () => Promise<void> } | undefined;
  const before = scope === 'each' ? beforeEach : beforeAll;
  const after = scope === 'each' ? afterEach : afterAll;
  before(async () => {
    current = await tempDir();
  });
  after(async () => {
    await current?.cleanup();
  });
  return () => {
    if (current === undefined) throw new Error('temp dir used outside a test');
    return current.dir;
  };
}

/** A temp directory removed by `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jsonl-source-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `content` to `<dir>/<name>` and returns the path. */
export async function writeJsonl(dir: string, content: string | Buffer, name = 'posts.jsonl'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** One valid post line (no newline). */
export function postLine(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    provider: 'twitter',
    text: `hello ${id}`,
    createdAt: '2024-05-01T12:00:00Z',
    author: { id: `u${id}`, handle: `user${id}` },
    ...extra,
  });
}

/** Pulls until done; returns every page. */
export async function pullAll(source: SocialSource, limit: number, from: string | null = null): Promise<SourcePage[]> {
  const pages: SourcePage[] = [];
  let cursor = from;
  for (let i = 0; i < 10_000; i++) {
    const page = await source.pull(cursor, { limit });
    pages.push(page);
    cursor = page.nextCursor;
    if (page.done) return pages;
  }
  throw new Error('source never finished');
}

/**
 * The cursor the source gives after `line` lines ending at `byte` of `content`, computed
 * independently: `h` is the first 16 hex digits of the SHA-256 of the (up to) 256 bytes before `byte`.
 */
export function cursorAt(content: string | Buffer, byte: number, line: number): string {
  const bytes = Buffer.from(content);
  const h = createHash('sha256').update(bytes.subarray(Math.max(0, byte - 256), byte)).digest('hex').slice(0, 16);
  return `b=${byte};l=${line};h=${h}`;
}
