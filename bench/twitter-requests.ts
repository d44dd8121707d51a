/**
 * X requests per 1,000 mentions read (the page-size floor is 10: 100 posts a page), user look-ups
 * (0: authors come from `includes.users`), and requests when a tenth of the replies have parents
 * outside the window and missing from `includes.tweets` (one `GET /2/tweets?ids=` per 100). Runs the
 * real source and twitter-api-v2 against the nock fake of X the tests use; prices the run.
 */
import { TwitterApi } from 'twitter-api-v2';
import { twitterSource } from '../src/sources/twitter/index.js';
import { fakeX, snowflake, tweet, user, type RawTweet } from '../tests/sources/twitter/fake-x.js';

const BRAND = '900000000000000001';
const T0 = Date.parse('2026-03-02T09:00:00Z');

/** The figures of issue 10. */
export interface TwitterBench {
  readonly mentions: number;
  readonly requestsPer1000: number;
  readonly userLookups: number;
  readonly requestsPer1000WithParents: number;
  /** Dollars per 1,000 mentions at the default price table (owned reads + the authors' user objects). */
  readonly costPer1000Usd: number;
}

/** 1,000 mentions by 700 authors; 600 are replies, `outside` of them to the author's own earlier posts outside the window. */
function mentions(outside: number): { posts: RawTweet[]; parents: RawTweet[] } {
  const posts: RawTweet[] = [];
  const parents: RawTweet[] = [];
  for (let i = 0; i < 1000; i++) {
    const id = snowflake(T0 + i * 1000, i % 4096);
    const author = String(10_000 + (i % 700));
    const base = { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } };
    if (i < 600 && i < outside) {
      const parent = tweet(snowflake(T0 - 86_400_000 + i * 1000), author, `earlier ${i}`);
      parents.push(parent);
      posts.push(tweet(id, author, `@AcmeHelp follow-up ${i}`, { ...base, conversation_id: parent.id, in_reply_to_user_id: author, referenced_tweets: [{ type: 'replied_to', id: parent.id }] }));
    } else if (i < 600 && i > 0) {
      const parent = posts[i - 1];
      posts.push(tweet(id, author, `@AcmeHelp reply ${i}`, { ...base, conversation_id: parent?.conversation_id ?? id, in_reply_to_user_id: parent?.author_id ?? author, referenced_tweets: [{ type: 'replied_to', id: parent?.id ?? id }] }));
    } else posts.push(tweet(id, author, `@AcmeHelp post ${i}`, base));
  }
  return { posts, parents };
}

async function readAll(outside: number): Promise<{ requests: number; userLookups: number; posts: number; costUsd: number }> {
  const { posts, parents } = mentions(outside);
  const users = [user(BRAND, 'AcmeHelp'), ...Array.from({ length: 700 }, (_, i) => user(String(10_000 + i), `customer_${i}`))];
  const x = fakeX({ mentions: { [BRAND]: posts }, extra: parents, notIncluded: new Set(parents.map((p) => p.id)), users });
  try {
    const source = twitterSource({ client: new TwitterApi('bench-bearer'), streams: { mentions: [BRAND] }, backfill: { maxPosts: 1000 } });
    let cursor: string | null = null;
    let read = 0;
    for (;;) {
      const page = await source.pull(cursor, { limit: 500 });
      read += page.posts.length;
      cursor = page.nextCursor;
      if (page.done) break;
    }
    const userLookups = x.requests.filter((r) => r.path.startsWith('/2/users') && !r.path.endsWith('/mentions')).length;
    return { requests: x.requests.length, userLookups, posts: read, costUsd: source.stats().costUsd };
  } finally {
    x.stop();
  }
}

/** Runs both scenarios. */
export async function twitterRequests(): Promise<TwitterBench> {
  const plain = await readAll(0);
  const withParents = await readAll(60);
  return {
    mentions: 1000,
    requestsPer1000: plain.requests,
    userLookups: plain.userLookups + withParents.userLookups,
    requestsPer1000WithParents: withParents.requests,
    costPer1000Usd: plain.costUsd,
  };
}

/** The bench table's lines. */
export function twitterTable(t: TwitterBench): string[] {
  return [
    `X requests per 1,000 mentions (twitter-api-v2 against a nock fake of X, pages of 100)`,
    `  requests                                   ${String(t.requestsPer1000).padStart(6)}   (goal: exactly 10)`,
    `  user look-ups                              ${String(t.userLookups).padStart(6)}   (goal: 0)`,
    `  requests, a tenth of replies' parents out  ${String(t.requestsPer1000WithParents).padStart(6)}   (goal: ≤ 11)`,
    `  cost at default prices                     $${t.costPer1000Usd.toFixed(2).padStart(5)}   (owned reads + included users and posts)`,
  ];
}
