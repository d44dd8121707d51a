import { TwitterApi } from 'twitter-api-v2';
import type { SocialPostInput } from '../../../src/model/social-post.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { describeSourceContract } from '../../../src/testing/source-contract.js';
import { fakeX, type RawTweet, type RawUser } from './fake-x.js';

const BRAND = '900000000000000001';

/** The fixture posts as X would serve them on the brand's mentions timeline. */
function asX(posts: readonly SocialPostInput[]): { tweets: RawTweet[]; users: RawUser[] } {
  const users = new Map<string, RawUser>();
  const tweets = posts.map((p): RawTweet => {
    users.set(p.author.id, { id: p.author.id, username: p.author.handle.replace(/^@/, ''), ...(p.author.displayName === undefined ? {} : { name: p.author.displayName }) });
    const refs: RawTweet['referenced_tweets'] = [];
    if (p.inReplyTo !== undefined) refs.push({ type: 'replied_to', id: p.inReplyTo.postId });
    if (p.kind === 'quote') refs.push({ type: 'quoted', id: '20' });
    return {
      id: p.id,
      text: p.text,
      created_at: p.createdAt,
      author_id: p.author.id,
      conversation_id: p.inReplyTo?.postId ?? p.id,
      edit_history_tweet_ids: [p.id],
      ...(refs.length > 0 ? { referenced_tweets: refs } : {}),
      entities: {
        mentions: (p.mentions ?? []).map((m) => ({ username: m.replace(/^@/, '') })),
        hashtags: (p.hashtags ?? []).map((h) => ({ tag: h.replace(/^#/, '') })),
      },
    };
  });
  return { tweets, users: [...users.values()] };
}

describeSourceContract('twitter (mentions timeline over nock)', async (posts) => {
  const { tweets, users } = asX(posts);
  const x = fakeX({ mentions: { [BRAND]: tweets }, users });
  const source = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND] }, overlapSeconds: 0 });
  return { source, cleanup: async () => x.stop() };
});
