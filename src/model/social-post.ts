import { z } from 'zod';
import { DATE_TIME_MESSAGE, HANDLE_MESSAGE, LANG_MESSAGE, URL_MESSAGE, isLanguageTag, isVisibleHandle, normalizeDateTime, normalizeHttpUrl, normalizeProvider, stripHandle } from './field-rules.js';

/** Post kinds the connector understands. */
export const POST_KINDS = ['post', 'reply', 'quote', 'repost', 'direct_message'] as const;
/** What kind of post this is: a top-level post, a reply in a thread, a quote, a repost or a DM. */
export type PostKind = (typeof POST_KINDS)[number];

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const count = z.number().int().nonnegative();
/** A provider name, in its one form (trimmed, lower case), so `Twitter` and `twitter` are one provider. */
const provider = nonEmpty.transform(normalizeProvider);
/** A handle: trimmed, one leading `@` removed, and something visible left (not only whitespace or control characters). */
const handle = z
  .string()
  .trim()
  .min(1, { message: 'must not be empty', abort: true })
  .transform(stripHandle)
  .refine(isVisibleHandle, HANDLE_MESSAGE);

/** Schema of a social account. The provider's stable user id is the identity; the handle can change. */
export const SocialIdentitySchema = z.object({
  provider,
  id: nonEmpty,
  handle,
  displayName: z.string().optional(),
  followers: count.optional(),
  verified: z.boolean().optional(),
  email: z.string().trim().email().optional(),
  location: z.string().optional(),
});

/** A social account as the connector sees it. */
export type SocialIdentity = z.infer<typeof SocialIdentitySchema>;

/** Engagement figures of a post at the time it was read. */
export const PostMetricsSchema = z.object({
  likes: count.default(0),
  reposts: count.default(0),
  replies: count.default(0),
  quotes: count.default(0),
});
/** Engagement figures of a post. */
export type PostMetrics = z.infer<typeof PostMetricsSchema>;

/** The post a reply answers. */
export const InReplyToSchema = z.object({ postId: nonEmpty, authorId: nonEmpty.optional() });

/** An ISO 8601 date-time with an explicit time zone and a real calendar date, as `toISOString()`. */
const isoDate = z.string().transform((s, ctx) => {
  const iso = normalizeDateTime(s);
  if (iso === undefined) ctx.issues.push({ code: 'custom', message: DATE_TIME_MESSAGE, input: s });
  return iso ?? s;
});

/** An absolute http: or https: URL (never `javascript:`, `data:`, …), trimmed. */
const httpUrl = z.string().transform((s, ctx) => {
  const url = normalizeHttpUrl(s);
  if (url === undefined) ctx.issues.push({ code: 'custom', message: URL_MESSAGE, input: s });
  return url ?? s;
});

/**
 * Schema of one SocialPost as it arrives (JSONL line or a source's output). Optional `kind` is
 * derived (`reply` when `inReplyTo` is given, else `post`); `threadId` is derived by the engine.
 * `provider` (post and author) comes out trimmed and lower case, `createdAt` (which needs a time
 * zone) as `toISOString()`, `url` only as an http(s) URL.
 */
export const SocialPostInputSchema = z.object({
  id: nonEmpty,
  provider,
  kind: z.enum(POST_KINDS).optional(),
  text: z.string(),
  createdAt: isoDate,
  url: httpUrl.optional(),
  lang: z.string().refine(isLanguageTag, LANG_MESSAGE).optional(),
  author: SocialIdentitySchema,
  threadId: nonEmpty.optional(),
  inReplyTo: InReplyToSchema.optional(),
  mentions: z.array(z.string()).default([]),
  hashtags: z.array(z.string()).default([]),
  metrics: PostMetricsSchema.optional(),
  raw: z.unknown().optional(),
});

/** Validated, normalized SocialPost: `kind` is always set, handles carry no `@`, providers are lower case. */
export const SocialPostSchema = SocialPostInputSchema.transform((p) => ({
  ...p,
  kind: p.kind ?? (p.inReplyTo ? ('reply' as const) : ('post' as const)),
  mentions: p.mentions.map((m) => m.replace(/^@/, '')),
  hashtags: p.hashtags.map((h) => h.replace(/^#/, '')),
}));

/** A social post, validated and normalized. */
export type SocialPost = z.output<typeof SocialPostSchema>;
/** A social post as a source or JSONL line may give it (before defaults). */
export type SocialPostInput = z.input<typeof SocialPostSchema>;

/** Stable key of an identity across the connector: `provider:userId`. */
export function identityKey(identity: Pick<SocialIdentity, 'provider' | 'id'>): string {
  return `${identity.provider}:${identity.id}`;
}

/** Stable key of a thread: `provider:threadId`. */
export function threadKeyOf(provider: string, threadId: string): string {
  return `${provider}:${threadId}`;
}

/** The external id a Case or comment carries for a post: `provider:postId`. */
export function externalPostId(post: Pick<SocialPost, 'provider' | 'id'>): string {
  return `${post.provider}:${post.id}`;
}
