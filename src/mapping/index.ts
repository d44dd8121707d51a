/** Mapping and triage: post → Case / Contact / comment fields, field limits, triage rules, priority. */
export { BrandConfigSchema, isBrandAuthor, isBrandHandle, type BrandConfig } from './brand.js';
export { splitDisplayName, type ContactName } from './contact-name.js';
export { contentText } from './content-text.js';
export { SALESFORCE_FIELD_LIMITS } from './field-limits.js';
export {
  DEFAULT_COMMENT_TEMPLATE,
  DEFAULT_DESCRIPTION_TEMPLATE,
  DEFAULT_SUBJECT_TEMPLATE,
  MappingConfigSchema,
  createMapper,
  type CaseContext,
  type CommentContext,
  type Mapper,
  type MappingConfig,
  type MappingConfigInput,
} from './field-mapping.js';
export { compileKeywords, type KeywordMatcher } from './keywords.js';
export { PLACEHOLDERS, type Placeholder } from './placeholders.js';
export { createSentimentScorer, type SentimentResult, type SentimentScorer } from './sentiment.js';
export {
  collapseWhitespace,
  graphemeBoundaryAtOrBefore,
  sanitizeText,
  truncateAtWord,
  truncateChars,
  truncateUtf8Bytes,
  utf8Length,
} from './text-limits.js';
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
