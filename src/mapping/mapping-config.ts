import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { COMMENT_PLACEHOLDERS, IDENTITY_PLACEHOLDERS, PLACEHOLDERS, type Placeholder } from './placeholders.js';
import { compileTemplate } from './template.js';

/** Default Case subject: the author and the first words of the post. */
export const DEFAULT_SUBJECT_TEMPLATE = '@{handle}: {text}';
/** Default Case description: the post, its link, the author, when it was posted and its reach. */
export const DEFAULT_DESCRIPTION_TEMPLATE = [
  '{text}',
  '',
  '{url}',
  '',
  'Author: {displayName} (@{handle}, {followers} followers{verified})',
  'Posted: {createdAt}',
  'Metrics: {likes} likes, {reposts} reposts, {replies} replies',
].join('\n');
/** Default Case comment body: the author, the post and its link. */
export const DEFAULT_COMMENT_TEMPLATE = '@{handle}: {text}\n{url}';

/** A CRM API field name such as `Sentiment__c` or `sentiment_c`. */
const FieldNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a CRM API field name (letters, digits, _)');
const FieldTemplatesSchema = z.record(FieldNameSchema, z.string());

/** The three text templates and the placeholders each may use. */
const TEMPLATE_SCOPES: readonly { key: 'subjectTemplate' | 'descriptionTemplate' | 'commentTemplate'; allowed: readonly Placeholder[] }[] = [
  { key: 'subjectTemplate', allowed: PLACEHOLDERS },
  { key: 'descriptionTemplate', allowed: PLACEHOLDERS },
  { key: 'commentTemplate', allowed: COMMENT_PLACEHOLDERS },
];

function templateIssue(source: string, allowed: readonly Placeholder[], field: string): string | undefined {
  try {
    compileTemplate(source, allowed, field);
    return undefined;
  } catch (error) {
    if (error instanceof ConnectorError) return error.message;
    throw error;
  }
}

/**
 * Declarative mapping of posts to CRM fields; `MappingConfigSchema.parse({})` gives the defaults.
 * Templates use `{placeholder}` (see `PLACEHOLDERS`); unknown placeholders fail validation.
 * `caseFields` / `contactFields` map a CRM API field name to a template; a template that is a single
 * placeholder gives a typed value (a number for `{followers}`, a boolean for `{verified}`).
 */
export const MappingConfigSchema = z
  .strictObject({
    subjectTemplate: z.string().default(DEFAULT_SUBJECT_TEMPLATE),
    descriptionTemplate: z.string().default(DEFAULT_DESCRIPTION_TEMPLATE),
    commentTemplate: z.string().default(DEFAULT_COMMENT_TEMPLATE),
    /** Case origin (Salesforce `Origin` picklist value). */
    origin: z.string().trim().min(1).default('Twitter'),
    caseFields: FieldTemplatesSchema.default({}),
    contactFields: FieldTemplatesSchema.default({}),
    /** Text custom field values are cut to this many characters (a standard text field holds 255). */
    customFieldMaxLength: z.number().int().positive().default(255),
  })
  .superRefine((config, ctx) => {
    const check = (source: string, allowed: readonly Placeholder[], path: string[]): void => {
      const message = templateIssue(source, allowed, `mapping.${path.join('.')}`);
      if (message !== undefined) ctx.addIssue({ code: 'custom', message, path });
    };
    for (const { key, allowed } of TEMPLATE_SCOPES) check(config[key], allowed, [key]);
    for (const [name, source] of Object.entries(config.caseFields)) check(source, PLACEHOLDERS, ['caseFields', name]);
    for (const [name, source] of Object.entries(config.contactFields)) check(source, IDENTITY_PLACEHOLDERS, ['contactFields', name]);
  });

/** Mapping configuration (defaults applied). */
export type MappingConfig = z.output<typeof MappingConfigSchema>;
/** Mapping configuration as written in a job config (every field optional). */
export type MappingConfigInput = z.input<typeof MappingConfigSchema>;
