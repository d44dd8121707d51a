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

/** Typed placeholder values; `undefined` = unknown. Strings are sanitized. */
export type PlaceholderValues = Partial<Record<Placeholder, string | number | boolean>>;

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

/** Values of a post and its author, plus the Case's priority and sentiment when known. */
export function postValues(post: SocialPost, extra: { priority?: Priority; sentiment?: number | undefined } = {}): PlaceholderValues {
  return postValuesOf(post, extra.priority, extra.sentiment);
}

/** {@link postValues} with the Case's priority and sentiment as arguments (no object to pass them in). */
export function postValuesOf(post: SocialPost, priority: Priority | undefined, sentiment: number | undefined): PlaceholderValues {
  // Added to the fresh identity object, not a spread (nor an Object.assign of a second literal): same
  // keys in the same order, but a spread of these variably-shaped objects took ~7 µs a post in V8.
  const values: PlaceholderValues = identityValues(post.author);
  values.text = sanitizeText(post.text);
  values.createdAt = post.createdAt;
  values.kind = post.kind;
  values.postId = sanitizeText(post.id);
  if (post.url !== undefined) values.url = sanitizeText(post.url);
  if (post.lang !== undefined) values.lang = sanitizeText(post.lang);
  if (post.metrics !== undefined) {
    values.likes = post.metrics.likes;
    values.reposts = post.metrics.reposts;
    values.replies = post.metrics.replies;
    values.quotes = post.metrics.quotes;
  }
  if (priority !== undefined) values.priority = priority;
  if (sentiment !== undefined) values.sentiment = sentiment;
  return values;
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
