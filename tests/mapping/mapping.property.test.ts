import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldLimits } from '../../src/adapters/types.js';
import { MappingError } from '../../src/errors.js';
import { SALESFORCE_FIELD_LIMITS } from '../../src/mapping/field-limits.js';
import { createMapper, MappingConfigSchema, type Mapper } from '../../src/mapping/field-mapping.js';
import { PLACEHOLDERS } from '../../src/mapping/placeholders.js';
import { graphemeBoundaryAtOrBefore, truncateChars, truncateUtf8Bytes, utf8Length } from '../../src/mapping/text-limits.js';
import { CaseDraftSchema, CommentDraftSchema, ContactDraftSchema, PRIORITIES } from '../../src/model/drafts.js';
import { isVisibleHandle, stripHandle } from '../../src/model/field-rules.js';
import { SocialPostSchema, POST_KINDS, type SocialPost } from '../../src/model/social-post.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BAD_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));
const anyText = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: codeUnit }),
  fc.string({ unit: 'binary-ascii' }),
  fc.string({ unit: fc.constantFrom('👨‍👩‍👧‍👦', '🇫🇷', 'e\u0301', '😀', ' ', '\n', '\r\n', 'a', '"', '\\', '\u0000') }),
);
/** Long texts made by repeating a short one (cheap to generate, up to ~100k code units). */
const longText = fc.tuple(anyText, fc.integer({ min: 50, max: 2_000 })).map(([s, n]) => s.repeat(n).slice(0, 100_000));
const postText = fc.oneof({ weight: 4, arbitrary: anyText }, { weight: 1, arbitrary: longText });
const handle = fc.oneof(fc.stringMatching(/^@?[A-Za-z0-9_]{1,15}$/), anyText.filter((s) => isVisibleHandle(stripHandle(s)) && s.length <= 40));

function postArbWith(handleArb: fc.Arbitrary<string>): fc.Arbitrary<SocialPost> {
  return fc
    .record({
      id: fc.stringMatching(/^[0-9]{1,19}$/),
      kind: fc.constantFrom(...POST_KINDS),
      text: postText,
      createdAt: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
      url: fc.option(fc.webUrl(), { nil: undefined }),
      lang: fc.option(fc.stringMatching(/^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/), { nil: undefined }), // a language tag (others are dropped by validatePost)
      metrics: fc.option(fc.record({ likes: fc.nat(), reposts: fc.nat(), replies: fc.nat(), quotes: fc.nat() }), { nil: undefined }),
      author: fc.record({
        id: fc.stringMatching(/^[0-9]{1,19}$/),
        handle: handleArb,
        displayName: fc.option(fc.oneof(anyText, longText), { nil: undefined }),
        followers: fc.option(fc.nat(), { nil: undefined }),
        verified: fc.option(fc.boolean(), { nil: undefined }),
        location: fc.option(anyText, { nil: undefined }),
      }),
    })
    .map((p): SocialPost => {
      const { url, lang, metrics, ...rest } = p;
      const author = Object.fromEntries(Object.entries({ ...p.author, provider: 'twitter' }).filter(([, v]) => v !== undefined));
      return SocialPostSchema.parse({
        ...rest,
        provider: 'twitter',
        author,
        ...(url === undefined ? {} : { url }),
        ...(lang === undefined ? {} : { lang }),
        ...(metrics === undefined ? {} : { metrics }),
      });
    });
}
const postArb = postArbWith(handle);
/** Posts whose author has a real-world handle (letters, digits, `_`). */
const realHandlePostArb = postArbWith(fc.stringMatching(/^@?[A-Za-z0-9_]{1,15}$/));

const smallLimits = fc.record({
  caseSubject: fc.integer({ min: 0, max: 300 }),
  caseDescription: fc.integer({ min: 0, max: 400 }),
  commentBodyBytes: fc.integer({ min: 0, max: 400 }),
  contactLastName: fc.integer({ min: 0, max: 90 }),
  contactFirstName: fc.integer({ min: 0, max: 50 }),
});
const limitsArb: fc.Arbitrary<FieldLimits> = fc.oneof(smallLimits, fc.constant(SALESFORCE_FIELD_LIMITS));

/** A template made of placeholders and brace-free literals. */
const templateArb = fc
  .array(fc.oneof(fc.constantFrom(...PLACEHOLDERS.map((p) => `{${p}}`)), anyText.map((s) => s.replace(/[{}]/g, ''))), { maxLength: 8 })
  .map((parts) => parts.join(''));
const commentTemplateArb = templateArb.map((t) => t.replace(/\{(priority|sentiment)\}/g, ''));
const configArb = fc.oneof(
  fc.constant(MappingConfigSchema.parse({ caseFields: { Sentiment__c: '{sentiment}', Text__c: '{text}', Name__c: '{displayName} {location}' } })),
  fc.record({ subjectTemplate: templateArb, descriptionTemplate: templateArb, commentTemplate: commentTemplateArb }).map((t) => MappingConfigSchema.parse(t)),
);

function expectClean(value: string | undefined): void {
  if (value === undefined) return;
  expect(LONE_SURROGATE.test(value)).toBe(false);
  expect(BAD_CONTROL.test(value)).toBe(false);
}

/** Runs a draft maker: either the draft is returned or a MappingError naming a field is thrown. */
function draftOrMappingError<T>(make: () => T, check: (draft: T) => void): void {
  let draft: T;
  try {
    draft = make();
  } catch (error) {
    expect(error).toBeInstanceOf(MappingError);
    expect((error as MappingError).details.field).toMatch(/^(case|contact|comment)\./);
    return;
  }
  check(draft);
}

function checkAll(mapper: Mapper, post: SocialPost, limits: FieldLimits): void {
  const ctx = { threadKey: 'twitter:t', priority: PRIORITIES[1], status: 'New', sentiment: -3 };
  draftOrMappingError(
    () => mapper.caseDraft(post, ctx),
    (c) => {
      CaseDraftSchema.parse(c);
      expect(c.subject.length).toBeLessThanOrEqual(limits.caseSubject);
      expect(c.subject).not.toContain('\n');
      expect(c.description.length).toBeLessThanOrEqual(limits.caseDescription);
      for (const v of [c.subject, c.description, c.origin, ...Object.values(c.custom)]) expectClean(typeof v === 'string' ? v : undefined);
    },
  );
  draftOrMappingError(
    () => mapper.commentDraft(post, { outbound: false }),
    (c) => {
      CommentDraftSchema.parse(c);
      expect(utf8Length(c.body)).toBeLessThanOrEqual(limits.commentBodyBytes);
      expectClean(c.body);
    },
  );
  draftOrMappingError(
    () => mapper.contactDraft(post.author),
    (c) => {
      ContactDraftSchema.parse(c);
      expect(c.lastName.length).toBeGreaterThan(0);
      expect(c.lastName.length).toBeLessThanOrEqual(limits.contactLastName);
      expect((c.firstName ?? '').length).toBeLessThanOrEqual(limits.contactFirstName);
      for (const v of [c.firstName, c.lastName, c.location, ...c.handles.map((h) => h.handle)]) expectClean(v);
    },
  );
}

describe('mapping properties', () => {
  it('every draft is within every limit and clean, or a MappingError names the field', () => {
    fc.assert(
      fc.property(postArb, limitsArb, configArb, (post, limits, config) => {
        checkAll(createMapper(config, limits), post, limits);
      }),
      { numRuns: 400 },
    );
  });

  it('never fails with Salesforce limits and the default mapping', () => {
    const mapper = createMapper(MappingConfigSchema.parse({}), SALESFORCE_FIELD_LIMITS);
    fc.assert(
      fc.property(realHandlePostArb, (post) => {
        const ctx = { threadKey: 'twitter:t', priority: PRIORITIES[0], status: 'New' };
        expect(mapper.caseDraft(post, ctx).subject.length).toBeGreaterThan(0);
        expect(mapper.commentDraft(post, { outbound: true }).body.length).toBeGreaterThan(0);
        expect(mapper.contactDraft(post.author).lastName.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('truncation properties', () => {
  /** Grapheme boundaries of a whole string, by segmenting all of it (the slow, obvious way). */
  const boundaries = (s: string): Set<number> => {
    const out = new Set([s.length]);
    for (const seg of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)) out.add(seg.index);
    return out;
  };

  it('truncateChars keeps a grapheme-boundary prefix within the limit', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 40 }), fc.constantFrom('…', '', '...'), (text, max, ellipsis) => {
        const out = truncateChars(text, max, ellipsis);
        expect(out.length).toBeLessThanOrEqual(max);
        if (text.length <= max) {
          expect(out).toBe(text);
          return;
        }
        const kept = ellipsis !== '' && out.endsWith(ellipsis) && ellipsis.length <= max ? out.slice(0, out.length - ellipsis.length) : out;
        expect(text.startsWith(kept)).toBe(true);
        expect(boundaries(text).has(kept.length)).toBe(true);
        expect(graphemeBoundaryAtOrBefore(text, kept.length)).toBe(kept.length);
      }),
      { numRuns: 1_000 },
    );
  });

  it('truncateUtf8Bytes keeps a grapheme-boundary prefix within the byte limit', () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 0, max: 80 }), (text, max) => {
        const out = truncateUtf8Bytes(text, max);
        expect(utf8Length(out)).toBe(Buffer.byteLength(out, 'utf8'));
        expect(utf8Length(out)).toBeLessThanOrEqual(max);
        if (utf8Length(text) <= max) {
          expect(out).toBe(text);
          return;
        }
        const kept = max >= 3 ? out.slice(0, -1) : out;
        expect(text.startsWith(kept)).toBe(true);
        expect(boundaries(text).has(kept.length)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
