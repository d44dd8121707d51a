/**
 * The three kinds of X stream the source polls, as requests: which endpoint, which parameters
 * (`max_results=100`, the expansions and fields that bring authors in `includes.users`), which
 * pagination parameter, how its items are priced. Names are the live API's (and twitter-api-v2's):
 * `tweet.fields`, `referenced_tweets.id`; X's OpenAPI spec renames some (see the spec test).
 */
import type { PricedResource } from './stats.js';

/**
 * `tweet.fields` every post request asks for. `author_id` and `in_reply_to_user_id` are not listed:
 * X adds them to each post with the expansions of the same names (and X's spec lists neither here).
 */
export const TWEET_FIELDS = [
  'conversation_id',
  'created_at',
  'edit_history_tweet_ids',
  'entities',
  'lang',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
].join(',');
/** `user.fields` of the authors in `includes.users`. */
export const USER_FIELDS = ['location', 'name', 'public_metrics', 'username', 'verified', 'verified_type'].join(',');
/**
 * `expansions` of post requests: authors, referenced posts and their authors, the replied-to user,
 * and the versions of edited posts (so an old version read still maps to the latest text).
 */
export const TWEET_EXPANSIONS = ['author_id', 'referenced_tweets.id', 'referenced_tweets.id.author_id', 'in_reply_to_user_id', 'edit_history_tweet_ids'].join(',');
/** `dm_event.fields` of DM events. */
export const DM_EVENT_FIELDS = ['created_at', 'dm_conversation_id', 'entities', 'event_type', 'id', 'sender_id', 'text'].join(',');

/** Largest page X serves (and the page-size floor of the cost: 100 posts a request). */
export const MAX_RESULTS = 100;
/** Largest `ids` list of `GET /2/tweets`. */
export const MAX_IDS_PER_LOOKUP = 100;

/** Fields and expansions of every post request (timelines, search, parent lookups). */
export const TWEET_PARAMS: Readonly<Record<string, string>> = {
  expansions: TWEET_EXPANSIONS,
  'tweet.fields': TWEET_FIELDS,
  'user.fields': USER_FIELDS,
};

/** One polled stream: what to ask X and how to page it. */
export interface StreamSpec {
  /** Checkpoint key inside the source's cursor: `twitter:mentions:<userId>`, `twitter:search:<name>`, `twitter:dm`. */
  readonly id: string;
  /** The endpoint's name for counters, limits and logs (`GET /2/users/:id/mentions`). */
  readonly endpoint: string;
  /** Path under `https://api.x.com/2/`. */
  readonly path: string;
  /** Query of every page (fields, expansions, the search query, `max_results`). */
  readonly params: Readonly<Record<string, string>>;
  /** The query parameter carrying `meta.next_token` (search: `next_token`; timelines, DMs: `pagination_token`). */
  readonly tokenParam: 'pagination_token' | 'next_token';
  /** False for DM events, which take no `since_id`: pages are read until an older id shows up. */
  readonly sinceId: boolean;
  readonly items: 'tweets' | 'dm_events';
  /** The price of each item read. */
  readonly price: PricedResource;
}

/** Mentions of a brand account (`GET /2/users/:id/mentions`); owned reads when `owned`. */
export function mentionsStream(userId: string, owned = true): StreamSpec {
  return {
    id: `twitter:mentions:${userId}`,
    endpoint: 'GET /2/users/:id/mentions',
    path: `users/${userId}/mentions`,
    params: { ...TWEET_PARAMS, max_results: String(MAX_RESULTS) },
    tokenParam: 'pagination_token',
    sinceId: true,
    items: 'tweets',
    price: owned ? 'ownedRead' : 'postRead',
  };
}

/** A recent-search rule (`GET /2/tweets/search/recent`). */
export function searchStream(name: string, query: string): StreamSpec {
  return {
    id: `twitter:search:${name}`,
    endpoint: 'GET /2/tweets/search/recent',
    path: 'tweets/search/recent',
    params: { query, ...TWEET_PARAMS, max_results: String(MAX_RESULTS) },
    tokenParam: 'next_token',
    sinceId: true,
    items: 'tweets',
    price: 'postRead',
  };
}

/** The authenticated user's DM events (`GET /2/dm_events`, needs `dm.read`). */
export function directMessagesStream(): StreamSpec {
  return {
    id: 'twitter:dm',
    endpoint: 'GET /2/dm_events',
    path: 'dm_events',
    params: {
      event_types: 'MessageCreate',
      'dm_event.fields': DM_EVENT_FIELDS,
      expansions: 'sender_id',
      'user.fields': USER_FIELDS,
      max_results: String(MAX_RESULTS),
    },
    tokenParam: 'pagination_token',
    sinceId: false,
    items: 'dm_events',
    price: 'dmEvent',
  };
}
