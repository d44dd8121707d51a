import { describe, expect, it } from 'vitest';
import { Chunk } from '../../../src/sources/twitter/chunk.js';
import { normalizeDmEvent, normalizeTweet, usersById } from '../../../src/sources/twitter/normalize.js';
import { BRAND, ctxFor, fixture } from './helpers.js';

interface PageFixture {
  data: Record<string, unknown>[];
  includes: { users: unknown[]; tweets?: unknown[] };
}

function chunkOf(name: string, kind: 'tweets' | 'dm_events' = 'tweets'): Chunk {
  const chunk = new Chunk(kind);
  chunk.addPage(fixture(name), 'test');
  return chunk;
}

describe('X v2 → SocialPost', () => {
  it('maps a mentions page with includes: kinds, threads, parents, entities, metrics, authors, summoned', () => {
    const items = chunkOf('mentions-with-includes.json').sorted(ctxFor('twitter:mentions:' + BRAND), false);
    const posts = items.map((i) => i.post);
    expect(posts.map((p) => p?.kind)).toEqual(['reply', 'quote', 'post', 'repost']);
    const [reply, quote, mention, repost] = posts;
    expect(reply).toMatchObject({
      provider: 'twitter',
      threadId: '2028379781329846272',
      inReplyTo: { postId: '2028379781329846272', authorId: BRAND },
      text: '@AcmeHelp still down for me, order #4711 stuck https://status.acme.example/incidents/77',
      mentions: ['AcmeHelp'],
      author: { id: '1221317221714157569', handle: 'ada_l', displayName: 'Ada L', followers: 569, verified: false, location: 'North West, England' },
      stream: 'twitter:mentions:' + BRAND,
      summoned: true,
      url: 'https://x.com/ada_l/status/2028395132482486273',
    });
    expect(quote).toMatchObject({ hashtags: ['fail', 'acme'], summoned: true, metrics: { likes: 17, reposts: 3, replies: 1, quotes: 0 } });
    expect(quote?.author.verified).toBe(true); // verified_type blue
    expect(quote?.threadId).toBe(quote?.id);
    expect(mention).toMatchObject({ mentions: ['AcmeHelp', 'bobby_tables'], summoned: true });
    expect(repost?.kind).toBe('repost');
    expect(items.every((i) => i.rejected === undefined)).toBe(true);
  });

  it('hands included replied-to parents with their replies when fetchParents is on (brand post first)', () => {
    const posts = chunkOf('mentions-with-includes.json').sorted(ctxFor('s'), true).map((i) => i.post);
    expect(posts[0]).toMatchObject({ id: '2028379781329846272', author: { id: BRAND, handle: 'AcmeHelp', verified: true }, kind: 'post' });
    expect(posts).toHaveLength(5);
  });

  it('merges an edited post into one post with the latest text, keeping the first version id', () => {
    const posts = chunkOf('edited.json').sorted(ctxFor('s'), true).map((i) => i.post);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ id: '2028396977976246285', text: '@AcmeHelp my fridge is broken, model X200' });
    expect(posts[0]?.url).toContain('2028397103805366286');
  });

  it('maps the old version alone to the latest text when X includes the versions', () => {
    const page = fixture<PageFixture>('edited.json');
    const chunk = new Chunk('tweets');
    chunk.addPage({ ...page, data: [page.data[1]] }, 'test');
    const posts = chunk.sorted(ctxFor('s'), false).map((i) => i.post);
    expect(posts.map((p) => p?.text)).toEqual(['@AcmeHelp my fridge is broken, model X200']);
  });

  it('yields the good posts of a page with an errors array, records the errors, letters the malformed item', () => {
    const chunk = chunkOf('search-with-errors.json');
    const items = chunk.sorted(ctxFor('twitter:search:outage'), true);
    expect(chunk.problems).toHaveLength(1);
    expect(chunk.problems[0]?.title).toBe('Not Found Error');
    const rejected = items.flatMap((i) => (i.rejected ? [i.rejected] : []));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ postId: '2028396223001526280', field: 'created_at', stage: 'source', code: 'SOURCE' });
    const posts = items.flatMap((i) => (i.post ? [i.post] : []));
    expect(posts.map((p) => p.stream)).toEqual(['twitter:search:outage', 'twitter:search:outage']);
    expect(posts.map((p) => p.summoned)).toEqual([false, false]);
    expect(posts[1]?.inReplyTo?.postId).toBe('2028032492958646279');
  });

  it('letters a post whose author is missing from includes.users, naming author_id', () => {
    const page = fixture<PageFixture>('mentions-with-includes.json');
    const n = normalizeTweet(page.data[0], usersById([]), new Map(), ctxFor('s'));
    expect(n.ok).toBe(false);
    if (!n.ok) expect(n.deadLetter).toMatchObject({ field: 'author_id', postId: '2028395677742006276' });
  });

  it('maps DM events: direct_message, threadId = dm_conversation_id; other events are no posts', () => {
    const page1 = fixture<PageFixture>('dm-events-page1.json');
    const page2 = fixture<PageFixture>('dm-events-page2.json');
    const users = usersById([...page1.includes.users, ...page2.includes.users]);
    const posts = [...page1.data, ...page2.data].map((e) => normalizeDmEvent(e, users, ctxFor('twitter:dm')));
    expect(posts[2]).toBeUndefined(); // ParticipantsJoin
    const first = posts[0];
    expect(first?.ok).toBe(true);
    if (first?.ok) expect(first.post).toMatchObject({ kind: 'direct_message', threadId: `1221317221714157569-${BRAND}`, author: { id: BRAND }, stream: 'twitter:dm' });
  });

  it('letters a DM event without sender, naming the field', () => {
    const n = normalizeDmEvent({ id: '1', event_type: 'MessageCreate', text: 'x', created_at: '2026-03-02T09:00:00.000Z', dm_conversation_id: 'c' }, new Map(), ctxFor('d'));
    expect(n?.ok).toBe(false);
    if (n && !n.ok) expect(n.deadLetter.field).toBe('sender_id');
  });
});
