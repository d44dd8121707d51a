import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonlPosts, PROFILE_POSTS_PATH, realTweetSets } from '../../bench/stage-triage-inputs.js';
import { SYNTHETIC_BRANDS } from '../../bench/generate-posts.js';
import { existsSync } from 'node:fs';
import { POST_KINDS, type SocialPost } from '../../src/model/social-post.js';
import { BrandConfigSchema } from '../../src/triage/brand.js';
import { createTriage, TriageConfigSchema, type TriageConfigInput } from '../../src/triage/triage.js';
import { anyText, RUNS } from '../mapping/text-arbitraries.js';
import { makePost } from '../mapping/fixtures.js';
import { referenceTriage } from './reference-triage.js';

const CONFIGS: readonly TriageConfigInput[] = [
  {},
  { ignoreReposts: false, ignoreEmpty: true, priority: { urgentKeywords: ['refund', 'not working', 'C++', 'déjà vu'], negativeBelow: 0, positiveAbove: 0 } },
  {
    rules: [
      { name: 'dm', when: { kinds: ['direct_message'] }, action: 'case', priority: 'High' },
      { name: 'short thanks', when: { keywords: ['thanks', 'thank you'], maxLength: 30 }, action: 'comment' },
      { name: 'fans', when: { minFollowers: 5000, lang: ['en'] }, action: 'comment', priority: 'Low' },
      { name: 'angry', when: { sentimentBelow: -3 }, action: 'case' },
      { name: 'happy', when: { sentimentAbove: 4 }, action: 'ignore' },
      { name: 'tiny', when: { maxLength: 3 }, action: 'ignore' },
    ],
    ignoreReposts: false,
  },
];
const brand = BrandConfigSchema.parse({ handles: ['AcmeHelp', ...SYNTHETIC_BRANDS.map((b) => b.handle)], ids: ['999', ...SYNTHETIC_BRANDS.map((b) => b.id)] });

const postArb = fc
  .record({
    text: anyText,
    kind: fc.constantFrom(...POST_KINDS),
    handle: fc.constantFrom('jane', 'AcmeHelp', '@acmehelp', 'ACMEHELP', 'bob_1'),
    id: fc.constantFrom('u1', '999'),
    followers: fc.option(fc.constantFrom(0, 4_999, 5_000, 10_000, 100_000), { nil: undefined }),
    verified: fc.option(fc.boolean(), { nil: undefined }),
    lang: fc.option(fc.constantFrom('en', 'en-GB', 'de', 'EN'), { nil: undefined }),
  })
  .map(({ text, kind, handle, id, followers, verified, lang }) =>
    makePost({ text, kind, ...(lang === undefined ? {} : { lang }), author: { handle, id, ...(followers === undefined ? {} : { followers }), ...(verified === undefined ? {} : { verified }) } }),
  );

const realPosts: SocialPost[] = [
  ...realTweetSets().flatMap((set) => set.posts),
  ...(existsSync(PROFILE_POSTS_PATH) ? jsonlPosts(PROFILE_POSTS_PATH).slice(0, 5_000) : []),
];

describe('createTriage decides as the triage before its fast paths', () => {
  for (const [n, config] of CONFIGS.entries()) {
    const parsed = TriageConfigSchema.parse(config);
    const fast = createTriage(parsed, brand);
    const reference = referenceTriage(parsed, brand);

    it(`config ${n}: arbitrary posts`, () => {
      fc.assert(
        fc.property(postArb, (post) => {
          expect(fast(post)).toStrictEqual(reference(post));
        }),
        { numRuns: RUNS },
      );
    });

    it.skipIf(realPosts.length === 0)(`config ${n}: real tweets and the profile posts`, () => {
      const actions = new Set<string>();
      for (const post of realPosts) {
        const decision = fast(post);
        expect(decision).toStrictEqual(reference(post));
        actions.add(decision.action);
      }
      expect(actions.size).toBeGreaterThan(1);
    });
  }
});
