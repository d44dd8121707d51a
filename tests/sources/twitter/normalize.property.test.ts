import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SocialPostSchema } from '../../../src/model/social-post.js';
import { normalizeDmEvent, normalizeTweet, usersById } from '../../../src/sources/twitter/normalize.js';
import { ctxFor } from './helpers.js';

const id = fc.bigInt({ min: 1n, max: 9_223_372_036_854_775_807n }).map(String);
const username = fc.stringMatching(/^[A-Za-z0-9_]{1,15}$/);
const date = fc.date({ min: new Date('2006-03-21T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
const count = fc.nat({ max: 1e9 });

const userArb = fc.record(
  {
    id,
    username,
    name: fc.string(),
    verified: fc.boolean(),
    verified_type: fc.constantFrom('none', 'blue', 'business', 'government'),
    location: fc.string(),
    public_metrics: fc.record({ followers_count: count, following_count: count }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id', 'username'] },
);

const entities = fc.record(
  {
    mentions: fc.array(fc.record({ username, id }, { requiredKeys: ['username'] }), { maxLength: 4 }),
    hashtags: fc.array(fc.record({ tag: fc.string({ minLength: 1 }) }), { maxLength: 3 }),
    urls: fc.array(fc.record({ url: fc.webUrl(), expanded_url: fc.webUrl() }, { requiredKeys: ['url'] }), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

/** A valid v2 post and its author. */
const tweetArb = fc.tuple(userArb, id, fc.string(), date).chain(([user, tweetId, text, created]) =>
  fc
    .record(
      {
        conversation_id: id,
        in_reply_to_user_id: id,
        referenced_tweets: fc.array(fc.record({ type: fc.constantFrom('replied_to', 'quoted', 'retweeted'), id }), { maxLength: 2 }),
        edit_history_tweet_ids: fc.array(id, { minLength: 1, maxLength: 3 }),
        lang: fc.string(),
        entities,
        public_metrics: fc.record({ like_count: count, retweet_count: count, reply_count: count, quote_count: count }, { requiredKeys: [] }),
        reply_settings: fc.constantFrom('everyone', 'mentionedUsers', 'following'),
        context_annotations: fc.constant([{ domain: { id: '46' } }]),
      },
      { requiredKeys: [] },
    )
    .map((extra) => ({ user, tweet: { id: tweetId, text, created_at: created, author_id: user.id, ...extra } })),
);

const REQUIRED = ['id', 'text', 'created_at', 'author_id'] as const;
const badValue = fc.oneof(fc.constant(undefined), fc.constant(null), fc.integer(), fc.constant(''), fc.constant('not-a-number'), fc.constant({}));

describe('X normalisation (property)', () => {
  it('every valid post normalises to a SocialPost the model schema accepts', () => {
    fc.assert(
      fc.property(tweetArb, ({ user, tweet }) => {
        const n = normalizeTweet(tweet, usersById([user]), new Map(), ctxFor('twitter:search:p'));
        if (!n.ok) throw new Error(`rejected: ${n.deadLetter.reason}`);
        expect(SocialPostSchema.safeParse(n.post).success).toBe(true);
        expect(n.post.author.id).toBe(user.id);
        expect(n.post.id).toBe(tweet.edit_history_tweet_ids?.[0] ?? tweet.id);
        expect(n.post.stream).toBe('twitter:search:p');
      }),
      { numRuns: 300 },
    );
  });

  it('a malformed required field becomes a dead letter naming that field, never a throw', () => {
    fc.assert(
      fc.property(tweetArb, fc.constantFrom(...REQUIRED), badValue, ({ user, tweet }, field, value) => {
        const broken: Record<string, unknown> = { ...tweet };
        if (value === undefined) delete broken[field];
        else broken[field] = value;
        if (field === 'text' && typeof value === 'string') return; // any string is a text
        const n = normalizeTweet(broken, usersById([user]), new Map(), ctxFor('s'));
        expect(n.ok).toBe(false);
        if (!n.ok) {
          expect(n.deadLetter.field).toBe(field);
          expect(n.deadLetter.stage).toBe('source');
          expect(n.deadLetter.payload).toBe(broken);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('every valid DM event normalises to a direct_message in its conversation', () => {
    fc.assert(
      fc.property(userArb, id, fc.string(), date, fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''), (user, eventId, text, created, conv) => {
        const n = normalizeDmEvent({ id: eventId, event_type: 'MessageCreate', text, created_at: created, sender_id: user.id, dm_conversation_id: conv }, usersById([user]), ctxFor('twitter:dm'));
        expect(n?.ok).toBe(true);
        if (n?.ok) {
          expect(SocialPostSchema.safeParse(n.post).success).toBe(true);
          expect(n.post).toMatchObject({ kind: 'direct_message', threadId: conv.trim() });
        }
      }),
      { numRuns: 200 },
    );
  });
});
