/**
 * SocialPersona and SocialPost records, pure: what the connector knows of a post and its author,
 * in the fields Salesforce's own inbound social handler fills (Object Reference: SocialPost,
 * SocialPersona). Only fields the org's describe lists as createable are set, each cut to its
 * described length; `Provider` and `MessageType` only with values of the org's picklists.
 */
import type { SocialSchema } from './describe.js';
import { splitKey } from './rows.js';

/** Provider names of the connector (lower case) → `SocialPost.Provider` picklist values. */
const PROVIDERS: Readonly<Record<string, string>> = {
  twitter: 'Twitter',
  x: 'Twitter',
  facebook: 'Facebook',
  instagram: 'Instagram',
  linkedin: 'LinkedIn',
  youtube: 'YouTube',
  whatsapp: 'WhatsApp',
};

/** The `Provider` value of a connector provider: its network when the org's picklist has it, else `Other`. */
export function providerValue(provider: string, schema: SocialSchema): string {
  const value = PROVIDERS[provider.toLowerCase()] ?? 'Other';
  return schema.providers.size === 0 || schema.providers.has(value) ? value : 'Other';
}

/** One post to keep as a SocialPost. */
export interface WantedPost {
  /** External post id, `provider:postId`. */
  readonly key: string;
  /** The Case it opened or joined. */
  readonly caseId: string;
  /** The author's Contact (inbound posts whose author is known). */
  readonly contactId?: string | undefined;
  /** The author's identity key, `provider:userId` (its SocialPersona). */
  readonly authorKey?: string | undefined;
  readonly handle?: string | undefined;
  readonly realName?: string | undefined;
  readonly followers?: number | undefined;
  /** True for the brand's replies. */
  readonly outbound: boolean;
  /** A post opening a Case without a parent is a `Post`; anything answering another post a `Reply`. */
  readonly reply: boolean;
  readonly content: string;
  /** Title for the record (`Name` is required). */
  readonly name: string;
  readonly posted?: string | undefined;
  /** External post id of the post this one answers (its SocialPost becomes `ReplyToId`). */
  readonly replyToKey?: string | undefined;
}

/** First `max` code points of `text` (a described length counts characters). */
function cut(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  return [...text].slice(0, max).join('');
}

function put(record: Record<string, unknown>, schema: SocialSchema, object: 'SocialPost' | 'SocialPersona', field: string, value: string | number | boolean | undefined): void {
  if (value === undefined || value === '') return;
  const fields = object === 'SocialPost' ? schema.postFields : schema.personaFields;
  if (!fields.has(field)) return;
  record[field] = typeof value === 'string' ? cut(value, schema.lengths.get(`${object}.${field}`)) : value;
}

/** The URL line of `content` that names the post (its last path segment is the post id). */
export function postUrlIn(content: string, postId: string): string | undefined {
  for (const line of content.split(/\r?\n/).map((l) => l.trim())) {
    if (!/^https?:\/\/\S+$/i.test(line) || line.length > 1000) continue;
    try {
      if (new URL(line).pathname.split('/').filter((s) => s !== '').pop() === postId) return line;
    } catch {
      // not a URL
    }
  }
  return undefined;
}

/** A profile URL where the network has a stable one by handle. */
function profileUrl(provider: string, handle: string): string | undefined {
  const p = provider.toLowerCase();
  return p === 'twitter' || p === 'x' ? `https://x.com/${encodeURIComponent(handle)}` : undefined;
}

/** The SocialPersona of a post's author: `ParentId` = Contact, `Name` = handle, `ExternalId` = user id. */
export function personaRecord(post: WantedPost, schema: SocialSchema): Record<string, unknown> | undefined {
  const author = post.authorKey === undefined ? undefined : splitKey(post.authorKey);
  if (author === undefined || post.contactId === undefined || post.handle === undefined) return undefined;
  const record: Record<string, unknown> = { attributes: { type: 'SocialPersona' } };
  put(record, schema, 'SocialPersona', 'ParentId', post.contactId);
  put(record, schema, 'SocialPersona', 'Name', post.handle);
  put(record, schema, 'SocialPersona', 'Provider', providerValue(author.provider, schema));
  put(record, schema, 'SocialPersona', 'ExternalId', author.id);
  put(record, schema, 'SocialPersona', 'RealName', post.realName);
  put(record, schema, 'SocialPersona', 'Followers', post.followers);
  put(record, schema, 'SocialPersona', 'ProfileUrl', profileUrl(author.provider, post.handle));
  return record;
}

/** The message type: `Reply` / `Post` when the org's picklist has it, else none. */
function messageType(post: WantedPost, schema: SocialSchema): string | undefined {
  const value = post.reply ? 'Reply' : 'Post';
  return schema.messageTypes.size === 0 || schema.messageTypes.has(value) ? value : undefined;
}

/** The SocialPost of a post: `ParentId` = Case, `PersonaId` and `ReplyToId` when their records are known. */
export function socialPostRecord(post: WantedPost, schema: SocialSchema, ids: { personaId?: string | undefined; replyToId?: string | undefined }): Record<string, unknown> | undefined {
  const key = splitKey(post.key);
  if (key === undefined) return undefined;
  const record: Record<string, unknown> = { attributes: { type: 'SocialPost' } };
  put(record, schema, 'SocialPost', 'Name', post.name.trim() === '' ? post.key : post.name);
  put(record, schema, 'SocialPost', 'ExternalPostId', key.id);
  put(record, schema, 'SocialPost', 'Provider', providerValue(key.provider, schema));
  put(record, schema, 'SocialPost', 'MessageType', messageType(post, schema));
  put(record, schema, 'SocialPost', 'IsOutbound', post.outbound);
  put(record, schema, 'SocialPost', 'Content', post.content);
  put(record, schema, 'SocialPost', 'Handle', post.outbound ? undefined : post.handle);
  put(record, schema, 'SocialPost', 'ParentId', post.caseId);
  put(record, schema, 'SocialPost', 'WhoId', post.outbound ? undefined : post.contactId);
  put(record, schema, 'SocialPost', 'PersonaId', post.outbound ? undefined : ids.personaId);
  put(record, schema, 'SocialPost', 'ReplyToId', ids.replyToId);
  put(record, schema, 'SocialPost', 'Posted', post.posted);
  put(record, schema, 'SocialPost', 'PostUrl', postUrlIn(post.content, key.id));
  return record;
}
