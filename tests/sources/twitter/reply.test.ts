import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { SocialPostSchema, type SocialPost } from '../../../src/model/social-post.js';
import { TwitterReplyError, twitterSource } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND } from './helpers.js';

afterEach(() => nock.cleanAll());

const json = { 'content-type': 'application/json' };
const problem = { 'content-type': 'application/problem+json' };
const post = (extra: Partial<SocialPost> = {}): SocialPost =>
  SocialPostSchema.parse({ id: '2028395132482486273', provider: 'twitter', text: '@AcmeHelp down', createdAt: '2026-03-02T09:01:00Z', author: { provider: 'twitter', id: '101', handle: 'ada_l' }, threadId: '2028379781329846272', summoned: true, ...extra });
const dm = post({ id: '2028397000000000000', kind: 'direct_message', threadId: `101-${BRAND}` });
const userSource = () => twitterSource({ client: new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' }), streams: { mentions: [BRAND] } });

async function refusal(p: Promise<unknown>): Promise<TwitterReplyError> {
  const e = await p.catch((error: unknown) => error);
  if (!(e instanceof TwitterReplyError)) throw new Error(`expected a TwitterReplyError, got ${String(e)}`);
  return e;
}

describe('replies back out to X', () => {
  it('answers a post in its thread (reply.in_reply_to_tweet_id) and returns the new id', async () => {
    nock(X).post('/2/tweets', { text: 'Sorry Ada, looking into it', reply: { in_reply_to_tweet_id: '2028395132482486273' } }).reply(201, { data: { id: '2028400000000000001', text: 'Sorry Ada, looking into it', edit_history_tweet_ids: ['2028400000000000001'] } }, json);
    expect(await userSource().reply(post(), 'Sorry Ada, looking into it')).toEqual({ id: '2028400000000000001' });
    expect(nock.isDone()).toBe(true);
  });

  it('answers a DM thread by DM into its conversation, never publicly', async () => {
    const publicPost = nock(X).post('/2/tweets').reply(201, { data: { id: '1' } }, json);
    nock(X).post(`/2/dm_conversations/101-${BRAND}/messages`, { text: 'Sent you a link' }).reply(201, { data: { dm_conversation_id: `101-${BRAND}`, dm_event_id: '1585800613752881156' } }, json);
    expect(await userSource().reply(dm, 'Sent you a link')).toEqual({ id: '1585800613752881156' });
    expect(publicPost.isDone()).toBe(false);
  });

  it('a DM without its conversation is refused locally (no public fallback)', async () => {
    const any = nock(X).post(/.*/).reply(201, {}, json);
    const e = await refusal(userSource().reply({ ...dm, threadId: undefined } as unknown as SocialPost, 'hi'));
    expect(e.refusal).toBe('dm-not-allowed');
    expect(any.isDone()).toBe(false);
  });

  it.each([
    ['You are not allowed to create a Tweet with duplicate content.', 'duplicate-content', true],
    ['You attempted to reply to a Tweet that is deleted or not visible to you.', 'deleted-target', false],
    ['Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.', 'not-summoned', false],
  ])('X refusal "%s" → %s (ambiguous %s)', async (detail, kind, ambiguous) => {
    nock(X).post('/2/tweets').reply(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 }, problem);
    const e = await refusal(userSource().reply(post(), 'hello'));
    expect(e.refusal).toBe(kind);
    expect(e.ambiguous).toBe(ambiguous);
    expect(e.message).toContain(detail);
    expect(e.details).toMatchObject({ postId: '2028395132482486273', status: 403, remoteCode: kind });
  });

  it('a DM refusal is dm-not-allowed with X reason', async () => {
    nock(X).post(`/2/dm_conversations/101-${BRAND}/messages`).reply(403, { detail: 'You cannot send messages to this user.', title: 'Forbidden', type: 'about:blank', status: 403 }, problem);
    const e = await refusal(userSource().reply(dm, 'hi'));
    expect(e).toMatchObject({ refusal: 'dm-not-allowed', ambiguous: false, code: 'SOURCE' });
    expect(e.message).toContain('You cannot send messages to this user.');
  });

  it('an app bearer token cannot post: refused before any call', async () => {
    const any = nock(X).post(/.*/).reply(201, {}, json);
    const e = await refusal(twitterSource({ credentials: { bearerToken: 'b' }, streams: { mentions: [BRAND] } }).reply(post(), 'x'));
    expect(any.isDone()).toBe(false);
    expect(e.refusal).toBe('needs-user-token');
    expect(e.code).toBe('AUTH'); // credentials, not X's refusal: the job exits 2 (config or auth), not 3
  });
});
