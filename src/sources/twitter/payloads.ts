/**
 * zod schemas of the X API v2 payloads the source reads (as the live API and twitter-api-v2 name
 * them: `referenced_tweets`, `edit_history_tweet_ids`, `includes.tweets`). Unknown keys pass (X adds
 * fields); what the source needs is checked. A page is validated item by item, so one malformed
 * post becomes a dead letter naming its field while the rest of the page syncs.
 */
import { z } from 'zod';
import { DATE_TIME_MESSAGE, normalizeDateTime } from '../../model/field-rules.js';

const id = z.string().regex(/^[0-9]{1,19}$/, 'must be a numeric id string');
const count = z.number().int().nonnegative();
/** An ISO 8601 date-time with a time zone, as X sends `created_at` (the model's own rule). */
const dateTime = z.string().refine((s) => normalizeDateTime(s) !== undefined, DATE_TIME_MESSAGE);

/** `entities` of a post or DM: mentions, hashtags, links. */
export const EntitiesSchema = z.object({
  mentions: z.array(z.object({ username: z.string().min(1), id: id.optional() })).optional(),
  hashtags: z.array(z.object({ tag: z.string().min(1) })).optional(),
  urls: z
    .array(z.object({ url: z.string().min(1), expanded_url: z.string().optional(), unwound_url: z.string().optional() }))
    .optional(),
});

/** One post (`data[]` or `includes.tweets[]`). */
export const TweetSchema = z.object({
  id,
  text: z.string(),
  created_at: dateTime,
  author_id: id,
  conversation_id: id.optional(),
  in_reply_to_user_id: id.optional(),
  referenced_tweets: z.array(z.object({ type: z.enum(['replied_to', 'quoted', 'retweeted']), id })).optional(),
  edit_history_tweet_ids: z.array(id).min(1).optional(),
  lang: z.string().optional(),
  entities: EntitiesSchema.optional(),
  public_metrics: z
    .object({ like_count: count.optional(), retweet_count: count.optional(), reply_count: count.optional(), quote_count: count.optional() })
    .optional(),
  reply_settings: z.string().optional(),
});
/** A v2 post. */
export type Tweet = z.infer<typeof TweetSchema>;

/** One account in `includes.users[]`. */
export const UserSchema = z.object({
  id,
  username: z.string().min(1),
  name: z.string().optional(),
  verified: z.boolean().optional(),
  verified_type: z.string().optional(),
  location: z.string().optional(),
  public_metrics: z.object({ followers_count: count.optional() }).optional(),
});
/** A v2 user. */
export type User = z.infer<typeof UserSchema>;

/** One DM event (`GET /2/dm_events`); only `MessageCreate` events are messages. */
export const DmEventSchema = z.object({
  id,
  event_type: z.string(),
  text: z.string().optional(),
  created_at: dateTime.optional(),
  sender_id: id.optional(),
  dm_conversation_id: z.string().min(1).optional(),
  entities: EntitiesSchema.optional(),
});
/** A v2 DM event. */
export type DmEvent = z.infer<typeof DmEventSchema>;

/** One entry of a page's `errors` array (a deleted or protected referenced post, a partial failure). */
export const PageProblemSchema = z
  .object({
    title: z.string().optional(),
    detail: z.string().optional(),
    type: z.string().optional(),
    resource_type: z.string().optional(),
    resource_id: z.string().optional(),
    parameter: z.string().optional(),
    value: z.unknown().optional(),
  })
  .loose();
/** A problem X reported inside a 200 page. */
export type PageProblem = z.infer<typeof PageProblemSchema>;

/** The envelope of a v2 page; items are checked one by one ({@link TweetSchema}, {@link DmEventSchema}). */
export const PageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z
    .object({ users: z.array(z.unknown()).optional(), tweets: z.array(z.unknown()).optional() })
    .optional(),
  meta: z
    .object({
      result_count: count.optional(),
      newest_id: z.string().optional(),
      oldest_id: z.string().optional(),
      next_token: z.string().min(1).optional(),
    })
    .optional(),
  errors: z.array(PageProblemSchema).optional(),
});
/** A v2 page envelope. */
export type Page = z.infer<typeof PageSchema>;

/** X's problem body of a failed call (`application/problem+json`). */
export const ProblemSchema = z
  .object({ type: z.string().optional(), title: z.string().optional(), detail: z.string().optional(), status: z.number().optional() })
  .loose();
