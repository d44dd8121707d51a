import { describe, expect, it } from 'vitest';
import { externalPostId, identityKey, threadKeyOf } from '../../src/model/social-post.js';
import { accepted, postInput, rejection, withAuthor } from './helpers.js';

describe('provider', () => {
  it.each(['Twitter', 'TWITTER', ' twitter ', '\ttWiTtEr\n'])('normalises the post provider %j to "twitter"', (provider) => {
    expect(accepted(postInput({ provider })).provider).toBe('twitter');
  });

  it.each(['Twitter', 'TWITTER', ' twitter '])('normalises the author provider %j to "twitter"', (provider) => {
    expect(accepted(withAuthor({ provider })).author.provider).toBe('twitter');
  });

  it('gives "Twitter" and "twitter" posts one identity, thread and external id', () => {
    const upper = accepted(postInput({ provider: 'Twitter', author: { provider: 'TWITTER', id: 'u1', handle: 'ada' } }));
    const lower = accepted(postInput());
    expect(identityKey(upper.author)).toBe(identityKey(lower.author));
    expect(externalPostId(upper)).toBe(externalPostId(lower));
    expect(threadKeyOf(upper.provider, 't')).toBe(threadKeyOf(lower.provider, 't'));
  });

  it.each(['', '  '])('still rejects an empty provider %j', (provider) => {
    expect(rejection(postInput({ provider }))).toEqual({ field: 'provider', message: 'Invalid post 1: provider: must not be empty' });
  });
});
