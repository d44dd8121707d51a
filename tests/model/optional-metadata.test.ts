import { describe, expect, it } from 'vitest';
import { validatePost } from '../../src/model/validate.js';
import { buildPostFast } from '../../src/sources/jsonl/fast-validate.js';

const post = (extra: Record<string, unknown> = {}, author: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: '1980000000000000001',
  provider: 'twitter',
  text: '@AcmeHelp my router is down',
  createdAt: '2026-11-20T10:00:00Z',
  author: { provider: 'twitter', id: '1400000001', handle: 'dana', ...author },
  ...extra,
});

describe('optional metadata never costs a post', () => {
  const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['followers "1.2K"', {}, { followers: '1.2K' }, 'author.followers'],
    ['verified "yes"', {}, { verified: 'yes' }, 'author.verified'],
    ['url "javascript:x"', { url: 'javascript:x' }, {}, 'url'],
    ['bad metrics', { metrics: { likes: -3, reposts: '12' } }, {}, 'metrics'],
    ['bad lang', { lang: 'English (UK)' }, {}, 'lang'],
    ['bad email', {}, { email: 'not-an-email' }, 'author.email'],
    ['displayName a number', {}, { displayName: 42 }, 'author.displayName'],
  ];
  for (const [what, extra, author, field] of cases) {
    it(`${what}: the post is valid without the field, and the drop is reported`, () => {
      const value = post(extra, author);
      const v = validatePost(value);
      expect(v.ok).toBe(true);
      if (!v.ok) return;
      expect(v.warnings).toEqual([{ field, reason: expect.stringContaining(`${field}: `) }]);
      expect(v.warnings[0]?.reason).toContain('dropped, the post synced without it');
      const [head, tail] = field.split('.') as [string, string | undefined];
      const dropped = tail === undefined ? (v.post as Record<string, unknown>)[head] : (v.post.author as Record<string, unknown>)[tail];
      expect(dropped).toBeUndefined();
      // The JSONL fast path gives the same post and the same warnings.
      const fast = buildPostFast(JSON.parse(JSON.stringify(value)));
      expect(fast).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify({ post: v.post, warnings: v.warnings }));
    });
  }

  it('keeps the valid optional fields and drops each bad one, in field order', () => {
    const v = validatePost(post({ url: 'ftp://x', lang: 'en', metrics: 3 }, { followers: '1.2K', verified: true }));
    expect(v.ok && v.warnings.map((w) => w.field)).toEqual(['url', 'author.followers', 'metrics']);
    expect(v.ok && v.post.lang).toBe('en');
    expect(v.ok && v.post.author.verified).toBe(true);
  });

  it('required fields stay strict: a dead letter naming the field, even with a bad optional field beside it', () => {
    const v = validatePost(post({ createdAt: 'yesterday' }, { followers: '1.2K' }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.details.field).toBe('createdAt');
    const handle = validatePost(post({ url: 'javascript:x' }, { handle: '' }));
    expect(!handle.ok && handle.error.details.field).toBe('author.handle');
    for (const strict of [{ kind: 'retweet' }, { inReplyTo: { postId: '' } }, { mentions: 'x' }]) {
      expect(validatePost(post(strict)).ok).toBe(false); // these steer routing: never guessed
    }
  });
});
