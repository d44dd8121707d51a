/**
 * Sources over an API that pages like X's: pages of `apiPageSize` posts (at least 10), each newest
 * first. A correct one buffers the API page holding its cursor and returns at most `limit` of it;
 * the broken ones have one defect each that the source contract must catch.
 */
import { SocialPostSchema, type SocialPostInput } from '../../src/model/social-post.js';
import type { SocialSource, SourcePage } from '../../src/sources/types.js';
import type { SourceContractFactory } from '../../src/testing/source-contract.js';

/** How a paged source goes wrong, if at all. */
export type PagedDefect = 'none' | 'duplicatesOnResume' | 'losesOnResume' | 'exceedsLimit' | 'unstableFirstPage' | 'pagesNewestFirst';

/** A source over `posts` (oldest first) read through an API serving pages newest first. */
export function pagedSource(posts: readonly SocialPostInput[], defect: PagedDefect = 'none', apiPageSize = 10): SocialSource {
  const all = posts.map((p) => SocialPostSchema.parse(p));
  let pulls = 0;
  return {
    id: `paged:${defect}`,
    async pull(cursor, { limit }): Promise<SourcePage> {
      pulls += 1;
      const start = cursor === null ? 0 : Number(cursor);
      // The API page holding `start`, as the API returns it (newest first).
      const pageEnd = Math.min(all.length, (Math.floor(start / apiPageSize) + 1) * apiPageSize);
      let end = Math.min(pageEnd, start + limit);
      if (defect === 'exceedsLimit' && end < all.length) end += 1;
      if (defect === 'unstableFirstPage' && cursor === null && pulls % 2 === 0) end = Math.min(end + 1, pageEnd);
      const page = all.slice(start, end).reverse();
      let next = end;
      if (defect === 'duplicatesOnResume' && end - start > 1) next = end - 1;
      if (defect === 'losesOnResume' && end < all.length && end - start > 1) next = end + 1;
      const served = defect === 'pagesNewestFirst' && cursor === null ? all.slice(Math.max(0, all.length - limit)).reverse() : page;
      if (defect === 'pagesNewestFirst' && cursor === null) next = 0;
      return { posts: served, rejected: [], nextCursor: String(next), done: next >= all.length };
    },
  };
}

/** A contract factory for a paged source. */
export const pagedFactory =
  (defect: PagedDefect = 'none', apiPageSize = 10): SourceContractFactory =>
  async (posts) => ({ source: pagedSource(posts, defect, apiPageSize) });
