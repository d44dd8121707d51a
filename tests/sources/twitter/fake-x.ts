/**
 * A small X API v2 behind nock, serving posts the way X does: newest first, `since_id` / `until_id`
 * exclusive, pages of `max_results` (default 10) with an opaque `next_token`, authors and
 * referenced posts in `includes` only when the expansions ask, rate-limit headers on every answer.
 * It records every request (path and query) for the exact-count assertions.
 */
import nock from 'nock';

export const X = 'https://api.x.com';

/** A v2 post as X sends it (the subset the captures show). */
export interface RawTweet {
  id: string;
  text: string;
  created_at: string;
  author_id: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'replied_to' | 'quoted' | 'retweeted'; id: string }[];
  edit_history_tweet_ids?: string[];
  lang?: string;
  entities?: Record<string, unknown>;
  public_metrics?: Record<string, number>;
  reply_settings?: string;
}

/** A v2 user as X sends it. */
export interface RawUser {
  id: string;
  username: string;
  name?: string;
  verified?: boolean;
  verified_type?: string;
  location?: string;
  public_metrics?: { followers_count: number; following_count?: number; tweet_count?: number; listed_count?: number };
}

export interface RawDmEvent {
  id: string;
  event_type: string;
  text?: string;
  created_at?: string;
  sender_id?: string;
  dm_conversation_id?: string;
}

export interface Recorded {
  readonly method: string;
  readonly path: string;
  readonly query: Record<string, string>;
  readonly body?: unknown;
}

interface Window {
  limit: number;
  remaining: number;
  reset: number;
}

export interface FakeXOptions {
  /** Posts of the mentions timeline per user id. */
  mentions?: Record<string, RawTweet[]>;
  /** Posts every search query matches. */
  search?: RawTweet[];
  dmEvents?: RawDmEvent[];
  /** Posts that exist (for includes.tweets and `GET /2/tweets?ids=`), beyond the above. */
  extra?: RawTweet[];
  users?: RawUser[];
  /** Ids left out of `includes.tweets` (X sometimes does). */
  notIncluded?: Set<string>;
  /** Ids `POST /2/tweets` answers with, in turn (absent: no POST interceptor, tests add their own). */
  replyIds?: string[];
  /** Rate-limit window per endpoint path pattern (default 450 a 15 minutes). */
  window?: Partial<Window>;
}

const byIdDesc = (a: { id: string }, b: { id: string }): number => (BigInt(b.id) > BigInt(a.id) ? 1 : BigInt(b.id) < BigInt(a.id) ? -1 : 0);

/** Starts the fake; `stop()` removes the interceptors. */
export function fakeX(options: FakeXOptions) {
  const requests: Recorded[] = [];
  const users = new Map((options.users ?? []).map((u) => [u.id, u]));
  const all = new Map<string, RawTweet>();
  for (const t of [...Object.values(options.mentions ?? {}).flat(), ...(options.search ?? []), ...(options.extra ?? [])]) all.set(t.id, t);
  const windows = new Map<string, Window>();
  const windowOf = (name: string): Window => {
    let w = windows.get(name);
    if (w === undefined) {
      w = { limit: options.window?.limit ?? 450, remaining: options.window?.remaining ?? 450, reset: options.window?.reset ?? Math.floor(Date.now() / 1000) + 900 };
      windows.set(name, w);
    }
    return w;
  };
  const headers = (name: string): Record<string, string> => {
    const w = windowOf(name);
    w.remaining = Math.max(0, w.remaining - 1);
    return { 'content-type': 'application/json', 'x-rate-limit-limit': String(w.limit), 'x-rate-limit-remaining': String(w.remaining), 'x-rate-limit-reset': String(w.reset) };
  };

  function includes(items: RawTweet[], query: Record<string, string>): Record<string, unknown> {
    const exp = new Set((query['expansions'] ?? '').split(',').filter(Boolean));
    const userIds = new Set<string>();
    const tweets = new Map<string, RawTweet>();
    for (const t of items) {
      if (exp.has('author_id')) userIds.add(t.author_id);
      if (exp.has('in_reply_to_user_id') && t.in_reply_to_user_id) userIds.add(t.in_reply_to_user_id);
      if (exp.has('edit_history_tweet_ids')) {
        for (const v of t.edit_history_tweet_ids ?? []) {
          const version = all.get(v);
          if (version !== undefined && v !== t.id) tweets.set(v, version);
        }
      }
      if (exp.has('referenced_tweets.id')) {
        for (const r of t.referenced_tweets ?? []) {
          const ref = all.get(r.id);
          if (ref === undefined || options.notIncluded?.has(r.id)) continue;
          tweets.set(ref.id, ref);
          if (exp.has('referenced_tweets.id.author_id')) userIds.add(ref.author_id);
        }
      }
    }
    const out: Record<string, unknown> = {};
    const us = [...userIds].flatMap((id) => (users.has(id) ? [users.get(id)] : []));
    if (us.length > 0) out['users'] = us;
    if (tweets.size > 0) out['tweets'] = [...tweets.values()];
    return out;
  }

  function page<T extends { id: string }>(items: T[], query: Record<string, string>, tokenParam: string, useIds: boolean): { data?: T[]; meta: Record<string, unknown> } {
    let list = [...items].sort(byIdDesc);
    if (useIds && query['since_id'] !== undefined) list = list.filter((t) => BigInt(t.id) > BigInt(query['since_id'] ?? '0'));
    if (useIds && query['until_id'] !== undefined) list = list.filter((t) => BigInt(t.id) < BigInt(query['until_id'] ?? '0'));
    const offset = query[tokenParam] === undefined ? 0 : Number(String(query[tokenParam]).replace(/^tok-/, ''));
    const size = Number(query['max_results'] ?? 10);
    const slice = list.slice(offset, offset + size);
    const meta: Record<string, unknown> = { result_count: slice.length };
    if (slice.length > 0) {
      meta['newest_id'] = slice[0]?.id;
      meta['oldest_id'] = slice[slice.length - 1]?.id;
    }
    if (offset + size < list.length) meta['next_token'] = `tok-${offset + size}`;
    return { ...(slice.length > 0 ? { data: slice } : {}), meta };
  }

  const record = (method: string, uri: string, body?: unknown): Record<string, string> => {
    const url = new URL(uri, X);
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ method, path: url.pathname, query, ...(body === undefined ? {} : { body }) });
    return query;
  };

  const scope = nock(X)
    .persist()
    .get(/^\/2\/users\/\d+\/mentions/)
    .reply((uri) => {
      const q = record('GET', uri);
      const userId = new URL(uri, X).pathname.split('/')[3] ?? '';
      const p = page(options.mentions?.[userId] ?? [], q, 'pagination_token', true);
      return [200, { ...p, includes: includes(p.data ?? [], q) }, headers('mentions')];
    })
    .get(/^\/2\/tweets\/search\/recent/)
    .reply((uri) => {
      const q = record('GET', uri);
      const p = page(options.search ?? [], q, 'next_token', true);
      return [200, { ...p, includes: includes(p.data ?? [], q) }, headers('search')];
    })
    .get(/^\/2\/dm_events/)
    .reply((uri) => {
      const q = record('GET', uri);
      const p = page(options.dmEvents ?? [], q, 'pagination_token', false);
      const senders = [...new Set((p.data ?? []).flatMap((e) => (e.sender_id ? [e.sender_id] : [])))];
      const us = senders.flatMap((id) => (users.has(id) ? [users.get(id)] : []));
      return [200, { ...p, ...(us.length > 0 ? { includes: { users: us } } : {}) }, headers('dm')];
    })
    .get(/^\/2\/tweets\?/)
    .reply((uri) => {
      const q = record('GET', uri);
      const ids = (q['ids'] ?? '').split(',');
      const found = ids.flatMap((id) => (all.has(id) ? [all.get(id) as RawTweet] : []));
      const missing = ids.filter((id) => !all.has(id));
      const errors = missing.map((id) => ({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' }));
      return [200, { ...(found.length > 0 ? { data: found } : {}), includes: includes(found, q), ...(errors.length > 0 ? { errors } : {}) }, headers('lookup')];
    });

  if (options.replyIds !== undefined) {
    const ids = [...options.replyIds];
    scope.post('/2/tweets').reply((uri, body) => {
      record('POST', uri, body);
      const id = ids.shift();
      if (id === undefined) return [403, { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' }, { 'content-type': 'application/problem+json' }];
      return [201, { data: { id, text: (body as { text?: string }).text ?? '', edit_history_tweet_ids: [id] } }, { 'content-type': 'application/json' }];
    });
  }

  return {
    requests,
    scope,
    windows,
    /** Requests to paths starting with `prefix`. */
    count: (prefix: string): number => requests.filter((r) => r.path.startsWith(prefix)).length,
    stop: (): void => {
      scope.persist(false);
      nock.cleanAll();
    },
  };
}

/** A user in the shape of the captures. */
export function user(id: string, username: string, extra: Partial<RawUser> = {}): RawUser {
  return { id, username, name: username.replace(/_/g, ' '), verified: false, public_metrics: { followers_count: 10, following_count: 5, tweet_count: 100, listed_count: 0 }, ...extra };
}

/** A snowflake id made at `ms` (Unix ms), with a sequence number. */
export function snowflake(ms: number, seq = 0): string {
  return (((BigInt(ms) - 1_288_834_974_657n) << 22n) + BigInt(seq)).toString();
}

/** A post in the shape of the captures (edit history, conversation id, metrics). */
export function tweet(id: string, authorId: string, text: string, extra: Partial<RawTweet> = {}): RawTweet {
  const ms = Number((BigInt(id) >> 22n) + 1_288_834_974_657n);
  return {
    id,
    text,
    created_at: new Date(ms).toISOString(),
    author_id: authorId,
    conversation_id: id,
    edit_history_tweet_ids: [id],
    lang: 'en',
    public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0 },
    reply_settings: 'everyone',
    ...extra,
  };
}
