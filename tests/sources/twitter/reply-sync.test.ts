/**
 * `sync.reply` end to end: X (nock fake + real twitter-api-v2) → the engine → the local CRM. The
 * reply is recorded before any CRM write, lands as one outbound comment, and a later poll that
 * reads it is a duplicate, never a new Case; the crash windows around the send are replayed.
 */
import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import type { CrmAdapter } from '../../../src/adapters/types.js';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { memoryStateStore } from '../../../src/state/memory-store.js';
import type { StateStore } from '../../../src/state/types.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { ReplyError } from '../../../src/sync/reply.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { fakeX, snowflake, tweet, user, X } from './fake-x.js';
import { BRAND } from './helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const json = { 'content-type': 'application/json' };
let x: ReturnType<typeof fakeX> | undefined;
afterEach(() => {
  x?.stop();
  nock.cleanAll();
});

const userClient = () => new TwitterApi({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'x' });

function world() {
  const ada = user('101', 'ada_l');
  const brand = user(BRAND, 'AcmeHelp');
  const complaint = tweet(snowflake(T0), '101', '@AcmeHelp my router is down', { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } });
  const mentions = [complaint];
  x = fakeX({ mentions: { [BRAND]: mentions }, users: [ada, brand] });
  const replyId = snowflake(T0 + 60_000);
  /** The brand's answer as a later poll reads it. */
  const answer = tweet(replyId, BRAND, '@ada_l sorry Ada, on it', { conversation_id: complaint.id, in_reply_to_user_id: '101', referenced_tweets: [{ type: 'replied_to', id: complaint.id }], entities: { mentions: [{ username: 'ada_l', id: '101' }] } });
  const posted = () =>
    nock(X)
      .post('/2/tweets', { text: '@ada_l sorry Ada, on it', reply: { in_reply_to_tweet_id: complaint.id } })
      .reply(201, { data: { id: replyId, text: answer.text, edit_history_tweet_ids: [replyId] } }, json);
  return { complaint, mentions, answer, replyId, posted };
}

/** A CRM whose comment writes fail like a process killed before the write (the first `times` of them). */
function crmKilledOnComments(crm: CrmAdapter, times = 1): CrmAdapter {
  let left = times;
  return {
    name: crm.name,
    describe: (ctx) => crm.describe(ctx),
    lookup: (req, ctx) => crm.lookup(req, ctx),
    apply: (plan, ctx) => {
      if (plan.comments.length > 0 && left > 0) {
        left -= 1;
        return Promise.reject(new Error('killed'));
      }
      return crm.apply(plan, ctx);
    },
  };
}

/** A state store whose `nth` commit (1-based) fails like a kill before it reached the disk. */
function stateKilledAt(state: StateStore, nth: number): StateStore {
  let n = 0;
  return new Proxy(state, {
    get(target, prop, receiver) {
      if (prop === 'commit') {
        return (change: Parameters<StateStore['commit']>[0]) => {
          n += 1;
          return n === nth ? Promise.reject(new Error('killed')) : target.commit(change);
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('sync.reply: the brand answers back out through X', () => {
  it('sends the reply, logs one outbound comment on the Case; the poll that reads it is a duplicate (no brand configured)', async () => {
    const w = world();
    const source = twitterSource({ client: userClient(), streams: { mentions: [BRAND] } });
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    // No `brand`: only the recorded id keeps the brand's answer from opening a Case of its own.
    const sync = createSync({ source, crm, state });
    expect(await sync.run()).toMatchObject({ casesCreated: 1 });
    const sent: unknown[] = [];
    sync.on('replySent', (e) => sent.push(e));
    const post = w.posted();

    const outcome = await sync.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' });
    expect(post.isDone()).toBe(true);
    const caseId = crm.snapshot().cases[0]?.id;
    expect(outcome).toMatchObject({ target: `twitter:${w.complaint.id}`, replyId: `twitter:${w.replyId}`, caseId, dryRun: false });
    expect(sent).toEqual([{ postId: `twitter:${w.complaint.id}`, replyId: `twitter:${w.replyId}`, caseId, commentId: outcome.commentId }]);
    expect(crm.snapshot().comments).toMatchObject([{ caseId, outbound: true, externalPostId: `twitter:${w.replyId}` }]);

    w.mentions.push(w.answer);
    const poll = await sync.run();
    expect(poll).toMatchObject({ postsRead: 2, duplicates: 2, casesCreated: 0, commentsAdded: 0, outboundComments: 0 });
    expect(crm.snapshot().cases).toHaveLength(1);
    expect(crm.snapshot().comments).toHaveLength(1);
    // X requests exact: 1 mentions read, 1 POST, 1 mentions read.
    expect(x?.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /2/users/${BRAND}/mentions`, `GET /2/users/${BRAND}/mentions`]);
    expect(source.stats().requests).toBe(3);
    await sync.close();
  });

  it('a kill after X answered and before the CRM write: the next run lands the comment once, the poll creates nothing', async () => {
    const w = world();
    const state = memoryStateStore();
    const crm = localCrmAdapter();
    const first = createSync({ source: twitterSource({ client: userClient(), streams: { mentions: [BRAND] } }), crm: crmKilledOnComments(crm), state });
    await first.run();
    w.posted();
    await expect(first.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' })).rejects.toThrow('killed');
    expect(crm.snapshot().comments).toHaveLength(0);

    // The next process: the reply is on X and a poll reads it.
    w.mentions.push(w.answer);
    const second = createSync({ source: twitterSource({ client: userClient(), streams: { mentions: [BRAND] } }), crm, state });
    const report = await second.run();
    expect(report).toMatchObject({ casesCreated: 0, commentsAdded: 0, duplicates: 2 });
    expect(crm.snapshot().cases).toHaveLength(1);
    expect(crm.snapshot().comments).toMatchObject([{ outbound: true, externalPostId: `twitter:${w.replyId}` }]);
    expect(await second.run()).toMatchObject({ casesCreated: 0, commentsAdded: 0 });
    expect(crm.snapshot().comments).toHaveLength(1);
    await first.close();
    await second.close();
  });

  it('a kill between X answer and the record: the same answer is refused as unconfirmed; the poll lands the brand reply once (brand known)', async () => {
    const w = world();
    const state = memoryStateStore();
    const crm = localCrmAdapter();
    const brand = { ids: [BRAND], handles: ['AcmeHelp'] };
    const source = twitterSource({ client: userClient(), streams: { mentions: [BRAND] } });
    await createSync({ source, crm, state, brand }).run();
    w.posted();
    // Commits of the reply: 1 intent, 2 the new id (killed), 3 the comment's record.
    const killed = createSync({ source, crm, state: stateKilledAt(state, 2), brand });
    await expect(killed.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' })).rejects.toThrow('killed');

    const again = createSync({ source, crm, state, brand });
    const refused = await again.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ReplyError);
    expect(refused).toMatchObject({ reason: 'unconfirmed' });
    w.mentions.push(w.answer);
    expect(await again.run()).toMatchObject({ casesCreated: 0, outboundComments: 1 });
    expect(crm.snapshot().cases).toHaveLength(1);
    expect(crm.snapshot().comments).toMatchObject([{ outbound: true, externalPostId: `twitter:${w.replyId}` }]);
  });

  it('an unconfirmed attempt older than 7 days no longer refuses the same answer', async () => {
    const w = world();
    const state = memoryStateStore();
    const crm = localCrmAdapter();
    const source = twitterSource({ client: userClient(), streams: { mentions: [BRAND] } });
    const sync = createSync({ source, crm, state });
    await sync.run();
    const caseId = crm.snapshot().cases[0]?.id ?? '';
    const entry = (at: string) => ({ target: `twitter:${w.complaint.id}`, caseId, threadId: w.complaint.id, text: '@ada_l sorry Ada, on it', at });
    await state.commit({ stream: 'replies:twitter', checkpoint: JSON.stringify({ v: 1, entries: [entry(new Date(Date.now() - 6 * 86_400_000).toISOString())] }), posts: [], identities: [], deadLetters: [] });
    await expect(sync.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' })).rejects.toMatchObject({ reason: 'unconfirmed' });
    await state.commit({ stream: 'replies:twitter', checkpoint: JSON.stringify({ v: 1, entries: [entry(new Date(Date.now() - 8 * 86_400_000).toISOString())] }), posts: [], identities: [], deadLetters: [] });
    w.posted();
    expect(await sync.reply({ postId: w.complaint.id, text: '@ada_l sorry Ada, on it' })).toMatchObject({ replyId: `twitter:${w.replyId}` });
    expect(await state.getCheckpoint('replies:twitter')).toBe(JSON.stringify({ v: 1, entries: [] }));
  });

  it('refuses an unknown post and a source that cannot reply (typed), sends nothing in dry-run', async () => {
    const w = world();
    const any = nock(X).post(/.*/).reply(201, { data: { id: '1' } }, json);
    const state = memoryStateStore();
    const source = twitterSource({ client: userClient(), streams: { mentions: [BRAND] } });
    const sync = createSync({ source, crm: localCrmAdapter(), state });
    await expect(sync.reply({ postId: '42', text: 'hi' })).rejects.toMatchObject({ name: 'ReplyError', reason: 'unknown-post' });
    await sync.run();
    const dry = createSync({ source, crm: localCrmAdapter(), state, dryRun: true });
    expect(await dry.reply({ postId: w.complaint.id, text: 'hi' })).toMatchObject({ dryRun: true });
    const { reply: _reply, ...readOnly } = source;
    const mute = createSync({ source: { ...readOnly, pull: (c, o) => source.pull(c, o) }, crm: localCrmAdapter(), state });
    await expect(mute.reply({ postId: w.complaint.id, text: 'hi' })).rejects.toMatchObject({ reason: 'cannot-reply' });
    expect(any.isDone()).toBe(false);
  });

  it('a post rebuilt from the state whose thread is a 1:1 DM conversation is answered by DM', async () => {
    world();
    const publicPost = nock(X).post('/2/tweets').reply(201, { data: { id: '1' } }, json);
    nock(X).post(`/2/dm_conversations/101-${BRAND}/messages`, { text: 'Sent you a link' }).reply(201, { data: { dm_conversation_id: `101-${BRAND}`, dm_event_id: '1585800613752881156' } }, json);
    const state = memoryStateStore();
    const crm = localCrmAdapter();
    const source = twitterSource({ client: userClient(), streams: { mentions: [BRAND] } });
    const sync = createSync({ source, crm, state });
    await sync.run();
    const caseId = crm.snapshot().cases[0]?.id ?? '';
    await state.commit({ stream: 'test', posts: [{ postId: 'twitter:1585800000000000000', threadId: `101-${BRAND}`, outcome: 'comment', caseId, recordId: 'c', authorKey: 'twitter:101' }], identities: [], deadLetters: [] });
    expect(await sync.reply({ postId: '1585800000000000000', text: 'Sent you a link' })).toMatchObject({ replyId: 'twitter:1585800613752881156', caseId });
    expect(publicPost.isDone()).toBe(false);
  });
});
