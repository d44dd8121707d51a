/**
 * Contract suite every {@link SocialSource} must pass (vendors run it on theirs). The factory gets
 * the fixture posts and must return a source that yields exactly those posts, in that order: a
 * file source writes them to a file, an API source serves them from a mocked API (e.g. nock).
 */
import { describe, expect, it } from 'vitest';
import { SocialPostSchema, type SocialPost, type SocialPostInput } from '../model/social-post.js';
import type { SocialSource, SourcePage } from '../sources/types.js';

/** What a contract factory returns. */
export interface SourceContractSetup {
  readonly source: SocialSource;
  /** Removes what the factory made (temp files, mocks). */
  readonly cleanup?: () => Promise<void>;
}

/** Builds a source serving exactly `posts`, in order. Called once per test. */
export type SourceContractFactory = (posts: readonly SocialPostInput[]) => Promise<SourceContractSetup>;

/** Tuning of {@link describeSourceContract}. */
export interface SourceContractOptions {
  /** Posts to serve (default {@link sourceContractFixture}()). */
  readonly fixture?: readonly SocialPostInput[];
  /** Page sizes to read with (default 1, 2, 3, 5, 100). */
  readonly pageSizes?: readonly number[];
}

const AUTHORS = [
  { provider: 'twitter', id: '101', handle: '@ada_l', displayName: 'Ada L', followers: 120 },
  { provider: 'twitter', id: '202', handle: 'bobby_tables', verified: true },
  { provider: 'twitter', id: '303', handle: 'Zoë_ü', displayName: 'Zoë Ünal 🌍' },
] as const;

/**
 * The default fixture: `count` valid posts in `createdAt` order, mixing plain posts, replies
 * without `kind` (to check the default), a quote, `@`-prefixed handles and mentions, `#` hashtags,
 * metrics, emoji and other multi-byte text, newlines and quotes inside text.
 */
export function sourceContractFixture(count = 12): SocialPostInput[] {
  const posts: SocialPostInput[] = [];
  for (let i = 0; i < count; i++) {
    const author = AUTHORS[i % AUTHORS.length] ?? AUTHORS[0];
    const id = String(9_000_000 + i);
    const base = {
      id,
      provider: 'twitter',
      text: `Post ${i}: ${['order #4711 never arrived 😡', 'line one\nline two "quoted"', 'Grüße aus Köln — naïve café ☕', 'x'.repeat(270)][i % 4]}`,
      createdAt: new Date(Date.UTC(2024, 4, 1, 12, i, 30)).toISOString(),
      author: { ...author },
      mentions: i % 2 === 0 ? ['@acmehelp'] : [],
      hashtags: i % 3 === 0 ? ['#fail', 'help'] : [],
    };
    if (i % 4 === 1 && i > 0) posts.push({ ...base, inReplyTo: { postId: String(9_000_000 + i - 1) } });
    else if (i % 5 === 3) posts.push({ ...base, kind: 'quote', url: `https://x.com/i/status/${id}` });
    else posts.push(i % 3 === 2 ? { ...base, metrics: { likes: i, reposts: 1 } } : base);
  }
  return posts;
}

interface Read {
  readonly posts: SocialPost[];
  /** Cursor after each page, with the number of posts read up to it. */
  readonly cursors: { readonly cursor: string | null; readonly read: number }[];
  readonly last: string | null;
}

async function readAll(source: SocialSource, from: string | null, limit: number, maxPages: number): Promise<Read> {
  const posts: SocialPost[] = [];
  const cursors: { cursor: string | null; read: number }[] = [];
  let cursor = from;
  for (let pages = 0; ; pages++) {
    expect(pages, `source did not finish within ${maxPages} pages of ${limit}`).toBeLessThan(maxPages);
    const page: SourcePage = await source.pull(cursor, { limit });
    expect(page.posts.length + page.rejected.length).toBeLessThanOrEqual(limit);
    expect(page.rejected).toEqual([]);
    posts.push(...page.posts);
    cursor = page.nextCursor;
    cursors.push({ cursor, read: posts.length });
    if (page.done) return { posts, cursors, last: cursor };
  }
}

async function withSource(
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

const ids = (posts: readonly { id: string }[]): string[] => posts.map((p) => p.id);

/**
 * Registers a vitest `describe` block checking a source: paging with small limits yields every
 * post once and in order; every returned cursor resumes with exactly the rest; a pull at the end is
 * `done` with no posts and the same cursor; limits are respected; posts come out as valid,
 * normalized SocialPosts (`kind` defaulted, `@`/`#` stripped); the same cursor gives the same page;
 * with no posts the first pull is `done` with nothing (its cursor may move past input holding no
 * post) and pulling again from that cursor gives nothing, `done`, and the same cursor.
 */
export function describeSourceContract(name: string, factory: SourceContractFactory, options: SourceContractOptions = {}): void {
  const fixture = options.fixture ?? sourceContractFixture();
  const pageSizes = options.pageSizes ?? [1, 2, 3, 5, 100];
  const maxPages = fixture.length * 2 + 5;
  const expected = fixture.map((p) => SocialPostSchema.parse(p));

  describe(`SocialSource contract: ${name}`, () => {
    it.each(pageSizes.map((size) => [size]))('reads every post exactly once, in order, with limit %i', async (limit) => {
      await withSource(factory, fixture, async (source) => {
        const read = await readAll(source, null, limit, maxPages);
        expect(ids(read.posts)).toEqual(ids(expected));
      });
    });

    it('resumes from every returned cursor with exactly the rest', async () => {
      await withSource(factory, fixture, async (source) => {
        const read = await readAll(source, null, 1, maxPages);
        for (const { cursor, read: count } of read.cursors) {
          const rest = await readAll(source, cursor, 4, maxPages);
          expect(ids(rest.posts), `resuming from ${String(cursor)}`).toEqual(ids(expected.slice(count)));
        }
      });
    });

    it('at the end: done, no posts, the same cursor', async () => {
      await withSource(factory, fixture, async (source) => {
        const { last } = await readAll(source, null, 3, maxPages);
        for (let i = 0; i < 2; i++) {
          const page = await source.pull(last, { limit: 5 });
          expect(page).toMatchObject({ posts: [], rejected: [], nextCursor: last, done: true });
        }
      });
    });

    it('gives the same page for the same cursor', async () => {
      await withSource(factory, fixture, async (source) => {
        const first = await source.pull(null, { limit: 3 });
        const again = await source.pull(null, { limit: 3 });
        expect(ids(again.posts)).toEqual(ids(first.posts));
        expect(again.nextCursor).toEqual(first.nextCursor);
        expect(first.posts.length).toBeGreaterThan(0);
      });
    });

    it('yields valid, normalized SocialPosts', async () => {
      await withSource(factory, fixture, async (source) => {
        const { posts } = await readAll(source, null, 100, maxPages);
        expect(posts).toHaveLength(expected.length);
        posts.forEach((post, i) => {
          const want = expected[i];
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
        });
      });
    });

    it('is done at once when there are no posts, and stays done from the cursor it returns', async () => {
      await withSource(factory, [], async (source) => {
        const page = await source.pull(null, { limit: 10 });
        // The cursor may move past input that holds no post (e.g. blank lines of a file)…
        expect(page).toMatchObject({ posts: [], rejected: [], done: true });
        // …but from there the source has nothing, and keeps its cursor.
        for (let i = 0; i < 2; i++) {
          const again = await source.pull(page.nextCursor, { limit: 10 });
          expect(again, `pulling again from ${String(page.nextCursor)}`).toMatchObject({ posts: [], rejected: [], nextCursor: page.nextCursor, done: true });
        }
      });
    });
  });
}
