/** Triage: ignore / case / comment per post, brand accounts, urgent keywords, sentiment, priority. */
export { BrandConfigSchema, isBrandAuthor, isBrandHandle, type BrandConfig } from './brand.js';
export { compileKeywords, type KeywordMatcher } from './keywords.js';
export { createSentimentScorer, type SentimentResult, type SentimentScorer } from './sentiment.js';
export {
  DEFAULT_URGENT_KEYWORDS,
  TriageConfigSchema,
  TriageRuleSchema,
  createTriage,
  type Influence,
  type Triage,
  type TriageAction,
  type TriageConfig,
  type TriageConfigInput,
  type TriageDecision,
  type TriageRule,
} from './triage.js';
