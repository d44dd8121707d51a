/**
 * The checks of the {@link SocialSource} contract as plain async functions (each throws a vitest
 * assertion on a breach). `limit` is an upper bound: a source may return fewer posts (one that must
 * buffer, like the X API's pages of at least 10, newest first, gives what it holds). The order
 * within a page is the engine's to fix; the order across pages is the source's, oldest first.
 */
import { expect } from 'vitest';
import { SocialPostSchema, type SocialPost, type SocialPostInput } from '../model/social-post.js';
import type { SocialSource } from '../sources/types.js';
import { countingCallContext } from './call-counter.js';

/** What a contract factory returns. */
export interface SourceContractSetup {
  readonly source: SocialSource;
  /** Removes what the factory made (temp files, mocks). */
  readonly cleanup?: () => Promise<void>;
}

/** Builds a source serving exactly `posts`, oldest first. Called once per test. */
export type SourceContractFactory = (posts: readonly SocialPostInput[]) => Promise<SourceContractSetup>;

/** What each check gets. */
export interface SourceContractContext {
  readonly factory: SourceContractFactory;
  readonly fixture: readonly SocialPostInput[];
  /** Most pages a full read may take before the source counts as stuck. */
  readonly maxPages: number;
}

/** One check of the source contract. */
export interface SourceContractCheck {
  readonly name: string;
  run(context: SourceContractContext): Promise<void>;
}

interface Read {
  /** Posts of each page, as returned. */
  readonly pages: SocialPost[][];
  /** Cursor after each page, with the ids read up to it. */
  readonly cursors: { readonly cursor: string | null; readonly read: ReadonlySet<string> }[];
  readonly last: string | null;
}

const ids = (posts: readonly { id: string }[]): string[] => posts.map((p) => p.id);

/** Pulls from `from` until `done`, checking the limit on every page. */
export async function readAll(source: SocialSource, from: string | null, limit: number, maxPages: number): Promise<Read> {
  const pages: SocialPost[][] = [];
  const cursors: { cursor: string | null; read: Set<string> }[] = [];
  const read = new Set<string>();
  const ctx = countingCallContext();
  let cursor = from;
  for (let n = 0; ; n++) {
    expect(n, `source did not finish within ${maxPages} pages of ${limit}`).toBeLessThan(maxPages);
    const page = await source.pull(cursor, { limit, ctx });
    expect(page.posts.length + page.rejected.length, `a page of limit ${limit}`).toBeLessThanOrEqual(limit);
    expect(page.rejected).toEqual([]);
    pages.push([...page.posts]);
    for (const post of page.posts) read.add(post.id);
    cursor = page.nextCursor;
    cursors.push({ cursor, read: new Set(read) });
    if (page.done) return { pages, cursors, last: cursor };
  }
}

/**
 * Fails unless `pages` hold exactly `expected` (ids, oldest first): every post once, none lost,
 * pages in order; the order inside a page may be any.
 */
export function expectPagesInOrder(pages: readonly (readonly SocialPost[])[], expected: readonly string[], what: string): void {
  const position = new Map(expected.map((id, i) => [id, i]));
  const flat = pages.flatMap((page) => ids(page));
  const unknown = flat.filter((id) => !position.has(id));
  expect(unknown, `${what}: posts that are not in the input`).toEqual([]);
  const dupes = flat.filter((id, i) => flat.indexOf(id) !== i);
  expect(dupes, `${what}: posts returned twice`).toEqual([]);
  const sorted = pages.flatMap((page) => ids(page).sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
  expect(sorted, `${what}: every post once, pages oldest first`).toEqual(expected);
}

/** Runs `test` on a fresh source serving `posts`, then closes and cleans it up. */
export async function withSource(
  factory: SourceContractFactory,
  posts: readonly SocialPostInput[],
  test: (source: SocialSource) => Promise<void>,
): Promise<void> {
  const setup = await factory(posts);
  try {
    await test(setup.source);
  } finally {
    await setup.source.close?.();
    await setup.cleanup?.();
  }
}

/** The checks that do not depend on a page size. */
export const sourceContractChecks: readonly SourceContractCheck[] = [
  {
    name: 'resumes from every returned cursor with exactly the rest: nothing lost, nothing twice',
    async run({ factory, fixture, maxPages }) {
      const expected = ids(fixture);
      await withSource(factory, fixture, async (source) => {
        const read = await readAll(source, null, 1, maxPages);
        for (const { cursor, read: before } of read.cursors) {
          for (const limit of [4, 100]) {
            const rest = await readAll(source, cursor, limit, maxPages);
            expectPagesInOrder(rest.pages, expected.filter((id) => !before.has(id)), `resuming from ${String(cursor)} with limit ${limit}`);
          }
        }
      });
    },
  },
  {
    name: 'at the end: done, no posts, the same cursor',
    async run({ factory, fixture, maxPages }) {
      await withSource(factory, fixture, async (source) => {
        const { last } = await readAll(source, null, 3, maxPages);
        for (let i = 0; i < 2; i++) {
          const page = await source.pull(last, { limit: 5, ctx: countingCallContext() });
          expect(page).toMatchObject({ posts: [], rejected: [], nextCursor: last, done: true });
        }
      });
    },
  },
  {
    name: 'gives the same page for the same cursor',
    async run({ factory, fixture }) {
      await withSource(factory, fixture, async (source) => {
        const first = await source.pull(null, { limit: 3, ctx: countingCallContext() });
        const again = await source.pull(null, { limit: 3, ctx: countingCallContext() });
        expect(ids(again.posts).sort()).toEqual(ids(first.posts).sort());
        expect(again.nextCursor).toEqual(first.nextCursor);
      });
    },
  },
  {
    name: 'yields valid, normalized SocialPosts',
    async run({ factory, fixture, maxPages }) {
      const expected = new Map(fixture.map((p) => SocialPostSchema.parse(p)).map((p) => [p.id, p]));
      await withSource(factory, fixture, async (source) => {
        const posts = (await readAll(source, null, 100, maxPages)).pages.flat();
        expect(posts).toHaveLength(expected.size);
        for (const post of posts) {
          const want = expected.get(post.id);
          expect(SocialPostSchema.safeParse(post).success, `post ${post.id} is a valid SocialPost`).toBe(true);
          expect(post).toMatchObject({
            id: want?.id,
            provider: want?.provider,
            kind: want?.kind,
            text: want?.text,
            createdAt: want?.createdAt,
            author: { id: want?.author.id, handle: want?.author.handle },
            mentions: want?.mentions,
            hashtags: want?.hashtags,
          });
          expect(post.inReplyTo?.postId).toEqual(want?.inReplyTo?.postId);
        }
      });
    },
  },
  {
    name: 'is done at once when there are no posts, and stays done from the cursor it returns',
    async run({ factory }) {
      await withSource(factory, [], async (source) => {
        const page = await source.pull(null, { limit: 10, ctx: countingCallContext() });
        // The cursor may move past input that holds no post (e.g. blank lines of a file)…
        expect(page).toMatchObject({ posts: [], rejected: [], done: true });
        // …but from there the source has nothing, and keeps its cursor.
        for (let i = 0; i < 2; i++) {
          const again = await source.pull(page.nextCursor, { limit: 10, ctx: countingCallContext() });
          expect(again, `pulling again from ${String(page.nextCursor)}`).toMatchObject({ posts: [], rejected: [], nextCursor: page.nextCursor, done: true });
        }
      });
    },
  },
];

/** The check that reads everything with one page size. */
export function readsEverythingCheck(limit: number): SourceContractCheck {
  return {
    name: `reads every post exactly once, pages oldest first, with limit ${limit}`,
    async run({ factory, fixture, maxPages }) {
      await withSource(factory, fixture, async (source) => {
        const read = await readAll(source, null, limit, maxPages);
        expectPagesInOrder(read.pages, ids(fixture), `limit ${limit}`);
      });
    },
  };
}
