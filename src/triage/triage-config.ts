import { z } from 'zod';
import { PRIORITIES } from '../model/drafts.js';
import { POST_KINDS } from '../model/social-post.js';

/** What triage may decide for a post by a customer. */
export const RULE_ACTIONS = ['ignore', 'case', 'comment'] as const;

const keyword = z.string().trim().min(1);

/** Conditions of a rule; all given conditions must hold (a rule with none matches every post). */
export const TriageRuleWhenSchema = z.strictObject({
  /** The post is one of these kinds. */
  kinds: z.array(z.enum(POST_KINDS)).min(1).optional(),
  /** One of these words or phrases occurs (case-insensitive, whole words) outside @mentions and links. */
  keywords: z.array(keyword).min(1).optional(),
  /** The text without @mentions and links has at most this many characters (code points). */
  maxLength: z.number().int().nonnegative().optional(),
  /** The author has at least this many followers (unknown counts as 0). */
  minFollowers: z.number().int().nonnegative().optional(),
  /** The AFINN sentiment score is below this. */
  sentimentBelow: z.number().optional(),
  /** The AFINN sentiment score is above this. */
  sentimentAbove: z.number().optional(),
  /** The post's language is one of these (`en` also matches `en-GB`; unknown language never matches). */
  lang: z.array(z.string().trim().min(1)).min(1).optional(),
});

/** One triage rule. The first rule whose `when` matches decides the action (and may set a priority). */
export const TriageRuleSchema = z.strictObject({
  name: z.string().trim().min(1),
  when: TriageRuleWhenSchema.prefault({}),
  action: z.enum(RULE_ACTIONS),
  priority: z.enum(PRIORITIES).optional(),
});
/** One triage rule. */
export type TriageRule = z.output<typeof TriageRuleSchema>;

/** Keywords that make a post urgent unless configured otherwise. */
export const DEFAULT_URGENT_KEYWORDS: readonly string[] = Object.freeze([
  'outage',
  'down',
  'refund',
  'cancel',
  'lawsuit',
  'fraud',
  'hacked',
  'charged twice',
]);

/** How reach raises priority. */
export const InfluenceConfigSchema = z.strictObject({
  highFollowers: z.number().int().nonnegative().default(100_000),
  mediumFollowers: z.number().int().nonnegative().default(10_000),
  verifiedIsHigh: z.boolean().default(true),
});

/** How priority is derived from keywords, sentiment score and influence. */
export const PriorityConfigSchema = z.strictObject({
  default: z.enum(PRIORITIES).default('Medium'),
  urgentKeywords: z.array(keyword).default(() => [...DEFAULT_URGENT_KEYWORDS]),
  /** A sentiment score below this raises priority one step. */
  negativeBelow: z.number().default(-2),
  /** A sentiment score above this lowers priority to Low (no urgent keyword, influence not high). */
  positiveAbove: z.number().default(3),
  influence: InfluenceConfigSchema.prefault({}),
});

/** Triage configuration; `TriageConfigSchema.parse({})` gives the defaults. */
export const TriageConfigSchema = z.strictObject({
  /** Ordered rules; the first match decides the action. */
  rules: z.array(TriageRuleSchema).default([]),
  /** Reposts are ignored (otherwise they may join an existing Case; they never open one). */
  ignoreReposts: z.boolean().default(true),
  /** Posts with an empty text are ignored (by default they are a customer speaking, too). */
  ignoreEmpty: z.boolean().default(false),
  priority: PriorityConfigSchema.prefault({}),
});
/** Triage configuration (defaults applied). */
export type TriageConfig = z.output<typeof TriageConfigSchema>;
/** Triage configuration as written in a job config (every field optional). */
export type TriageConfigInput = z.input<typeof TriageConfigSchema>;
