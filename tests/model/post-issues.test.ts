import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describePostIssues, SHOWN_VALUE_CHARS, shownValue, valueAt } from '../../src/model/post-issues.js';
import { POST_KINDS } from '../../src/model/social-post.js';
import { postInput, rejection, validateBoth, withAuthor } from './helpers.js';

/** Zod's own wording, which a dead letter's reason must not carry. */
const ZOD_WORDING = /Invalid input|received|Too small|Too big|Invalid option|Invalid email|Invalid string|expected (string|number|int|boolean|object|array)\b/;

describe('reasons of invalid posts, in plain words naming the field', () => {
  it.each<[string, Record<string, unknown>, string, string]>([
    ['a missing field', withAuthor({ handle: undefined }), 'author.handle', 'Invalid post 1: author.handle: missing'],
    ['a missing top-level field', postInput({ text: undefined }), 'text', 'Invalid post 1: text: missing'],
    ['a number for a string', postInput({ id: 5 }), 'id', 'Invalid post 5: id: expected a string, got 5'],
    ['null for an object', postInput({ author: null }), 'author', 'Invalid post 1: author: expected an object, got null'],
    ['an array for an object', postInput({ inReplyTo: [1, 2] }), 'inReplyTo', 'Invalid post 1: inReplyTo: expected an object, got [1,2]'],
    ['a string for an array', postInput({ mentions: 'ada' }), 'mentions', 'Invalid post 1: mentions: expected an array, got "ada"'],
    ['an element of an array', postInput({ hashtags: ['ok', 7] }), 'hashtags[1]', 'Invalid post 1: hashtags[1]: expected a string, got 7'],
    ['a string for a boolean', postInput({ summoned: 'yes' }), 'summoned', 'Invalid post 1: summoned: expected true or false, got "yes"'],
    ['an unknown kind', postInput({ kind: 'tweet' }), 'kind', `Invalid post 1: kind: expected one of ${POST_KINDS.join(', ')}, got "tweet"`],
    ['an empty required string', postInput({ threadId: ' ' }), 'threadId', 'Invalid post 1: threadId: must not be empty'],
    ['a model rule', postInput({ createdAt: 'yesterday' }), 'createdAt', 'Invalid post 1: createdAt: must be an ISO 8601 date-time with a time zone, e.g. 2026-11-01T10:00:00Z'],
  ])('%s', (_, input, field, message) => {
    expect(rejection(input)).toEqual({ field, message });
  });

  it('says every problem of a post, and of a value that is no post at all', () => {
    expect(rejection({ id: 'p' }).message).toBe('Invalid post p: provider: missing; text: missing; createdAt: missing; author: missing');
    expect(rejection(null).message).toBe('Invalid post without id: (root): expected an object, got null');
    expect(rejection(['a']).message).toBe('Invalid post without id: (root): expected an object, got ["a"]');
  });

  it('shows a value cut to a few dozen characters', () => {
    const long = 'x'.repeat(500);
    const { message } = rejection(postInput({ kind: long }));
    expect(message).toContain(`got "${'x'.repeat(SHOWN_VALUE_CHARS - 2)}…`);
    expect(message).not.toContain('x'.repeat(SHOWN_VALUE_CHARS));
    expect(shownValue({ a: long }).length).toBe(SHOWN_VALUE_CHARS);
    expect(shownValue(Number.NaN)).toBe('NaN');
    expect(shownValue(undefined)).toBe('undefined');
  });

  it('finds the value an issue path points at', () => {
    expect(valueAt({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toBe(1);
    expect(valueAt({ a: null }, ['a', 'b'])).toBeUndefined();
    expect(valueAt({}, ['constructor'])).toBeUndefined(); // own keys only
    expect(valueAt(3, [])).toBe(3);
  });

  it('words the issue kinds of counts, e-mail addresses and the rest like the post fields (no e-mail address repeated)', () => {
    const schema = z.object({
      author: z.object({ followers: z.number().int().nonnegative().optional(), email: z.string().email().optional() }),
      step: z.number().multipleOf(5).optional(),
      tags: z.array(z.string()).min(1).max(2).optional(),
      name: z.string().min(3).max(4).optional(),
      strict: z.strictObject({ a: z.number().optional() }).optional(),
      either: z.union([z.number(), z.boolean()]).optional(),
      gt: z.number().gt(0).lt(10).optional(),
    });
    const say = (input: Record<string, unknown>): string => {
      const parsed = schema.safeParse(input);
      if (parsed.success) throw new Error('expected a failure');
      return describePostIssues(parsed.error, input);
    };
    expect(say({ author: { followers: '12k' } })).toBe('author.followers: expected a number, got "12k"');
    expect(say({ author: { followers: 1.5 } })).toBe('author.followers: expected a whole number, got 1.5');
    expect(say({ author: { followers: -3 } })).toBe('author.followers: must be at least 0, got -3');
    expect(say({ author: { followers: 2 ** 60 } })).toBe(`author.followers: must be at most ${Number.MAX_SAFE_INTEGER}, got ${2 ** 60}`);
    expect(say({ author: { email: 'ada@example' } })).toBe('author.email: expected an e-mail address');
    expect(say({ author: {}, step: 7 })).toBe('step: must be a multiple of 5, got 7');
    expect(say({ author: {}, tags: [] })).toBe('tags: must have at least 1 items');
    expect(say({ author: {}, tags: ['a', 'b', 'c'] })).toBe('tags: must have at most 2 items');
    expect(say({ author: {}, name: 'ab' })).toBe('name: must be at least 3 characters long, got "ab"');
    expect(say({ author: {}, name: 'abcde' })).toBe('name: must be at most 4 characters long');
    expect(say({ author: {}, strict: { a: 1, b: 2, c: 3 } })).toBe('strict: unknown keys "b", "c"');
    expect(say({ author: {}, either: 'x' })).toBe('either: matches none of the allowed forms, got "x"');
    expect(say({ author: {}, gt: 0 })).toBe('gt: must be more than 0, got 0');
    expect(say({ author: {}, gt: 10 })).toBe('gt: must be less than 10, got 10');
  });

  it('never carries zod wording, whatever is broken in a post', () => {
    const anything = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined));
    const field = fc.constantFrom('id', 'provider', 'kind', 'text', 'createdAt', 'url', 'lang', 'author', 'threadId', 'inReplyTo', 'mentions', 'hashtags', 'metrics', 'stream', 'summoned');
    const authorField = fc.constantFrom('provider', 'id', 'handle', 'displayName', 'followers', 'verified', 'email', 'location');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), field, authorField, anything), { minLength: 1, maxLength: 4 }), (changes) => {
        const value: Record<string, unknown> = postInput({ inReplyTo: { postId: 'p' }, metrics: { likes: 1 } });
        value['author'] = { ...(value['author'] as object) };
        for (const [inAuthor, key, authorKey, v] of changes) {
          const author = value['author'];
          if (inAuthor && typeof author === 'object' && author !== null) (author as Record<string, unknown>)[authorKey] = v;
          else value[key] = v;
        }
        const result = validateBoth(JSON.parse(JSON.stringify(value)));
        if (result.ok) return;
        const { message } = result.error;
        expect(message).not.toMatch(ZOD_WORDING);
        // The first bad field is named, then what is wrong with it.
        expect(message).toMatch(/^Invalid post /);
        const field = result.error.details.field ?? '';
        expect([`: ${field}: `, `; ${field}: `].some((named) => message.includes(named)), message).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
