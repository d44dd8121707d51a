import type { DeadLetter } from '../../model/dead-letter.js';
import type { PostFieldWarning } from '../../model/optional-metadata.js';
import type { SocialPost } from '../../model/social-post.js';
import { normalizeProvider } from '../../model/field-rules.js';
import { validatePost } from '../../model/validate.js';
import { fastValidatePost } from './fast-validate.js';
import type { RawLine } from './line-reader.js';

/** Characters of a raw line kept in its dead letter. */
export const PAYLOAD_CHARS = 10_000;

/** What one line turned into. */
export type LineOutcome =
  | { readonly kind: 'blank' }
  | { readonly kind: 'post'; readonly post: SocialPost; readonly warnings: readonly PostFieldWarning[] }
  | { readonly kind: 'rejected'; readonly stage: 'source' | 'validate'; readonly deadLetter: DeadLetter };

const BLANK = /^\s*$/;

/**
 * The JSONL format makes `author.provider` optional (ARCHITECTURE.md "Formats"): it defaults to the post's
 * `provider`. Fills it in place — only ever called on a value fresh from `JSON.parse`.
 */
export function fillAuthorProvider(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  const post = value as { provider?: unknown; author?: unknown };
  const author = post.author;
  if (typeof post.provider !== 'string' || typeof author !== 'object' || author === null || Array.isArray(author)) return;
  if (!('provider' in author)) (author as { provider?: unknown }).provider = post.provider;
}

/**
 * The id a dead letter of an invalid post is filed under: the post's own key (`provider:id`, as the
 * engine keys its records) when both parts are readable, so the letter is resolved once the fixed
 * line syncs; else the raw id the validator read, or the line (`line:N`).
 */
function letterPostId(value: unknown, rawId: string | undefined, n: number): string {
  const post = typeof value === 'object' && value !== null ? (value as { provider?: unknown; id?: unknown }) : {};
  const provider = typeof post.provider === 'string' ? normalizeProvider(post.provider) : '';
  const id = typeof post.id === 'string' || typeof post.id === 'number' ? String(post.id).trim() : '';
  if (provider !== '' && id !== '') return `${provider}:${id}`;
  return rawId ?? `line:${n}`;
}

function rejected(stage: 'source' | 'validate', deadLetter: DeadLetter): LineOutcome {
  return { kind: 'rejected', stage, deadLetter };
}

/**
 * Turns one line into a post, a dead letter, or nothing (blank line):
 * - longer than `maxLineBytes` → dead letter, stage `source`;
 * - not JSON → dead letter, stage `source`, reason `line N: invalid JSON: …`;
 * - a valid post whose invalid optional fields were dropped → the post, with the warnings;
 * - JSON but not a valid post → dead letter, stage `validate`, naming the field and post id
 *   (`author.provider` defaults to the post's `provider` first).
 * `at` is the dead letter's timestamp.
 */
export function parseLine(line: RawLine, maxLineBytes: number, at: string): LineOutcome {
  const n = line.number;
  if (line.kind === 'oversize') {
    return rejected('source', {
      postId: `line:${n}`,
      stage: 'source',
      code: 'SOURCE',
      reason: `line ${n}: longer than ${maxLineBytes} bytes (${line.bytes} bytes); skipped`,
      line: n,
      payload: line.head.slice(0, PAYLOAD_CHARS),
      at,
    });
  }
  // A UTF-8 byte order mark may open the file.
  const text = n === 1 && line.text.charCodeAt(0) === 0xfeff ? line.text.slice(1) : line.text;
  // A line opening with `{` (every post) is not blank: the regex only runs for the others.
  if (text.charCodeAt(0) !== 0x7b && BLANK.test(text)) return { kind: 'blank' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return rejected('source', {
      postId: `line:${n}`,
      stage: 'source',
      code: 'SOURCE',
      reason: `line ${n}: invalid JSON: ${message.slice(0, 200)}`,
      line: n,
      payload: text.slice(0, PAYLOAD_CHARS),
      at,
    });
  }
  fillAuthorProvider(value);
  const fast = fastValidatePost(value);
  if (fast !== undefined) return { kind: 'post', post: fast.post, warnings: fast.warnings };
  const result = validatePost(value);
  if (result.ok) return { kind: 'post', post: result.post, warnings: result.warnings };
  const { error } = result;
  return rejected('validate', {
    postId: letterPostId(value, error.details.postId, n),
    stage: 'validate',
    code: error.code,
    reason: `line ${n}: ${error.message}`,
    ...(error.details.field === undefined ? {} : { field: error.details.field }),
    line: n,
    payload: text.slice(0, PAYLOAD_CHARS),
    at,
  });
}
