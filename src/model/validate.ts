import type { z } from 'zod';
import { MappingError } from '../errors.js';
import { droppedField, optionalFieldOf, type OptionalMetadataField, type PostFieldWarning } from './optional-metadata.js';
import { SocialPostSchema, type SocialPost } from './social-post.js';
import { formatPath } from './issue-path.js';
import { describePostIssues } from './post-issues.js';

export { formatPath };

/** One line per zod issue: `field: message` (zod's messages; a post's own are {@link describePostIssues}'s plain words). */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
}

/** Outcome of validating one untrusted post. */
export type PostValidation =
  | {
      readonly ok: true;
      readonly post: SocialPost;
      /** Invalid optional fields dropped from the post (it still syncs); empty for a clean post. */
      readonly warnings: readonly PostFieldWarning[];
    }
  | { readonly ok: false; readonly error: MappingError };

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `value` without the given optional fields (the author copied too when one of its fields goes). */
function withoutFields(value: Json, fields: readonly OptionalMetadataField[]): Json {
  const out: Json = { ...value };
  for (const field of fields) {
    if (field.startsWith('author.')) {
      const author = { ...(out['author'] as Json) };
      delete author[field.slice('author.'.length)];
      out['author'] = author;
    } else {
      delete out[field];
    }
  }
  return out;
}

function failure(value: unknown, error: z.ZodError, field: string): PostValidation {
  const rawId = isJson(value) ? value['id'] : undefined;
  const postId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const where = postId === undefined ? 'post without id' : `post ${postId}`;
  return {
    ok: false,
    error: new MappingError(`Invalid ${where}: ${describePostIssues(error, value)}`, { field, ...(postId === undefined ? {} : { postId }) }),
  };
}

/**
 * Validates one untrusted value as a SocialPost and never throws. An invalid optional field
 * (`OPTIONAL_METADATA`: url, lang, metrics, author display name, followers, verified, email,
 * location) is dropped with a warning and the post is valid; any other problem fails, naming the
 * first bad required field and the post id (when the value has one).
 */
export function validatePost(value: unknown): PostValidation {
  const parsed = SocialPostSchema.safeParse(value);
  if (parsed.success) return { ok: true, post: parsed.data, warnings: [] };
  const strict = parsed.error.issues.find((i) => optionalFieldOf(i.path) === undefined);
  if (strict !== undefined || !isJson(value)) return failure(value, parsed.error, formatPath((strict ?? parsed.error.issues[0])?.path ?? []));
  const fields = [...new Set(parsed.error.issues.map((i) => optionalFieldOf(i.path) as OptionalMetadataField))];
  const again = SocialPostSchema.safeParse(withoutFields(value, fields));
  if (!again.success) return failure(value, again.error, formatPath(again.error.issues[0]?.path ?? []));
  const author = isJson(value['author']) ? value['author'] : {};
  const valueOf = (f: OptionalMetadataField): unknown => (f.startsWith('author.') ? author[f.slice('author.'.length)] : value[f]);
  return { ok: true, post: again.data, warnings: fields.map((f) => droppedField(f, valueOf(f))) };
}
