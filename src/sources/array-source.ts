import type { DeadLetter } from '../model/dead-letter.js';
import { validatePost } from '../model/validate.js';
import { SourceError } from '../errors.js';
import type { SocialPost } from '../model/social-post.js';
import type { PostWarning } from '../model/optional-metadata.js';
import type { SocialSource, SourcePage } from './types.js';

/**
 * A source over posts already in memory (tests, scripts, posts pushed by a webhook). The cursor is
 * the index of the next item as a decimal string. Invalid items become dead letters, like a file's.
 */
export function arraySource(items: readonly unknown[], id = 'array'): SocialSource {
  return {
    id,
    async pull(cursor, { limit }): Promise<SourcePage> {
      const start = cursor === null ? 0 : Number(cursor);
      if (!Number.isInteger(start) || start < 0 || start > items.length) throw new SourceError(`array source ${id}: bad cursor '${cursor ?? ''}'`, { field: 'cursor' });
      const end = Math.min(items.length, start + limit);
      const posts: SocialPost[] = [];
      const rejected: DeadLetter[] = [];
      const warnings: PostWarning[] = [];
      for (let i = start; i < end; i += 1) {
        const v = validatePost(items[i]);
        if (v.ok) {
          posts.push(v.post);
          for (const w of v.warnings) warnings.push({ ...w, postId: v.post.id, line: i + 1 });
        } else {
          rejected.push({
            postId: v.error.details.postId ?? `item:${i + 1}`,
            stage: 'validate',
            code: v.error.code,
            reason: v.error.message,
            ...(v.error.details.field === undefined ? {} : { field: v.error.details.field }),
            line: i + 1,
            payload: items[i],
            at: new Date().toISOString(),
          });
        }
      }
      return { posts, rejected, ...(warnings.length === 0 ? {} : { warnings }), nextCursor: String(end), done: end >= items.length };
    },
  };
}
