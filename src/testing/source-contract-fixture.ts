/** The default posts of the source contract suite. */
import type { SocialPostInput } from '../model/social-post.js';

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
