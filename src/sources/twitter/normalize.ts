/**
 * X v2 posts and DM events → SocialPost. Authors come from `includes.users` (never a lookup per
 * post); a post whose author is missing, or whose payload fails the schema, becomes a dead letter
 * naming the field.
 */
import type { z } from 'zod';
import type { DeadLetter } from '../../model/dead-letter.js';
import type { SocialPost, SocialPostInput } from '../../model/social-post.js';
import { describePostIssues } from '../../model/post-issues.js';
import { formatPath, validatePost } from '../../model/validate.js';
import { DmEventSchema, TweetSchema, UserSchema, type DmEvent, type Tweet, type User } from './payloads.js';

/** What normalisation needs to know about the stream and the brand. */
export interface NormalizeContext {
  /** The stream id kept on every post (`twitter:search:outage`). */
  readonly stream: string;
  /** The brand's X user ids (for `summoned`). */
  readonly brandIds: ReadonlySet<string>;
  /** The brand's handles, lower case, without `@` (for `summoned` when a mention carries no id). */
  readonly brandHandles: ReadonlySet<string>;
}

/** One item's outcome. */
export type Normalized = { readonly ok: true; readonly post: SocialPost } | { readonly ok: false; readonly deadLetter: DeadLetter };

const PROVIDER = 'twitter';

function letter(postId: string, field: string, reason: string, payload: unknown): DeadLetter {
  return { postId, stage: 'source', code: 'SOURCE', reason, field, payload, at: new Date().toISOString() };
}

function deadLetter(postId: string, field: string, reason: string, payload: unknown): Normalized {
  return { ok: false, deadLetter: letter(postId, field, reason, payload) };
}

function idOf(value: unknown): string {
  const raw = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : 'twitter:unknown';
}

/** Validates an item against a payload schema; a failure is a dead letter naming the first bad field. */
export function parseItem<S extends z.ZodType>(schema: S, value: unknown, what: string): { ok: true; value: z.output<S> } | { ok: false; deadLetter: DeadLetter } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const first = parsed.error.issues[0];
  const field = first ? formatPath(first.path) : '(root)';
  const postId = idOf(value);
  const reason = `X ${what} ${postId}: ${describePostIssues(parsed.error, value)}`;
  return { ok: false, deadLetter: letter(postId, field, reason, value) };
}

/** Users of a page by id; malformed entries are skipped (their posts then letter as author-less). */
export function usersById(users: readonly unknown[] | undefined): Map<string, User> {
  const out = new Map<string, User>();
  for (const u of users ?? []) {
    const parsed = UserSchema.safeParse(u);
    if (parsed.success) out.set(parsed.data.id, parsed.data);
  }
  return out;
}

function author(user: User): SocialPostInput['author'] {
  const followers = user.public_metrics?.followers_count;
  const verified = user.verified === true || (user.verified_type !== undefined && user.verified_type !== 'none');
  return {
    provider: PROVIDER,
    id: user.id,
    handle: user.username,
    ...(user.name === undefined ? {} : { displayName: user.name }),
    ...(followers === undefined ? {} : { followers }),
    ...(user.verified === undefined && user.verified_type === undefined ? {} : { verified }),
    ...(user.location === undefined ? {} : { location: user.location }),
  };
}

/** The text with every t.co link replaced by the link it stands for. */
function expandLinks(text: string, urls: NonNullable<Tweet['entities']>['urls']): string {
  let out = text;
  for (const u of urls ?? []) {
    const target = u.unwound_url ?? u.expanded_url;
    if (target !== undefined && /^https?:\/\//i.test(target)) out = out.split(u.url).join(target);
  }
  return out;
}

function kindOf(tweet: Tweet): SocialPostInput['kind'] {
  const types = new Set((tweet.referenced_tweets ?? []).map((r) => r.type));
  if (types.has('retweeted')) return 'repost';
  if (types.has('replied_to')) return 'reply';
  if (types.has('quoted')) return 'quote';
  return 'post';
}

/** True when the post @mentions a brand account or quotes one of its posts. */
function summoned(tweet: Tweet, included: ReadonlyMap<string, Tweet>, ctx: NormalizeContext): boolean {
  const mentions = tweet.entities?.mentions ?? [];
  if (mentions.some((m) => (m.id !== undefined ? ctx.brandIds.has(m.id) : ctx.brandHandles.has(m.username.toLowerCase())))) return true;
  return (tweet.referenced_tweets ?? []).some((r) => {
    if (r.type !== 'quoted') return false;
    const quoted = included.get(r.id);
    return quoted !== undefined && ctx.brandIds.has(quoted.author_id);
  });
}

/** Model field → the X field it came from, so a dead letter names what X sent. */
const X_FIELD: Readonly<Record<string, string>> = {
  id: 'id',
  text: 'text',
  createdAt: 'created_at',
  threadId: 'conversation_id',
  lang: 'lang',
  'author.id': 'author_id',
  'author.handle': 'includes.users.username',
  'author.displayName': 'includes.users.name',
  'author.location': 'includes.users.location',
};

function validated(input: SocialPostInput, payload: unknown): Normalized {
  const v = validatePost(input);
  if (v.ok) return { ok: true, post: v.post };
  const field = v.error.details.field ?? '(root)';
  return deadLetter(input.id, X_FIELD[field] ?? field, v.error.message, payload);
}

/**
 * One v2 post → SocialPost. An edited post keeps the id of its first version (so all versions are
 * one post) with the text of the version given; `url` points at that version.
 */
export function normalizeTweet(raw: unknown, users: ReadonlyMap<string, User>, included: ReadonlyMap<string, Tweet>, ctx: NormalizeContext): Normalized {
  const item = parseItem(TweetSchema, raw, 'post');
  if (!item.ok) return item;
  const tweet = item.value;
  const user = users.get(tweet.author_id);
  if (user === undefined) return deadLetter(tweet.id, 'author_id', `X post ${tweet.id}: author ${tweet.author_id} is not in includes.users (request expansions=author_id)`, raw);
  const postId = tweet.edit_history_tweet_ids?.[0] ?? tweet.id;
  const parent = tweet.referenced_tweets?.find((r) => r.type === 'replied_to');
  const m = tweet.public_metrics;
  const input: SocialPostInput = {
    id: postId,
    provider: PROVIDER,
    kind: kindOf(tweet),
    text: expandLinks(tweet.text, tweet.entities?.urls),
    createdAt: tweet.created_at,
    url: `https://x.com/${user.username}/status/${tweet.id}`,
    ...(tweet.lang === undefined ? {} : { lang: tweet.lang }),
    author: author(user),
    ...(tweet.conversation_id === undefined ? {} : { threadId: tweet.conversation_id }),
    ...(parent === undefined
      ? {}
      : { inReplyTo: { postId: parent.id, ...(tweet.in_reply_to_user_id === undefined ? {} : { authorId: tweet.in_reply_to_user_id }) } }),
    mentions: (tweet.entities?.mentions ?? []).map((x) => x.username),
    hashtags: (tweet.entities?.hashtags ?? []).map((x) => x.tag),
    ...(m === undefined ? {} : { metrics: { likes: m.like_count ?? 0, reposts: m.retweet_count ?? 0, replies: m.reply_count ?? 0, quotes: m.quote_count ?? 0 } }),
    stream: ctx.stream,
    summoned: summoned(tweet, included, ctx),
  };
  return validated(input, raw);
}

/**
 * One DM event → SocialPost (`direct_message`, threadId = `dm_conversation_id`). Events other than
 * `MessageCreate` (joins, leaves) are no posts: `undefined`.
 */
export function normalizeDmEvent(raw: unknown, users: ReadonlyMap<string, User>, ctx: NormalizeContext): Normalized | undefined {
  const item = parseItem(DmEventSchema, raw, 'DM event');
  if (!item.ok) return item;
  const event: DmEvent = item.value;
  if (event.event_type !== 'MessageCreate') return undefined;
  const missing = (['text', 'created_at', 'sender_id', 'dm_conversation_id'] as const).find((k) => event[k] === undefined);
  if (missing !== undefined) return deadLetter(event.id, missing, `X DM event ${event.id}: ${missing} is missing (request dm_event.fields and expansions=sender_id)`, raw);
  const user = users.get(event.sender_id ?? '');
  if (user === undefined) return deadLetter(event.id, 'sender_id', `X DM event ${event.id}: sender ${event.sender_id ?? ''} is not in includes.users`, raw);
  return validated(
    {
      id: event.id,
      provider: PROVIDER,
      kind: 'direct_message',
      text: expandLinks(event.text ?? '', event.entities?.urls),
      createdAt: event.created_at ?? '',
      author: author(user),
      threadId: event.dm_conversation_id ?? '',
      mentions: (event.entities?.mentions ?? []).map((x) => x.username),
      hashtags: (event.entities?.hashtags ?? []).map((x) => x.tag),
      stream: ctx.stream,
      summoned: true,
    },
    raw,
  );
}
