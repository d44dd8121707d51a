import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POST_KINDS, SocialPostSchema } from '../../../src/model/social-post.js';
import { OPTIONAL_METADATA } from '../../../src/model/optional-metadata.js';
import { validatePost } from '../../../src/model/validate.js';
import { buildPostFast, fastPathEnabled } from '../../../src/sources/jsonl/fast-validate.js';

const messyString = fc.oneof(fc.string(), fc.constantFrom('', ' ', '@', '#', '  x  ', '@handle', '#tag', 'ok'), fc.integer(), fc.boolean());
const isoDate = fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const createdAt = fc.oneof(
  isoDate,
  fc.constantFrom('2024-05-01T12:00:00+05:30', '2024-05-01T12:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T25:00:00Z', '2024-05-01', 'yesterday', ''),
  fc.constantFrom('2026-02-30T10:00:00Z', '2024-02-29T10:00:00Z', '2024-05-01T12:00:00', '2024-05-01T12:00Z', '2024-05-01T12:00:00.1234567-03:30', '2024-05-01T24:00:00Z', '2024-05-01T12:00:00+0200'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.constantFrom('Z', '+01:00', '-23:59', '+24:00', ''))
    .map(([y, mo, d, h, tz]) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00${tz}`),
  messyString,
);
const count = fc.oneof(fc.nat(), fc.constantFrom(-1, 1.5, 2 ** 60, '3', '1.2K', null));

const word = fc.stringMatching(/^[a-z0-9_]{1,12}$/);
const validPost = fc.record(
  {
    id: word,
    provider: fc.constant('twitter'),
    kind: fc.constantFrom(...POST_KINDS),
    text: fc.string(),
    createdAt: isoDate,
    lang: fc.constantFrom('en', 'de'),
    author: fc.record(
      { provider: fc.constant('twitter'), id: word, handle: word.map((w) => `@${w}`), displayName: fc.string(), followers: fc.nat(), verified: fc.boolean() },
      { requiredKeys: ['provider', 'id', 'handle'] },
    ),
    threadId: word,
    inReplyTo: fc.record({ postId: word, authorId: word }, { requiredKeys: ['postId'] }),
    mentions: fc.array(word.map((w) => `@${w}`), { maxLength: 3 }),
    hashtags: fc.array(word, { maxLength: 3 }),
    metrics: fc.record({ likes: fc.nat(), reposts: fc.nat() }, { requiredKeys: [] }),
  },
  { requiredKeys: ['id', 'provider', 'text', 'createdAt', 'author'] },
);

const messyProvider = fc.oneof(messyString, fc.constantFrom('Twitter', ' TWITTER ', 'X', 'İnstagram', '\tMastodon\n'));
const messyAuthorFields: Record<string, fc.Arbitrary<unknown>> = {
  provider: messyProvider,
  id: messyString,
  handle: fc.oneof(messyString, fc.constantFrom('@\t', '\u0007', '@ ', ' @ ', '@@', '@\u0085', '\u00a0@', '@\u0007x')),
  displayName: messyString,
  followers: count,
  verified: fc.oneof(fc.boolean(), fc.constantFrom('yes', 1, null)),
  email: fc.constantFrom('a@b.co', 'First.Last@example.org', 'bad', '', 'a@b', ' a@b.co ', 'a@@b.co'),
  location: messyString,
  extra: fc.string(),
};
const messyPostFields: Record<string, fc.Arbitrary<unknown>> = {
  id: messyString,
  provider: messyProvider,
  kind: fc.oneof(fc.constantFrom(...POST_KINDS), fc.constantFrom('bogus', 1)),
  text: messyString,
  createdAt,
  url: fc.oneof(
    fc.constantFrom('https://x.com/i/status/1', 'http://example.com/a?b=1', 'not a url', 'ftp://x.org', 'http://', '', 'mailto:a@b.co', ' https://x.com '),
    fc.constantFrom('javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'HTTP://X.COM', 'https:x.com', 'file:///etc/passwd'),
    fc.webUrl(),
    messyString,
  ),
  lang: fc.oneof(messyString, fc.constantFrom('en', 'pt-BR', 'zh-Hant', 'und', 'English', 'e', 'en_US', '')),
  author: fc.constantFrom(null, 'x', [1], {}),
  threadId: messyString,
  inReplyTo: fc.oneof(fc.record({ postId: messyString, authorId: messyString, extra: fc.string() }, { requiredKeys: [] }), fc.constant(null)),
  mentions: fc.oneof(fc.array(messyString, { maxLength: 3 }), fc.constant('x')),
  hashtags: fc.oneof(fc.array(messyString, { maxLength: 3 }), fc.constant({})),
  metrics: fc.oneof(fc.record({ likes: count, reposts: count, replies: count, quotes: count, extra: fc.string() }, { requiredKeys: [] }), fc.constant(3)),
  raw: fc.jsonValue({ maxDepth: 2 }),
  extra: fc.string(),
};
type Change = readonly ['post' | 'author', string, unknown] | readonly ['delete' | 'deleteAuthor', string];
const change: fc.Arbitrary<Change> = fc.oneof(
  ...Object.entries(messyPostFields).map(([key, arb]) => arb.map((v): Change => ['post', key, v])),
  ...Object.entries(messyAuthorFields).map(([key, arb]) => arb.map((v): Change => ['author', key, v])),
  fc.constantFrom(...Object.keys(messyPostFields)).map((key): Change => ['delete', key]),
  fc.constantFrom(...Object.keys(messyAuthorFields)).map((key): Change => ['deleteAuthor', key]),
  fc.constant<Change>(['post', '__proto__', { polluted: true }]),
);
/** A valid post with one to three fields broken, added or removed; JSON round-tripped. */
const messyPost = fc.tuple(validPost, fc.array(change, { minLength: 1, maxLength: 3 })).map(([post, changes]) => {
  const value = JSON.parse(JSON.stringify(post)) as Record<string, unknown> & { author: Record<string, unknown> };
  for (const c of changes) {
    if (c[0] === 'post') Object.defineProperty(value, c[1], { value: c[2], enumerable: true, configurable: true, writable: true });
    else if (c[0] === 'author' && typeof value.author === 'object' && value.author !== null) value.author[c[1]] = c[2];
    else if (c[0] === 'delete') delete value[c[1]];
    else if (typeof value.author === 'object' && value.author !== null) delete value.author[c[1]];
  }
  return JSON.stringify(value);
});

describe('fast post validation', () => {
  it('is enabled: it agrees with the model schema (update fast-validate.ts when the schema changes)', () => {
    expect(fastPathEnabled()).toBe(true);
  });

  it('never accepts what zod rejects, and builds exactly what zod builds (key order included), dropping the same optional fields', () => {
    fc.assert(
      fc.property(messyPost, (line) => {
        const fast = buildPostFast(JSON.parse(line));
        if (fast === undefined) return;
        const zod = validatePost(JSON.parse(line));
        expect(zod.ok, line).toBe(true);
        if (!zod.ok) return;
        expect(JSON.stringify(fast), line).toBe(JSON.stringify({ post: zod.post, warnings: zod.warnings }));
        // A post the strict schema refuses is accepted only because its bad optional fields were dropped.
        if (!SocialPostSchema.safeParse(JSON.parse(line)).success) expect(fast.warnings.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('drops only optional metadata: a post with only bad optional fields syncs, the fields reported, both paths alike', () => {
    const badOptional = fc.record(
      {
        url: fc.constantFrom('javascript:x', 'ftp://x.org', '', 3),
        lang: fc.constantFrom('English', '', 5, 'en_US'),
        metrics: fc.constantFrom(3, { likes: -1 }, { likes: '1.2K' }, { replies: 1.5 }),
        displayName: fc.constantFrom(42, null, ['a']),
        followers: fc.constantFrom('1.2K', -5, 1.5, null, '300'),
        verified: fc.constantFrom('yes', 'true', 1, null),
        email: fc.constantFrom('bad', '', 'a@@b.co', 7),
        location: fc.constantFrom(1, false, {}),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(validPost, badOptional, (input, bad) => {
        const value = JSON.parse(JSON.stringify(input)) as Record<string, unknown> & { author: Record<string, unknown> };
        const expected: string[] = [];
        for (const [key, v] of Object.entries(bad)) {
          const field = ['url', 'lang', 'metrics'].includes(key) ? key : `author.${key}`;
          if (field.startsWith('author.')) value.author[key] = v;
          else value[key] = v;
          expected.push(field);
        }
        const zod = validatePost(value);
        expect(zod.ok).toBe(true);
        if (!zod.ok) return;
        expect(new Set(zod.warnings.map((w) => w.field))).toEqual(new Set(expected));
        for (const w of zod.warnings) expect(Object.keys(OPTIONAL_METADATA)).toContain(w.field);
        const fast = buildPostFast(JSON.parse(JSON.stringify(value)));
        expect(JSON.stringify(fast)).toBe(JSON.stringify({ post: zod.post, warnings: zod.warnings }));
      }),
      { numRuns: 1000 },
    );
  });

  it('handles every plainly valid post itself', () => {
    fc.assert(
      fc.property(validPost, (input) => {
        const value: unknown = JSON.parse(JSON.stringify(input));
        const fast = buildPostFast(value);
        expect(fast).toBeDefined();
        expect(JSON.stringify(fast)).toBe(JSON.stringify({ post: SocialPostSchema.parse(value), warnings: [] }));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('fast post validation keeps parsed objects zod would rebuild alike', () => {
  const authorFields = {
    provider: fc.constantFrom('twitter', 'Twitter', ' x '),
    id: fc.constantFrom('u1', ' u1 ', '7'),
    handle: fc.constantFrom('jane', '@jane', ' jane', 'a b'),
    displayName: fc.oneof(fc.string(), fc.constant(3)),
    followers: fc.oneof(fc.nat(), fc.constant(-1)),
    verified: fc.oneof(fc.boolean(), fc.constant('yes')),
    email: fc.constantFrom('a@b.co', ' a@b.co', 'bad'),
    location: fc.oneof(fc.string(), fc.constant(false)),
  };
  const metricFields = { likes: fc.oneof(fc.nat(), fc.constant(-1)), reposts: fc.nat(), replies: fc.nat(), quotes: fc.nat() };
  /** An object of `fields` (some left out) with its keys in the given order. */
  const inSomeOrder = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T, required: readonly (keyof T & string)[]) =>
    fc.tuple(fc.record(fields, { requiredKeys: [...required] }), fc.boolean(), fc.nat()).map(([value, shuffle, seed]) => {
      const keys = Object.keys(value);
      if (shuffle) keys.sort((a, b) => ((a.charCodeAt(0) * 31 + seed) % 7) - ((b.charCodeAt(0) * 31 + seed) % 7));
      return Object.fromEntries(keys.map((k) => [k, (value as Record<string, unknown>)[k]]));
    });
  const post = fc.record(
    {
      id: fc.constantFrom('1', '2'),
      provider: fc.constant('twitter'),
      text: fc.string(),
      kind: fc.constantFrom('post', 'reply', 'bogus'),
      createdAt: fc.constant('2026-10-01T00:00:06.016Z'),
      url: fc.constantFrom('https://x.com/i/status/1', 'javascript:x'),
      author: inSomeOrder(authorFields, ['provider', 'id', 'handle']),
      threadId: fc.constantFrom('1', ' '),
      inReplyTo: fc.constant({ postId: '1' }),
      metrics: inSomeOrder(metricFields, []),
      mentions: fc.array(fc.constantFrom('AcmeHelp', '@AcmeHelp', 'x', ''), { maxLength: 3 }),
      hashtags: fc.array(fc.constantFrom('help', '#help', ''), { maxLength: 3 }),
    },
    { requiredKeys: ['id', 'provider', 'text', 'createdAt', 'author'] },
  );

  it('builds exactly what zod builds (key order included), whether it kept a parsed object or made a new one, in one literal or key by key', () => {
    let kept = 0;
    fc.assert(
      fc.property(post, (input) => {
        const line = JSON.stringify(input);
        const value = JSON.parse(line) as { author: unknown; metrics?: unknown };
        const fast = buildPostFast(value);
        const zod = validatePost(JSON.parse(line));
        if (fast === undefined) return;
        expect(zod.ok, line).toBe(true);
        if (!zod.ok) return;
        expect(JSON.stringify(fast), line).toBe(JSON.stringify({ post: zod.post, warnings: zod.warnings }));
        if (fast.post.author === value.author) kept++;
        if (value.metrics !== undefined && fast.post.metrics === value.metrics) kept++;
      }),
      { numRuns: 3000 },
    );
    expect(kept).toBeGreaterThan(100);
  });

  it('on the profile input: the same posts as zod, the parsed author mostly kept (when its keys are in order)', () => {
    const path = '/work/prof/posts200k.jsonl';
    if (!existsSync(path)) return;
    const lines = readFileSync(path, 'utf8').split('\n', 5_000).filter((l) => l !== '');
    let kept = 0;
    for (const line of lines) {
      const value = JSON.parse(line) as { author: unknown };
      const fast = buildPostFast(value);
      const zod = validatePost(JSON.parse(line));
      expect(zod.ok).toBe(true);
      if (!zod.ok) return;
      expect(JSON.stringify(fast)).toBe(JSON.stringify({ post: zod.post, warnings: zod.warnings }));
      if (fast?.post.author === value.author) kept++;
    }
    expect(kept).toBeGreaterThan(lines.length / 2);
  });
});
