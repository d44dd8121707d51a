import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonlPosts, PROFILE_POSTS_PATH, realTweetSets } from '../../bench/stage-triage-inputs.js';
import type { FieldLimits } from '../../src/model/crm-records.js';
import { SALESFORCE_FIELD_LIMITS } from '../../src/mapping/field-limits.js';
import { createMapper, MappingConfigSchema, type Mapper, type MappingConfigInput } from '../../src/mapping/field-mapping.js';
import { PRIORITIES } from '../../src/model/drafts.js';
import { POST_KINDS, type SocialPost } from '../../src/model/social-post.js';
import { makePost } from './fixtures.js';
import { createMapper as createReferenceMapper } from './reference/field-mapping.js';
import { anyText, RUNS } from './text-arbitraries.js';

const CONFIGS: readonly MappingConfigInput[] = [
  {},
  {
    subjectTemplate: '[{priority}] {displayName}\t{text}  ({followers}{verified})',
    descriptionTemplate: '\n\n{text}\n\n\n{url}\n{lang}\n\n  \nLikes {likes}, {{literal}} {sentiment}\n{location}\n\n',
    commentTemplate: '{displayName} wrote:\n\n{text}\n\n{url}\n\n{kind} {postId}',
    origin: ' Social\u0000 ',
    caseFields: { Sentiment__c: '{sentiment}', Followers__c: '{followers}', Verified__c: '{verified}', Summary__c: '{handle}: {text}', Lang__c: '{lang}', Text__c: '{text}' },
    contactFields: { Handle__c: '{handle}', Bio__c: '{displayName} from {location}', Loc__c: '{location}' },
    customFieldMaxLength: 20,
  },
  { subjectTemplate: '{text}', descriptionTemplate: '{text} / {text}', commentTemplate: '{text}{text}{url}' },
  // Subjects whose renders need no collapsing unless they end with a space (and one ending with one).
  { subjectTemplate: '[{priority}]@{handle}: {text}, by {displayName}.{url}{lang}|{sentiment}{verified}' },
  { subjectTemplate: '{text}: {handle}-{url}| ' },
];
const LIMITS: readonly FieldLimits[] = [
  SALESFORCE_FIELD_LIMITS,
  { caseSubject: 12, caseDescription: 40, commentBodyBytes: 30, contactLastName: 5, contactFirstName: 3 },
  { caseSubject: 1, caseDescription: 2, commentBodyBytes: 3, contactLastName: 1, contactFirstName: 0 },
];

type Outcome = { readonly value: unknown } | { readonly error: string; readonly details: unknown; readonly type: string };

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() };
  } catch (error) {
    const e = error as Error & { details?: unknown };
    return { error: e.message, details: e.details, type: e.constructor.name };
  }
}

/** Every draft of a post (as values or errors), with a context of each kind. */
function draftsOf(mapper: Mapper, post: SocialPost, priority: (typeof PRIORITIES)[number], sentiment: number | undefined): Outcome[] {
  return [
    outcome(() => mapper.caseDraft(post, { threadKey: 'twitter:1', priority, status: 'New', sentiment })),
    outcome(() => mapper.commentDraft(post, { outbound: false })),
    outcome(() => mapper.commentDraft(post, { outbound: true })),
    outcome(() => mapper.contactDraft(post.author)),
  ];
}

const longText = fc.tuple(anyText, fc.integer({ min: 20, max: 400 })).map(([s, n]) => s.repeat(n).slice(0, 40_000));
const postArb = fc
  .record({
    text: fc.oneof({ weight: 4, arbitrary: anyText }, { weight: 1, arbitrary: longText }),
    kind: fc.constantFrom(...POST_KINDS),
    handle: fc.oneof(fc.constantFrom('jane', 'Ann_K', 'x'), anyText.filter((s) => /[A-Za-z0-9]/.test(s) && s.length < 30)),
    displayName: fc.option(fc.oneof(anyText, longText), { nil: undefined }),
    location: fc.option(anyText, { nil: undefined }),
    url: fc.option(fc.oneof(fc.webUrl(), anyText), { nil: undefined }),
    lang: fc.option(fc.constantFrom('en', 'de-AT'), { nil: undefined }),
    followers: fc.option(fc.nat(), { nil: undefined }),
    verified: fc.option(fc.boolean(), { nil: undefined }),
    metrics: fc.option(fc.record({ likes: fc.nat(), reposts: fc.nat(), replies: fc.nat(), quotes: fc.nat() }), { nil: undefined }),
  })
  .map((p) => {
    const author = { handle: p.handle, ...(p.displayName === undefined ? {} : { displayName: p.displayName }), ...(p.location === undefined ? {} : { location: p.location }), ...(p.followers === undefined ? {} : { followers: p.followers }), ...(p.verified === undefined ? {} : { verified: p.verified }) };
    try {
      return makePost({ text: p.text, kind: p.kind, ...(p.url === undefined ? {} : { url: p.url }), ...(p.lang === undefined ? {} : { lang: p.lang }), ...(p.metrics === undefined ? {} : { metrics: p.metrics }), author });
    } catch {
      return makePost({ text: p.text, kind: p.kind });
    }
  });

const realPosts: SocialPost[] = [
  ...realTweetSets().flatMap((set) => set.posts),
  ...(existsSync(PROFILE_POSTS_PATH) ? jsonlPosts(PROFILE_POSTS_PATH).slice(0, 5_000) : []),
];

describe('the mapper makes the drafts (and errors) the mapper before its fast paths made', () => {
  for (const [c, config] of CONFIGS.entries()) {
    for (const [l, limits] of LIMITS.entries()) {
      const parsed = MappingConfigSchema.parse(config);
      const fast = createMapper(parsed, limits);
      const reference = createReferenceMapper(parsed, limits);

      it(`config ${c}, limits ${l}: arbitrary posts`, () => {
        fc.assert(
          fc.property(postArb, fc.constantFrom(...PRIORITIES), fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }), (post, priority, sentiment) => {
            expect(draftsOf(fast, post, priority, sentiment)).toStrictEqual(draftsOf(reference, post, priority, sentiment));
          }),
          { numRuns: RUNS / 6 },
        );
      });

      // With the real limits every post; with the tiny ones (where most drafts are errors) every 8th.
      const step = l === 0 ? 1 : 8;
      it.skipIf(realPosts.length === 0)(`config ${c}, limits ${l}: real tweets and the profile posts`, { timeout: 120_000 }, () => {
        for (let i = 0; i < realPosts.length; i += step) {
          const post = realPosts[i] as SocialPost;
          expect(draftsOf(fast, post, 'High', -3)).toStrictEqual(draftsOf(reference, post, 'High', -3));
        }
      });
    }
  }
});
