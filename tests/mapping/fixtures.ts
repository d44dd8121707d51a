import { SocialPostSchema, type SocialPost, type SocialPostInput } from '../../src/model/social-post.js';

type PostOverrides = Omit<Partial<SocialPostInput>, 'author'> & { author?: Partial<SocialPostInput['author']> };

/** A valid, normalized post; override any field (author fields merge). */
export function makePost(overrides: PostOverrides = {}): SocialPost {
  const { author, ...rest } = overrides;
  return SocialPostSchema.parse({
    id: '100',
    provider: 'twitter',
    text: 'hello there',
    createdAt: '2024-05-01T10:00:00Z',
    ...rest,
    author: { provider: 'twitter', id: 'u1', handle: 'jane', displayName: 'Jane Doe', ...author },
  });
}
