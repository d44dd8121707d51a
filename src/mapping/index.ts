/** Mapping: post → Case / Contact / comment fields, templates, field limits. */
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
export { PLACEHOLDERS, type Placeholder } from './placeholders.js';
export {
  collapseWhitespace,
  graphemeBoundaryAtOrBefore,
  sanitizeText,
  truncateAtWord,
  truncateChars,
  truncateUtf8Bytes,
  utf8Length,
} from './text-limits.js';
