/**
 * Optional metadata never costs a post. Exports from listening tools write values such as
 * `followers: "1.2K"`, `verified: "yes"` or `url: "javascript:x"`; such an invalid OPTIONAL field is
 * dropped (the post syncs without it) and reported as a {@link PostWarning}. Required fields (id,
 * provider, text, createdAt, author id/handle/provider) and the fields that steer routing (kind,
 * threadId, inReplyTo, mentions, hashtags) stay strict: a dead letter naming the field.
 * Both `validatePost` (zod) and the JSONL fast path apply this table.
 */

/** The optional fields that are dropped when invalid, with what a valid value is. */
export const OPTIONAL_METADATA = {
  url: 'an http: or https: URL',
  lang: 'a language tag such as "en" or "pt-BR"',
  metrics: 'whole numbers ≥ 0 for likes, reposts, replies and quotes',
  'author.displayName': 'text',
  'author.followers': 'a whole number ≥ 0',
  'author.verified': 'true or false',
  'author.email': 'an e-mail address',
  'author.location': 'text',
} as const satisfies Readonly<Record<string, string>>;

/** A field of {@link OPTIONAL_METADATA}. */
export type OptionalMetadataField = keyof typeof OPTIONAL_METADATA;

/** An invalid optional field that was dropped from a post that synced. */
export interface PostFieldWarning {
  /** The field dropped, e.g. `author.followers`. */
  readonly field: OptionalMetadataField;
  /** In plain words: the value and what was expected. */
  readonly reason: string;
}

/** A {@link PostFieldWarning} with the post it concerns (the `postWarning` event, `SourcePage.warnings`). */
export interface PostWarning extends PostFieldWarning {
  readonly postId: string;
  /** Line number in a JSONL input (1-based). */
  readonly line?: number;
}

const preview = (value: unknown): string => {
  const text = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

/** The warning for dropping `field` whose value was `value`. */
export function droppedField(field: OptionalMetadataField, value: unknown): PostFieldWarning {
  return { field, reason: `${field}: ${preview(value)} is not ${OPTIONAL_METADATA[field]}; dropped, the post synced without it` };
}

/** The optional-metadata field a zod issue path falls in (`['author', 'followers']` → `author.followers`), if any. */
export function optionalFieldOf(path: readonly PropertyKey[]): OptionalMetadataField | undefined {
  const [a, b] = path;
  if (a === 'author' && typeof b === 'string') {
    const key = `author.${b}`;
    return key in OPTIONAL_METADATA ? (key as OptionalMetadataField) : undefined;
  }
  return typeof a === 'string' && a !== 'author' && a in OPTIONAL_METADATA ? (a as OptionalMetadataField) : undefined;
}
