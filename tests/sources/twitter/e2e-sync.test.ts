/**
 * End to end in one process: X (the nock fake, real twitter-api-v2) → the X source → the engine →
 * the local CRM; checks the Cases, comments and Contacts, and that a second poll creates nothing.
 */
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { memoryStateStore } from '../../../src/state/memory-store.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { fakeX, snowflake, tweet, user } from './fake-x.js';
import { BRAND } from './helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
let x: ReturnType<typeof fakeX> | undefined;
afterEach(() => x?.stop());

function scenario() {
  const ada = user('101', 'ada_l', { name: 'Ada Lovelace', public_metrics: { followers_count: 569 } });
  const bob = user('202', 'bobby_tables', { name: 'Bobby Tables', verified_type: 'blue' });
  const brand = user(BRAND, 'AcmeHelp', { name: 'Acme Support', verified: true });
  const mention = { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } };
  const complaint = tweet(snowflake(T0), '101', '@AcmeHelp my router is down since this morning, order #4711', mention);
  const answer = tweet(snowflake(T0 + 60_000), BRAND, '@ada_l sorry Ada, we are on it', {
    conversation_id: complaint.id,
    in_reply_to_user_id: '101',
    referenced_tweets: [{ type: 'replied_to', id: complaint.id }],
    entities: { mentions: [{ username: 'ada_l', id: '101' }] },
  });
  const followUp = tweet(snowflake(T0 + 120_000), '101', '@AcmeHelp still down!', { ...mention, conversation_id: complaint.id, in_reply_to_user_id: BRAND, referenced_tweets: [{ type: 'replied_to', id: answer.id }] });
  const other = tweet(snowflake(T0 + 180_000), '202', '@AcmeHelp billing charged me twice #fail', { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }], hashtags: [{ tag: 'fail' }] } });
  const repost = tweet(snowflake(T0 + 190_000), '202', 'RT @AcmeHelp: status page', { referenced_tweets: [{ type: 'retweeted', id: answer.id }] });
  return { users: [ada, bob, brand], mentions: [complaint, answer, followUp, other, repost] };
}

describe('X → engine → local CRM', () => {
  it('makes one Case per customer, the brand reply an outbound comment, Contacts with X ids; a second poll creates nothing', async () => {
    const s = scenario();
    x = fakeX({ mentions: { [BRAND]: s.mentions }, users: s.users });
    const source = twitterSource({ client: new TwitterApi('test-bearer'), streams: { mentions: [BRAND] } });
    const crm = localCrmAdapter();
    const brand = await source.brandIdentity();
    const sync = createSync({ source, crm, state: memoryStateStore(), brand: { ids: [...brand.ids], handles: ['AcmeHelp'] } });
    const report = await sync.run();
    expect(report).toMatchObject({ postsRead: 5, casesCreated: 2, contactsCreated: 2, outboundComments: 1, deadLettered: 0 });
    const doc = crm.snapshot();
    expect(doc.cases.map((c) => c.externalPostId).sort()).toEqual([`twitter:${s.mentions[0]?.id}`, `twitter:${s.mentions[3]?.id}`].sort());
    expect(doc.cases.every((c) => c.threadKey?.startsWith('twitter:'))).toBe(true);
    const adaCase = doc.cases.find((c) => c.externalPostId === `twitter:${s.mentions[0]?.id}`);
    const onAda = doc.comments.filter((c) => c.caseId === adaCase?.id);
    expect(onAda.map((c) => [c.outbound, c.externalPostId])).toEqual([
      [true, `twitter:${s.mentions[1]?.id}`],
      [false, `twitter:${s.mentions[2]?.id}`],
    ]);
    expect(doc.contacts.map((c) => c.socialIds).sort()).toEqual([[{ provider: 'twitter', id: '101' }], [{ provider: 'twitter', id: '202' }]]);
    expect(doc.contacts.find((c) => c.socialIds[0]?.id === '101')).toMatchObject({ followers: 569, handles: [{ provider: 'twitter', handle: 'ada_l' }] });

    const again = await sync.run();
    expect(again).toMatchObject({ casesCreated: 0, commentsAdded: 0, contactsCreated: 0 });
    expect(crm.snapshot().cases).toHaveLength(2);
    expect(source.stats().requests).toBe(2);
    await sync.close();
  });
});
