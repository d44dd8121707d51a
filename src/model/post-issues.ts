/**
 * Plain words for what is wrong with a post, as a dead letter's reason says it to an admin:
 * `author.handle: missing`, `author.followers: expected a number, got "12k"`,
 * `kind: expected one of post, reply, quote, repost, direct_message, got "bogus"`. The field is named
 * the way `formatPath` writes it; a value is shown cut to a few dozen characters, and never an
 * e-mail address. The model's own rules (`code: 'custom'`: handle, date-time, URL, language tag)
 * already speak plainly and keep their message.
 */
import type { z } from 'zod';
import { formatPath } from './issue-path.js';

/** One issue of a zod error. */
export type PostIssue = z.ZodError['issues'][number];

/** Characters of a value shown in a reason, at most. */
export const SHOWN_VALUE_CHARS = 40;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** The value at `path` inside `input` (`undefined` when any step is missing). */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

/** A value as a reason shows it: JSON (strings quoted), cut to {@link SHOWN_VALUE_CHARS} characters. */
export function shownValue(value: unknown): string {
  let text: string;
  if (typeof value === 'number' || typeof value === 'bigint') text = String(value); // NaN, Infinity: not JSON
  else text = JSON.stringify(value) ?? String(value);
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS - 1)}…` : text;
}

/** What the issue says is wrong, without the field: `missing`, `expected a number, got "12k"`, … */
export function describeProblem(issue: PostIssue, value: unknown): string {
  const got = `, got ${shownValue(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'missing';
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}${got}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long${got}`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} items`;
      return `must be ${issue.inclusive === false ? 'more than' : 'at least'} ${issue.minimum}${got}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}${got}`;
    case 'invalid_value':
      return `expected ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => (typeof v === 'string' ? v : shownValue(v))).join(', ')}${got}`;
    case 'invalid_format':
      // An e-mail address is personal data: not repeated in the reason.
      return issue.format === 'email' ? 'expected an e-mail address' : `expected ${issue.format === 'url' ? 'a URL' : `the ${issue.format} format`}${got}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}${got}`;
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_union':
      return `matches none of the allowed forms${got}`;
    case 'custom':
      return issue.message;
    default:
      // invalid_key / invalid_element belong to maps and sets, which a post has none of.
      return issue.message.replace(/^Invalid input: /, '');
  }
}

/** One issue as `field: problem`, the value looked up in the post's `input`. */
export function describePostIssue(issue: PostIssue, input: unknown): string {
  return `${formatPath(issue.path)}: ${describeProblem(issue, valueAt(input, issue.path))}`;
}

/** Every issue of a post's validation, `; `-separated. */
export function describePostIssues(error: z.ZodError, input: unknown): string {
  return error.issues.map((issue) => describePostIssue(issue, input)).join('; ');
}
