/**
 * The job config of the X source (`source.type: twitter`), keys exactly as the README's "Read from X"
 * lists them. Unknown keys are errors; messages name the key and never quote a credential.
 */
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { configProblems } from '../../model/config-problems.js';
import { DEFAULT_PRICES } from './stats.js';

const secret = z.string().trim().min(1, 'must not be empty');
const userId = z.string().trim().regex(/^[0-9]{1,19}$/, 'must be an X user id (digits) or a handle (@name)');
const handle = z.string().trim().regex(/^@?[A-Za-z0-9_]{1,15}$/, 'must be an X user id (digits) or a handle (@name)');
const path = z.string().trim().min(1, 'must be a file path');

/** App-only bearer token: reads mentions and search, no DMs, no replies. */
export const BearerAuthSchema = z.strictObject({ bearerToken: secret });
/** OAuth 2.0 user token with refresh (PKCE app): reads, replies, DMs with `dm.read`. */
export const OAuth2UserAuthSchema = z.strictObject({
  clientId: secret,
  clientSecret: secret.optional(),
  refreshToken: secret,
  /** Where rotated tokens are kept (X refresh tokens are single-use): read at start, written after each refresh. */
  tokenFile: path,
});
/** OAuth 1.0a user keys: reads, replies, DMs. */
export const OAuth1AuthSchema = z.strictObject({ appKey: secret, appSecret: secret, accessToken: secret, accessSecret: secret });

/** `source.auth`: one of the three credential shapes. */
export const TwitterAuthConfigSchema = z.union([BearerAuthSchema, OAuth2UserAuthSchema, OAuth1AuthSchema], {
  error: () => 'must be { bearerToken } or { clientId, clientSecret?, refreshToken, tokenFile } or { appKey, appSecret, accessToken, accessSecret }',
});
/** Credentials of the X source. */
export type TwitterAuthConfig = z.output<typeof TwitterAuthConfigSchema>;

/** One recent-search rule: its own stream (`twitter:search:<name>`) and checkpoint. */
export const SearchRuleSchema = z.strictObject({
  name: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1–64 letters, digits, _ . or -'),
  query: z.string().trim().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters'),
});
/** A recent-search rule. */
export type SearchRule = z.output<typeof SearchRuleSchema>;

const price = z.number().nonnegative('must be a price in US dollars, 0 or more').max(100, 'must be a price per resource in US dollars (at most 100)');
/**
 * `source.prices`: US dollars per resource read, for the run's cost (X is pay-per-use). Each key
 * defaults to X's pricing page (2026-02): post read 0.005, user read 0.010, DM event 0.010, a post
 * mentioning the app owner's own account ("owned read") 0.001.
 */
export const TwitterPricesSchema = z.strictObject({
  postRead: price.default(DEFAULT_PRICES.postRead),
  userRead: price.default(DEFAULT_PRICES.userRead),
  dmEvent: price.default(DEFAULT_PRICES.dmEvent),
  ownedRead: price.default(DEFAULT_PRICES.ownedRead),
});

/** `source:` of a job reading from X. */
export const TwitterSourceConfigSchema = z
  .strictObject({
    type: z.literal('twitter'),
    auth: TwitterAuthConfigSchema,
    /** Brand account user ids (or handles, resolved once at start). */
    mentions: z.array(z.union([userId, handle])).default([]),
    search: z.array(SearchRuleSchema).default([]),
    directMessages: z.boolean().default(false),
    overlapSeconds: z.number().int().min(0).max(86_400).default(120),
    backfill: z.strictObject({ maxPosts: z.number().int().min(0).max(100_000).default(800) }).default({ maxPosts: 800 }),
    fetchParents: z.boolean().default(true),
    prices: TwitterPricesSchema.default({ ...DEFAULT_PRICES }),
  })
  .superRefine((c, ctx) => {
    if (c.mentions.length === 0 && c.search.length === 0 && !c.directMessages) {
      ctx.addIssue({ code: 'custom', path: ['mentions'], message: 'no stream configured: give mentions, search or directMessages: true' });
    }
    const names = new Set<string>();
    c.search.forEach((rule, i) => {
      if (names.has(rule.name)) ctx.addIssue({ code: 'custom', path: ['search', i, 'name'], message: `duplicate search rule name '${rule.name}'` });
      names.add(rule.name);
    });
    if (c.directMessages && 'bearerToken' in c.auth) {
      ctx.addIssue({ code: 'custom', path: ['directMessages'], message: 'needs a user token (OAuth 2.0 with dm.read, or OAuth 1.0a): an app bearer token cannot read DMs' });
    }
  });
/** A validated `source:` of type twitter. */
export type TwitterSourceConfig = z.output<typeof TwitterSourceConfigSchema>;
/** A `source:` of type twitter as written (defaults not applied). */
export type TwitterSourceConfigInput = z.input<typeof TwitterSourceConfigSchema>;

/**
 * Validates a `source:` section; throws a {@link ConfigError} naming every bad key (`source.auth`,
 * `source.search[0].query`), never echoing a value (a credential might be in it).
 */
export function parseTwitterSourceConfig(value: unknown, at = 'source'): TwitterSourceConfig {
  const parsed = TwitterSourceConfigSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = configProblems(parsed.error, at);
  throw new ConfigError(`Invalid X source config: ${problems.map((p) => p.text).join('; ')}`, { field: problems[0]?.key ?? at });
}
