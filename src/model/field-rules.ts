/**
 * Rules for single SocialPost fields, shared by `SocialPostSchema` and the JSONL fast path so that
 * both accept, reject and normalise exactly the same values.
 */

/** A character that is neither whitespace nor a control character (C0, DEL, C1). */
const VISIBLE = /[^\s\p{Cc}]/u;

/** Error message of a handle with nothing visible in it. */
export const HANDLE_MESSAGE = 'must have a visible character after the leading "@" (not only whitespace or control characters)';

/** A trimmed handle without its one leading `@`. */
export function stripHandle(handle: string): string {
  return handle.trim().replace(/^@/, '');
}

/** True when a handle (as {@link stripHandle} leaves it) has a character a person can see. */
export function isVisibleHandle(handle: string): boolean {
  return VISIBLE.test(handle);
}
