import { expect } from 'vitest';
import { validatePost, type PostValidation } from '../../src/model/validate.js';
import { buildPostFast } from '../../src/sources/jsonl/fast-validate.js';

/** A valid post input, with `over` merged in at the top level. */
export function postInput(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '1',
    provider: 'twitter',
    text: 'hello',
    createdAt: '2024-05-01T12:00:00Z',
    author: { provider: 'twitter', id: 'u1', handle: 'ada' },
    ...over,
  };
}

/** A valid post input whose author has `over` merged in. */
export function withAuthor(over: Record<string, unknown>): Record<string, unknown> {
  return postInput({ author: { provider: 'twitter', id: 'u1', handle: 'ada', ...over } });
}

/**
 * Validates with zod (`validatePost`) and checks that the JSONL fast path agrees: it hands what zod
 * rejects over to zod (`undefined`), and what it builds itself is exactly zod's post, with the same
 * dropped optional fields.
 */
export function validateBoth(value: unknown): PostValidation {
  const zod = validatePost(value);
  const fast = buildPostFast(JSON.parse(JSON.stringify(value)));
  if (!zod.ok) expect(fast, 'the fast path must not accept what zod rejects').toBeUndefined();
  else if (fast !== undefined) expect(JSON.stringify(fast)).toBe(JSON.stringify({ post: zod.post, warnings: zod.warnings }));
  return zod;
}

/** The rejection of `value` (fails the test when it is accepted). */
export function rejection(value: unknown): { field: string | undefined; message: string } {
  const result = validateBoth(value);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.post)}`);
  return { field: result.error.details.field, message: result.error.message };
}

/** The accepted post (fails the test when `value` is rejected). */
export function accepted(value: unknown) {
  const result = validateBoth(value);
  if (!result.ok) throw new Error(`rejected: ${result.error.message}`);
  return result.post;
}

/** The optional fields dropped from `value`, which is accepted (fails the test when it is rejected). */
export function droppedFields(value: unknown): string[] {
  const result = validateBoth(value);
  if (!result.ok) throw new Error(`rejected: ${result.error.message}`);
  return result.warnings.map((w) => w.field);
}
