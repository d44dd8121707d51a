import { describe, expect, it } from 'vitest';
import type { FieldLimits } from '../../src/adapters/types.js';
import { ConfigError, MappingError } from '../../src/errors.js';
import { SALESFORCE_FIELD_LIMITS } from '../../src/mapping/field-limits.js';
import { createMapper, DEFAULT_DESCRIPTION_TEMPLATE, MappingConfigSchema, type MappingConfigInput } from '../../src/mapping/field-mapping.js';
import { utf8Length } from '../../src/mapping/text-limits.js';
import { makePost } from './fixtures.js';

const mapperWith = (config: MappingConfigInput = {}, limits: Partial<FieldLimits> = {}) =>
  createMapper(MappingConfigSchema.parse(config), { ...SALESFORCE_FIELD_LIMITS, ...limits });
const ctx = { threadKey: 'twitter:100', priority: 'High', status: 'New', sentiment: -4 } as const;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

const fullPost = makePost({
  id: '555',
  text: 'My order "#42" is late \\ again 😡\r\nPlease help',
  url: 'https://x.com/jane/status/555',
  lang: 'en',
  metrics: { likes: 3, reposts: 1, replies: 2, quotes: 0 },
  author: { followers: 1200, verified: true, location: 'Berlin', email: 'jane@example.com' },
});

describe('MappingConfigSchema', () => {
  it('parses {} into the defaults', () => {
    const config = MappingConfigSchema.parse({});
    expect(config).toMatchObject({ subjectTemplate: '@{handle}: {text}', origin: 'Twitter', caseFields: {}, contactFields: {} });
    expect(config.descriptionTemplate).toBe(DEFAULT_DESCRIPTION_TEMPLATE);
    expect(config.commentTemplate).toBe('@{handle}: {text}\n{url}');
  });

  it('reports an unknown placeholder at its path', () => {
    const result = MappingConfigSchema.safeParse({ caseFields: { Mood__c: '{mood}' } });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['caseFields', 'Mood__c']);
    expect(MappingConfigSchema.safeParse({ contactFields: { Last_Post__c: '{text}' } }).success).toBe(false);
    expect(MappingConfigSchema.safeParse({ caseFields: { 'bad name': '{text}' } }).success).toBe(false);
  });
});

describe('createMapper', () => {
  it('throws a ConfigError naming the template at creation time', () => {
    const config = { ...MappingConfigSchema.parse({}), subjectTemplate: 'New: {txt}' };
    const error = thrown(() => createMapper(config, SALESFORCE_FIELD_LIMITS));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).details.field).toBe('mapping.subjectTemplate');
  });

  it('rejects a negative or NaN limit', () => {
    expect(() => mapperWith({}, { caseSubject: -1 })).toThrow(ConfigError);
    expect(() => mapperWith({}, { commentBodyBytes: Number.NaN })).toThrow('commentBodyBytes');
  });
});

describe('caseDraft', () => {
  it('fills every Case field from the post and context', () => {
    const draft = mapperWith({ caseFields: { Sentiment__c: '{sentiment}', Lang__c: '{lang}', Note__c: 'P={priority}/{kind}' } }).caseDraft(fullPost, ctx);
    expect(draft).toEqual({
      externalPostId: 'twitter:555',
      threadKey: 'twitter:100',
      subject: '@jane: My order "#42" is late \\ again 😡 Please help',
      description: [
        'My order "#42" is late \\ again 😡',
        'Please help',
        '',
        'https://x.com/jane/status/555',
        '',
        'Author: Jane Doe (@jane, 1200 followers, verified)',
        'Posted: 2024-05-01T10:00:00.000Z',
        'Metrics: 3 likes, 1 reposts, 2 replies',
      ].join('\n'),
      status: 'New',
      priority: 'High',
      origin: 'Twitter',
      createdAt: '2024-05-01T10:00:00.000Z',
      custom: { Sentiment__c: -4, Lang__c: 'en', Note__c: 'P=High/post' },
    });
  });

  it('leaves out what is unknown instead of printing undefined', () => {
    const draft = mapperWith({ caseFields: { Followers__c: '{followers}', Url__c: '{url}' } }).caseDraft(makePost({ author: { displayName: undefined } }), ctx);
    expect(draft.description).toBe('hello there\n\nAuthor: jane (@jane,  followers)\nPosted: 2024-05-01T10:00:00.000Z');
    expect(draft.description).not.toContain('undefined');
    expect(draft.custom).toEqual({ Followers__c: null, Url__c: null });
  });

  it('uses (no text) for an empty post', () => {
    const draft = mapperWith().caseDraft(makePost({ text: '' }), ctx);
    expect(draft.subject).toBe('@jane: (no text)');
    expect(draft.description.startsWith('(no text)\n')).toBe(true);
  });

  it('cuts the subject after a whole word and keeps it on one line', () => {
    const text = 'word '.repeat(100);
    const draft = mapperWith().caseDraft(makePost({ text: `first\nline ${text}` }), ctx);
    expect(draft.subject).toHaveLength(253); // 7 + 11 + 47 words × 5 − 1 space + ellipsis
    expect(draft.subject.startsWith('@jane: first line word word')).toBe(true);
    expect(draft.subject.endsWith('word…')).toBe(true);
  });

  it('cuts the text, not the footer, of a long description', () => {
    const draft = mapperWith({}, { caseDescription: 300 }).caseDraft(makePost({ text: 'x'.repeat(10_000), url: 'https://x.com/a/status/1' }), ctx);
    expect(draft.description).toHaveLength(300);
    expect(draft.description).toContain('\nPosted: 2024-05-01T10:00:00.000Z');
    expect(draft.description).toContain('x…\n\nhttps://x.com/a/status/1');
  });

  it('throws a MappingError naming the field when nothing fits', () => {
    const error = thrown(() => mapperWith({}, { caseSubject: 0 }).caseDraft(makePost({ id: '77' }), ctx));
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).details).toEqual({ field: 'case.subject', postId: '77' });
    expect(() => mapperWith({}, { caseDescription: 1 }).caseDraft(makePost(), ctx)).toThrow(MappingError);
  });

  it('throws a MappingError for a custom field with a non-finite number', () => {
    const error = thrown(() => mapperWith({ caseFields: { Score__c: '{sentiment}' } }).caseDraft(makePost(), { ...ctx, sentiment: Number.NaN }));
    expect((error as MappingError).details.field).toBe('case.custom.Score__c');
  });

  it('cuts text custom fields to customFieldMaxLength', () => {
    const draft = mapperWith({ customFieldMaxLength: 10, caseFields: { Text__c: '{text}', Both__c: '{handle}: {text}' } }).caseDraft(
      makePost({ text: 'abcdefghijklmnop' }),
      ctx,
    );
    expect(draft.custom).toEqual({ Text__c: 'abcdefghi…', Both__c: 'jane: abc…' });
  });
});

describe('contactDraft', () => {
  it('maps the author', () => {
    expect(mapperWith({ contactFields: { Twitter_Followers__c: '{followers}', Verified__c: '{verified}' } }).contactDraft(fullPost.author)).toEqual({
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane@example.com',
      handles: [{ provider: 'twitter', handle: 'jane' }],
      socialIds: [{ provider: 'twitter', id: 'u1' }],
      followers: 1200,
      verified: true,
      location: 'Berlin',
      custom: { Twitter_Followers__c: 1200, Verified__c: true },
    });
  });

  it('falls back to @handle for emoji-only names and omits a missing first name', () => {
    const author = makePost({ author: { displayName: '🦄✨', handle: 'unicorn' } }).author;
    expect(mapperWith().contactDraft(author)).toEqual({
      lastName: '@unicorn',
      handles: [{ provider: 'twitter', handle: 'unicorn' }],
      socialIds: [{ provider: 'twitter', id: 'u1' }],
      custom: {},
    });
  });

  it('cuts names to their limits and drops a first name with no room', () => {
    const author = makePost({ author: { displayName: 'Maximilian Wolfeschlegelsteinhausenbergerdorff' } }).author;
    const draft = mapperWith({}, { contactLastName: 10, contactFirstName: 0 }).contactDraft(author);
    expect(draft.lastName).toBe('Wolfeschle');
    expect(draft.firstName).toBeUndefined();
  });

  it('uses the handle as last name when the name is one grapheme cluster longer than the limit', () => {
    // 81 Hangul vowel jamo form a single grapheme: no character boundary lies within 80 characters.
    const author = makePost({ author: { handle: 'jamo_fan', displayName: `Anna ${'\uD7B0'.repeat(81)}` } }).author;
    const draft = mapperWith().contactDraft(author);
    expect(draft.lastName).toBe('@jamo_fan'); // as for an author without a name
    expect(draft.firstName).toBeUndefined();
  });

  it('throws a MappingError when no last name fits', () => {
    const error = thrown(() => mapperWith({}, { contactLastName: 0 }).contactDraft(fullPost.author));
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).details).toEqual({ field: 'contact.lastName', record: 'twitter:u1' });
  });
});

describe('commentDraft', () => {
  it('renders the comment with the link', () => {
    expect(mapperWith().commentDraft(fullPost, { outbound: true })).toEqual({
      externalPostId: 'twitter:555',
      body: '@jane: My order "#42" is late \\ again 😡\nPlease help\nhttps://x.com/jane/status/555',
      outbound: true,
      createdAt: '2024-05-01T10:00:00.000Z',
    });
  });

  it('cuts the body in UTF-8 bytes and keeps the link', () => {
    const post = makePost({ text: '€'.repeat(5_000), url: 'https://x.com/a/status/1' });
    const body = mapperWith().commentDraft(post, { outbound: false }).body;
    expect(utf8Length(body)).toBeLessThanOrEqual(4_000);
    expect(utf8Length(body)).toBeGreaterThan(3_990);
    expect(body.endsWith('€…\nhttps://x.com/a/status/1')).toBe(true);
  });

  it('throws a MappingError naming comment.body when nothing fits', () => {
    const error = thrown(() => mapperWith({}, { commentBodyBytes: 0 }).commentDraft(makePost({ id: '9' }), { outbound: false }));
    expect((error as MappingError).details).toEqual({ field: 'comment.body', postId: '9' });
  });
});
