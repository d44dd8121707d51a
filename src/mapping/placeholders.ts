import type { Priority } from '../model/drafts.js';
import type { SocialIdentity, SocialPost } from '../model/social-post.js';
import { sanitizeText } from './text-limits.js';

/** Every placeholder a mapping template may use. */
export const PLACEHOLDERS = [
  'handle',
  'displayName',
  'text',
  'url',
  'createdAt',
  'followers',
  'verified',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'kind',
  'lang',
  'postId',
  'priority',
  'sentiment',
  'location',
] as const;
/** A template placeholder name. */
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** Placeholders a comment template may use (a comment has no priority or sentiment). */
export const COMMENT_PLACEHOLDERS: readonly Placeholder[] = PLACEHOLDERS.filter((p) => p !== 'priority' && p !== 'sentiment');
/** Placeholders a Contact field template may use (only the author is known). */
export const IDENTITY_PLACEHOLDERS: readonly Placeholder[] = ['handle', 'displayName', 'followers', 'verified', 'location'];
/** Placeholders whose value is a number. */
export const NUMERIC_PLACEHOLDERS: ReadonlySet<Placeholder> = new Set(['followers', 'likes', 'reposts', 'replies', 'quotes', 'sentiment']);

/** Typed placeholder values; `undefined` (or a missing key) = unknown. Strings are sanitized. */
export type PlaceholderValues = Partial<Record<Placeholder, string | number | boolean | undefined>>;

/** Values known from the author alone. `displayName` falls back to the handle. */
export function identityValues(identity: SocialIdentity): PlaceholderValues {
  const handle = sanitizeText(identity.handle).trim();
  const displayName = sanitizeText(identity.displayName ?? '').trim();
  const values: PlaceholderValues = { handle, displayName: displayName === '' ? handle : displayName };
  if (identity.followers !== undefined) values.followers = identity.followers;
  if (identity.verified !== undefined) values.verified = identity.verified;
  if (identity.location !== undefined) values.location = sanitizeText(identity.location).trim();
  return values;
}

/**
 * Values of a post and its author, plus the Case's priority and sentiment when known. Every placeholder is a key
 * of the one object literal (an unknown value is `undefined` rather than a missing key, which reads
 * the same to every renderer): one allocation of one shape, instead of an object grown key by key.
 */
export function postValues(post: SocialPost, priority: Priority | undefined, sentiment: number | undefined): PlaceholderValues {
  const author = post.author;
  const metrics = post.metrics;
  const handle = sanitizeText(author.handle).trim();
  const displayName = sanitizeText(author.displayName ?? '').trim();
  return {
    handle,
    displayName: displayName === '' ? handle : displayName,
    text: sanitizeText(post.text),
    url: post.url === undefined ? undefined : sanitizeText(post.url),
    createdAt: post.createdAt,
    followers: author.followers,
    verified: author.verified,
    likes: metrics === undefined ? undefined : metrics.likes,
    reposts: metrics === undefined ? undefined : metrics.reposts,
    replies: metrics === undefined ? undefined : metrics.replies,
    quotes: metrics === undefined ? undefined : metrics.quotes,
    kind: post.kind,
    lang: post.lang === undefined ? undefined : sanitizeText(post.lang),
    postId: sanitizeText(post.id),
    priority,
    sentiment,
    location: author.location === undefined ? undefined : sanitizeText(author.location).trim(),
  };
}

/**
 * How a value reads inside a template: numbers as digits, `verified` as `, verified` when true
 * (so `{followers} followers{verified}` reads `12 followers, verified`), unknown as empty.
 */
export function placeholderText(name: Placeholder, value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return name === 'verified' && value ? ', verified' : '';
  return typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
}
