import type { z } from 'zod';
import { MappingError } from '../errors.js';
import { SocialPostSchema, type SocialPost } from './social-post.js';

/** Turns a zod issue path into `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(root)';
}

/** One line per zod issue: `field: message`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
}

/** Outcome of validating one untrusted post. */
export type PostValidation =
  | { readonly ok: true; readonly post: SocialPost }
  | { readonly ok: false; readonly error: MappingError };

/**
 * Validates one untrusted value as a SocialPost. A failure names the first bad field and the post id
 * (when the value has one) and never throws.
 */
export function validatePost(value: unknown): PostValidation {
  const parsed = SocialPostSchema.safeParse(value);
  if (parsed.success) return { ok: true, post: parsed.data };
  const first = parsed.error.issues[0];
  const field = first ? formatPath(first.path) : '(root)';
  const rawId = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  const postId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const where = postId === undefined ? 'post without id' : `post ${postId}`;
  return {
    ok: false,
    error: new MappingError(`Invalid ${where}: ${describeIssues(parsed.error)}`, {
      field,
      ...(postId === undefined ? {} : { postId }),
    }),
  };
}
