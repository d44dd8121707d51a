/**
 * A fast path for {@link validatePost} on freshly parsed JSON: for the common, plainly valid post it
 * builds the very value `SocialPostSchema` would (same fields, same key order) several times faster;
 * for anything else it answers `undefined` and the caller asks `validatePost` (zod), so rejections always carry
 * `validatePost`'s messages. Handle, date and URL rules come from `model/field-rules.ts`, as zod's do; the
 * e-mail is checked by the model's own field schema.
 *
 * An invalid optional field (`OPTIONAL_METADATA`) is dropped with the same warning `validatePost`
 * gives, so both paths turn every input into the same post and the same warnings.
 *
 * The value must be fresh from `JSON.parse` and owned by the caller: parts of it that already are what
 * zod builds (an author or metrics object with its keys in the schema's order and nothing to
 * normalise, a `mentions` / `hashtags` array with no prefix to drop) become parts of the post itself
 * instead of being copied.
 *
 * Guards against drift from the model: the fast path switches itself off (everything goes through
 * zod) when the schema's keys differ from the ones handled here, or when it disagrees with zod on
 * a few reference posts; `tests/sources/jsonl/fast-validate.test.ts` compares both on random input.
 */
import {
  InReplyToSchema,
  POST_KINDS,
  PostMetricsSchema,
  SocialIdentitySchema,
  SocialPostInputSchema,
  SocialPostSchema,
  type SocialPost,
} from '../../model/social-post.js';
import { isLanguageTag, isVisibleHandle, normalizeDateTime, normalizeHttpUrl, normalizeProvider, stripHandle } from '../../model/field-rules.js';
import { droppedField, type OptionalMetadataField, type PostFieldWarning } from '../../model/optional-metadata.js';

type Json = Record<string, unknown>;

const POST_KEYS = ['id', 'provider', 'kind', 'text', 'createdAt', 'url', 'lang', 'author', 'threadId', 'inReplyTo', 'mentions', 'hashtags', 'metrics', 'stream', 'summoned', 'raw'];
const AUTHOR_KEYS = ['provider', 'id', 'handle', 'displayName', 'followers', 'verified', 'email', 'location'];
const REPLY_KEYS = ['postId', 'authorId'];
const METRIC_KEYS = ['likes', 'reposts', 'replies', 'quotes'];
const POST_KEY_SET: ReadonlySet<string> = new Set(POST_KEYS);
const REPLY_KEY_SET: ReadonlySet<string> = new Set(REPLY_KEYS);
/** Each key's place in the schema's order. */
const placesOf = (keys: readonly string[]): ReadonlyMap<string, number> => new Map(keys.map((key, place) => [key, place]));
const AUTHOR_PLACES = placesOf(AUTHOR_KEYS);
const METRIC_PLACES = placesOf(METRIC_KEYS);
/** The warnings of a post that has none (shared: a post's warnings are only read). */
const NO_WARNINGS: readonly PostFieldWarning[] = Object.freeze([]);
const AT = 0x40;
const HASH = 0x23;
const KINDS: ReadonlySet<unknown> = new Set(POST_KINDS);
const emailSchema = SocialIdentitySchema.shape.email;

/** Thrown inside the fast path for an invalid value (an optional field is then dropped; anything else goes to zod). */
const BAIL = Symbol('bail');
/** Thrown for what only zod decides (unknown keys it strips): the whole value goes to zod, also from inside an optional field. */
const HAND_OVER = Symbol('hand over');

/** The fast path's answer: the post as zod builds it, and the optional fields dropped from it. */
export interface FastPost {
  readonly post: SocialPost;
  readonly warnings: readonly PostFieldWarning[];
}

/**
 * Runs `check` on an optional field's value: its result is the field's value, or, when the check
 * bails (the value is invalid), the field is dropped with a warning (`undefined`).
 */
function optional<T>(field: OptionalMetadataField, value: unknown, check: (v: unknown) => T, warnings: PostFieldWarning[]): T | undefined {
  try {
    return check(value);
  } catch (error) {
    if (error !== BAIL) throw error;
    warnings.push(droppedField(field, value));
    return undefined;
  }
}

function email(value: unknown): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success || parsed.data === undefined) throw BAIL;
  return parsed.data;
}

function url(value: unknown): string {
  const normalized = normalizeHttpUrl(str(value));
  if (normalized === undefined) throw BAIL;
  return normalized;
}

function lang(value: unknown): string {
  const tag = str(value);
  if (!isLanguageTag(tag)) throw BAIL;
  return tag;
}

/** Sets `out[key]` to the checked value of an optional field present in `from`, or drops it with a warning. */
function setOptional(out: Json, key: string, from: Json, field: OptionalMetadataField, check: (v: unknown) => unknown, warnings: PostFieldWarning[]): void {
  if (!(key in from)) return;
  const value = optional(field, from[key], check, warnings);
  if (value !== undefined) out[key] = value;
}

/**
 * For an optional field whose check is a plain type test (no exception, no indirect call): sets
 * `out[key]` to `value` when `valid`, else drops the field with a warning — what {@link optional} does.
 */
function keepOrDrop(out: Json, key: string, value: unknown, valid: boolean, field: OptionalMetadataField, warnings: PostFieldWarning[]): void {
  if (valid) out[key] = value;
  else warnings.push(droppedField(field, value));
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Json, allowed: ReadonlySet<string>): void {
  for (const key in value) if (!allowed.has(key)) throw HAND_OVER;
}

/**
 * {@link onlyKeys} for keys with a place in the schema's order: true when the keys of `value` come
 * in that order (then an object with the same values is the very object zod builds, and `value`
 * itself can stand for it).
 */
function onlyKeysInOrder(value: Json, places: ReadonlyMap<string, number>): boolean {
  let last = -1;
  let inOrder = true;
  for (const key in value) {
    const place = places.get(key);
    if (place === undefined) throw HAND_OVER;
    if (place < last) inOrder = false;
    last = place;
  }
  return inOrder;
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw BAIL;
  return value;
}

function nonEmpty(value: unknown): string {
  const trimmed = str(value).trim();
  if (trimmed === '') throw BAIL;
  return trimmed;
}

function count(value: unknown): number {
  if (!isCount(value)) throw BAIL;
  return value as number;
}

/**
 * The strings of an array, each without one leading `prefix` character (as `replace(/^@/, '')` leaves
 * them). The array itself when no element has that prefix: the value is fresh from `JSON.parse`, so
 * nothing else holds it.
 */
function strings(value: unknown, prefix: number): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw BAIL;
  let same = true;
  for (const element of value as unknown[]) {
    if (str(element).charCodeAt(0) === prefix) same = false;
  }
  if (same) return value as string[];
  const out: string[] = [];
  for (const element of value as unknown[]) {
    const item = str(element);
    out.push(item.charCodeAt(0) === prefix ? item.slice(1) : item);
  }
  return out;
}

function provider(value: unknown): string {
  const name = normalizeProvider(str(value));
  if (name === '') throw BAIL;
  return name;
}

function handle(value: unknown): string {
  const stripped = stripHandle(nonEmpty(value));
  if (!isVisibleHandle(stripped)) throw BAIL;
  return stripped;
}

function author(value: unknown, warnings: PostFieldWarning[]): SocialPost['author'] {
  if (!isJson(value)) throw BAIL;
  const inOrder = onlyKeysInOrder(value, AUTHOR_PLACES);
  const before = warnings.length;
  const out: Json = { provider: provider(value['provider']), id: nonEmpty(value['id']), handle: handle(value['handle']) };
  // In the order of the schema's keys, so that the warnings come in zod's order.
  if ('displayName' in value) keepOrDrop(out, 'displayName', value['displayName'], typeof value['displayName'] === 'string', 'author.displayName', warnings);
  if ('followers' in value) keepOrDrop(out, 'followers', value['followers'], isCount(value['followers']), 'author.followers', warnings);
  if ('verified' in value) keepOrDrop(out, 'verified', value['verified'], typeof value['verified'] === 'boolean', 'author.verified', warnings);
  setOptional(out, 'email', value, 'author.email', email, warnings);
  if ('location' in value) keepOrDrop(out, 'location', value['location'], typeof value['location'] === 'string', 'author.location', warnings);
  // The parsed object itself when it already is what zod builds: its keys in the schema's order, no
  // field dropped, none changed by normalising (provider, id, handle, email).
  const same =
    inOrder &&
    warnings.length === before &&
    out['provider'] === value['provider'] &&
    out['id'] === value['id'] &&
    out['handle'] === value['handle'] &&
    out['email'] === value['email'];
  return (same ? value : out) as SocialPost['author'];
}

function inReplyTo(value: unknown): SocialPost['inReplyTo'] {
  if (!isJson(value)) throw BAIL;
  onlyKeys(value, REPLY_KEY_SET);
  return 'authorId' in value
    ? { postId: nonEmpty(value['postId']), authorId: nonEmpty(value['authorId']) }
    : { postId: nonEmpty(value['postId']) };
}

function metrics(value: unknown): SocialPost['metrics'] {
  if (!isJson(value)) throw BAIL;
  const inOrder = onlyKeysInOrder(value, METRIC_PLACES);
  // All four counts, in the schema's order, valid: the parsed object is what zod builds.
  if (inOrder && isCount(value['likes']) && isCount(value['reposts']) && isCount(value['replies']) && isCount(value['quotes'])) return value as SocialPost['metrics'];
  return {
    likes: 'likes' in value ? count(value['likes']) : 0,
    reposts: 'reposts' in value ? count(value['reposts']) : 0,
    replies: 'replies' in value ? count(value['replies']) : 0,
    quotes: 'quotes' in value ? count(value['quotes']) : 0,
  };
}

/** The warnings of the post being built; handed out (and replaced) only when a field was dropped. */
let pending: PostFieldWarning[] = [];

/** The checked value of an optional field present in `from`, `undefined` when absent or dropped (with a warning). */
function optionalField<T>(from: Json, key: string, field: OptionalMetadataField, check: (v: unknown) => T, warnings: PostFieldWarning[]): T | undefined {
  return key in from ? optional(field, from[key], check, warnings) : undefined;
}

function build(value: unknown): FastPost {
  const warnings = pending;
  warnings.length = 0;
  if (!isJson(value)) throw BAIL;
  onlyKeys(value, POST_KEY_SET);
  // Every field checked in the order of the schema's keys (so that warnings come in zod's order).
  const id = nonEmpty(value['id']);
  const providerName = provider(value['provider']);
  const hasKind = 'kind' in value;
  const kind = value['kind'];
  if (hasKind && !KINDS.has(kind)) throw BAIL;
  const text = str(value['text']);
  const createdAt = normalizeDateTime(str(value['createdAt']));
  if (createdAt === undefined) throw BAIL;
  const urlValue = optionalField(value, 'url', 'url', url, warnings);
  const langValue = optionalField(value, 'lang', 'lang', lang, warnings);
  const authorValue = author(value['author'], warnings);
  const threadId = 'threadId' in value ? nonEmpty(value['threadId']) : undefined;
  const reply = 'inReplyTo' in value ? inReplyTo(value['inReplyTo']) : undefined;
  const mentions = strings(value['mentions'], AT);
  const hashtags = strings(value['hashtags'], HASH);
  const metricsValue = optionalField(value, 'metrics', 'metrics', metrics, warnings);
  // Source metadata of the X source: checked like zod checks it (an invalid value goes to zod).
  const stream = 'stream' in value ? nonEmpty(value['stream']) : undefined;
  const summoned = value['summoned'];
  if ('summoned' in value && typeof summoned !== 'boolean') throw BAIL;
  let post: Json;
  if (hasKind && urlValue === undefined && langValue === undefined && threadId !== undefined && metricsValue !== undefined && stream === undefined && !('summoned' in value) && !('raw' in value)) {
    // The shape of nearly every post a listening export or this connector writes, made as one
    // literal (one allocation of one shape) in the order zod's object output has the keys.
    post =
      reply === undefined
        ? { id, provider: providerName, kind, text, createdAt, author: authorValue, threadId, mentions, hashtags, metrics: metricsValue }
        : { id, provider: providerName, kind, text, createdAt, author: authorValue, threadId, inReplyTo: reply, mentions, hashtags, metrics: metricsValue };
  } else {
    // Keys in the order zod's object output has them; `kind` is appended by the transform when absent.
    post = { id, provider: providerName };
    if (hasKind) post['kind'] = kind;
    post['text'] = text;
    post['createdAt'] = createdAt;
    if (urlValue !== undefined) post['url'] = urlValue;
    if (langValue !== undefined) post['lang'] = langValue;
    post['author'] = authorValue;
    if (threadId !== undefined) post['threadId'] = threadId;
    if (reply !== undefined) post['inReplyTo'] = reply;
    post['mentions'] = mentions;
    post['hashtags'] = hashtags;
    if (metricsValue !== undefined) post['metrics'] = metricsValue;
    if (stream !== undefined) post['stream'] = stream;
    if ('summoned' in value) post['summoned'] = summoned;
    if ('raw' in value) post['raw'] = value['raw'];
    if (!hasKind) post['kind'] = reply !== undefined ? 'reply' : 'post';
  }
  if (warnings.length === 0) return { post: post as SocialPost, warnings: NO_WARNINGS };
  pending = [];
  return { post: post as SocialPost, warnings };
}

/** The fast path itself, without the drift guard (exported for tests). */
export function buildPostFast(value: unknown): FastPost | undefined {
  try {
    return build(value);
  } catch (error) {
    if (error === BAIL || error === HAND_OVER) return undefined;
    throw error;
  }
}

const sameKeys = (shape: object, keys: readonly string[]): boolean => Object.keys(shape).join() === keys.join();

const REFERENCE_POSTS: readonly unknown[] = [
  { id: ' 1 ', provider: 'twitter', text: '', createdAt: '2024-05-01T12:00:00+02:00', author: { provider: 'twitter', id: 'u', handle: ' @h ' } },
  {
    raw: { a: 1 },
    summoned: true,
    stream: 'twitter:search:outage',
    metrics: { likes: 2 },
    hashtags: ['#a', 'b'],
    mentions: ['@x'],
    inReplyTo: { postId: 'p', authorId: 'q' },
    threadId: 't',
    author: { location: 'L', email: 'a@b.co', verified: true, followers: 3, displayName: 'D', handle: 'h', id: 'u', provider: 'x' },
    lang: 'en',
    url: 'https://x.com/i/status/1',
    createdAt: '2024-05-01T12:00:00.123Z',
    text: 'hi 😀',
    kind: 'quote',
    provider: 'twitter',
    id: '2',
  },
  { id: '3', provider: 'p', text: 't', createdAt: '2024-05-01T12:00:00Z', author: { provider: 'p', id: 'u', handle: 'h' }, inReplyTo: { postId: '2' } },
];

function agreesWithZod(): boolean {
  if (!sameKeys(SocialPostInputSchema.shape, POST_KEYS)) return false;
  if (!sameKeys(SocialIdentitySchema.shape, AUTHOR_KEYS) || !sameKeys(InReplyToSchema.shape, REPLY_KEYS)) return false;
  if (!sameKeys(PostMetricsSchema.shape, METRIC_KEYS)) return false;
  return REFERENCE_POSTS.every((post) => {
    const fast = buildPostFast(post);
    return fast !== undefined && fast.warnings.length === 0 && JSON.stringify(fast.post) === JSON.stringify(SocialPostSchema.parse(post));
  });
}

let enabled: boolean | undefined;

/** True when the fast path is in use (it agrees with the model's schema). */
export function fastPathEnabled(): boolean {
  enabled ??= agreesWithZod();
  return enabled;
}

/** The validated post (and dropped optional fields) when the fast path can vouch for it; `undefined` = ask zod. */
export function fastValidatePost(value: unknown): FastPost | undefined {
  return fastPathEnabled() ? buildPostFast(value) : undefined;
}
