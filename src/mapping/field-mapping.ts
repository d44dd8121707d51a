import type { FieldLimits } from '../model/crm-records.js';
import { ConfigError, MappingError, type ErrorDetails } from '../errors.js';
import type { CaseDraft, CommentDraft, ContactDraft, CustomFields, Priority } from '../model/drafts.js';
import { externalPostId, identityKey, type SocialIdentity, type SocialPost } from '../model/social-post.js';
import { splitDisplayName } from './contact-name.js';
import { renderWithin, type FitOptions } from './fit.js';
import { COMMENT_PLACEHOLDERS, IDENTITY_PLACEHOLDERS, PLACEHOLDERS, identityValues, postValues, type Placeholder, type PlaceholderValues } from './placeholders.js';
import type { MappingConfig } from './mapping-config.js';
import { compileTemplate, type CompiledTemplate } from './template.js';
import { collapseWhitespace, sanitizeText, truncateChars } from './text-limits.js';

export {
  DEFAULT_COMMENT_TEMPLATE,
  DEFAULT_DESCRIPTION_TEMPLATE,
  DEFAULT_SUBJECT_TEMPLATE,
  MappingConfigSchema,
  type MappingConfig,
  type MappingConfigInput,
} from './mapping-config.js';

/** What the engine knows about a Case beyond its post. */
export interface CaseContext {
  readonly threadKey: string;
  readonly priority: Priority;
  /** Status of the new Case (the adapter's `newCaseStatus`). */
  readonly status: string;
  /** AFINN sentiment score from triage, for `{sentiment}`. */
  readonly sentiment?: number | undefined;
}

/** Whether a comment is the brand's answer (outbound) or a customer's post (inbound). */
export interface CommentContext {
  readonly outbound: boolean;
}

/**
 * Turns posts and authors into CRM drafts within the CRM's field limits. Every method throws a
 * `MappingError` (with `details.field`) when a draft cannot be made within the limits; no draft
 * it returns ever exceeds one.
 */
export interface Mapper {
  /** The Case a post opens: subject, description, origin, custom fields; keyed by the post's external id. */
  caseDraft(post: SocialPost, ctx: CaseContext): CaseDraft;
  /** The Contact of an author: names from the display name, handle and provider id, custom fields. */
  contactDraft(identity: SocialIdentity): ContactDraft;
  /** The comment a post adds to a Case, its body cut to the byte limit. */
  commentDraft(post: SocialPost, ctx: CommentContext): CommentDraft;
}

const NO_TEXT = '(no text)';
const LIMIT_KEYS = ['caseSubject', 'caseDescription', 'commentBodyBytes', 'contactLastName', 'contactFirstName'] as const;

function compileFields(fields: Readonly<Record<string, string>>, scope: 'caseFields' | 'contactFields'): Map<string, CompiledTemplate> {
  const allowed = scope === 'caseFields' ? PLACEHOLDERS : IDENTITY_PLACEHOLDERS;
  return new Map(Object.entries(fields).map(([name, source]) => [name, compileTemplate(source, allowed, `mapping.${scope}.${name}`)]));
}

/** Whether `value` is a string {@link collapseWhitespace} would change. */
function changedByCollapse(value: string | number | boolean | undefined): boolean {
  return typeof value === 'string' && collapseWhitespace(value) !== value;
}

/** For {@link withText} of a multi-line field (which reads only `{text}`). */
const NO_KEYS: readonly Placeholder[] = [];

/** The placeholders a template reads, in {@link PLACEHOLDERS} order. */
function placeholdersOf(template: CompiledTemplate): readonly Placeholder[] {
  return PLACEHOLDERS.filter((key) => template.counts.has(key));
}

/**
 * Values with `{text}` stated even when empty, and (for one-line fields) every value on one line.
 * Returns `values` itself when that changes nothing the template reads (the common case); renderers
 * only read it, and only the placeholders in `read` (the template's own: a value it never renders
 * is not checked, the rendering is the same).
 */
function withText(values: PlaceholderValues, oneLine: boolean, read: readonly Placeholder[]): PlaceholderValues {
  const needsText = typeof values.text !== 'string' || values.text.trim() === '';
  if (!needsText && !(oneLine && read.some((key) => changedByCollapse(values[key])))) return values;
  const out: PlaceholderValues = { ...values };
  if (oneLine) {
    for (const key of PLACEHOLDERS) {
      const value = out[key];
      if (typeof value === 'string') out[key] = collapseWhitespace(value);
    }
  }
  if (typeof out.text !== 'string' || out.text.trim() === '') out.text = NO_TEXT;
  return out;
}

/** Whitespace other than a plain space (`[^\S ]`). */
const OTHER_WHITESPACE = /[^\S ]/;

/**
 * True when every rendering of `template` from collapsed values (no whitespace but single inner
 * spaces, none at either end: what {@link withText} makes for a one-line field), and every cut of
 * one `renderWithin` makes, is collapsed already unless it ends with a space. That holds for a
 * one-line template whose literals hold no whitespace but plain spaces, no two in a row, and none at
 * their start: two spaces in a row, or a space at the start, could then only come from a literal
 * opening with one. (Values render without edge spaces: strings are collapsed, numbers are digits,
 * `{verified}` is `, verified`; a cut ends with the ellipsis.) A space at the end can still come
 * from the last literal, so the caller checks that one character instead of the whole subject.
 */
function collapsedUnlessEndSpace(template: CompiledTemplate): boolean {
  if (template.lines.length !== 1) return false;
  return (template.lines[0]?.parts ?? []).every(
    (part) => part.literal === undefined || (!OTHER_WHITESPACE.test(part.literal) && !part.literal.includes('  ') && part.literal.charCodeAt(0) !== 0x20),
  );
}

/** Who an error is about: a post (`postId`) or an author (`record`, its identity key). */
type Subject = SocialPost | SocialIdentity;

/** The error details naming `subject` (built only when an error is thrown). */
function detailsOf(subject: Subject): ErrorDetails {
  return 'author' in subject ? { postId: subject.id } : { record: identityKey(subject) };
}

/**
 * Creates a mapper. Templates are checked here: an unknown placeholder, or one not available where
 * it is used, throws a `ConfigError` naming the template's field; so does a limit that is not a
 * non-negative number.
 */
export function createMapper(config: MappingConfig, limits: FieldLimits): Mapper {
  for (const key of LIMIT_KEYS) {
    if (!(limits[key] >= 0)) throw new ConfigError(`Field limit ${key} must be a non-negative number`, { field: `limits.${key}` });
  }
  const subject = compileTemplate(config.subjectTemplate, PLACEHOLDERS, 'mapping.subjectTemplate');
  const description = compileTemplate(config.descriptionTemplate, PLACEHOLDERS, 'mapping.descriptionTemplate');
  const comment = compileTemplate(config.commentTemplate, COMMENT_PLACEHOLDERS, 'mapping.commentTemplate');
  const caseFields = compileFields(config.caseFields, 'caseFields');
  const contactFields = compileFields(config.contactFields, 'contactFields');
  const origin = sanitizeText(config.origin).trim();
  const customMax = config.customFieldMaxLength;
  // The limits were checked above; the options of each render are made once, not per draft.
  const subjectOptions: FitOptions = { limit: limits.caseSubject, unit: 'chars', atWord: true };
  const descriptionOptions: FitOptions = { limit: limits.caseDescription, unit: 'chars' };
  const commentOptions: FitOptions = { limit: limits.commentBodyBytes, unit: 'bytes' };
  const customOptions: FitOptions = { limit: customMax, unit: 'chars' };
  const subjectReads = placeholdersOf(subject);
  const subjectMostlyCollapsed = collapsedUnlessEndSpace(subject);

  /** Renders within a limit; a value cut down to nothing (or to the bare ellipsis) is a MappingError. */
  const fit = (template: CompiledTemplate, values: PlaceholderValues, options: FitOptions, field: string, about: Subject): string => {
    const result = renderWithin(template, values, options);
    if (!result.cut) return result.text;
    const content = result.text.trim();
    if (content === '' || content === '…') {
      throw new MappingError(`${field} does not fit in ${options.limit} ${options.unit === 'bytes' ? 'bytes' : 'characters'}`, { ...detailsOf(about), field });
    }
    return result.text;
  };

  const custom = (templates: ReadonlyMap<string, CompiledTemplate>, values: PlaceholderValues, prefix: string, about: Subject): CustomFields => {
    const out: CustomFields = {};
    for (const [name, template] of templates) {
      const field = `${prefix}.${name}`;
      if (template.only === undefined) {
        const text = fit(template, values, customOptions, field, about);
        out[name] = text === '' ? null : text;
        continue;
      }
      const value = values[template.only];
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new MappingError(`${field}: {${template.only}} is not a finite number`, { ...detailsOf(about), field });
      }
      if (typeof value === 'string') out[name] = value === '' ? null : truncateChars(value, customMax);
      else out[name] = value ?? null;
    }
    return out;
  };

  return {
    caseDraft(post, ctx) {
      const values = postValues(post, ctx.priority, ctx.sentiment);
      const subjectText = fit(subject, withText(values, true, subjectReads), subjectOptions, 'case.subject', post);
      return {
        externalPostId: externalPostId(post),
        threadKey: ctx.threadKey,
        // The rendered subject needs collapsing only where its template lets it (see collapsedUnlessEndSpace).
        subject: subjectMostlyCollapsed && subjectText.charCodeAt(subjectText.length - 1) !== 0x20 ? subjectText : collapseWhitespace(subjectText),
        description: fit(description, withText(values, false, NO_KEYS), descriptionOptions, 'case.description', post),
        status: ctx.status,
        priority: ctx.priority,
        origin,
        createdAt: post.createdAt,
        custom: custom(caseFields, values, 'case.custom', post),
      };
    },

    contactDraft(identity) {
      const handle = collapseWhitespace(sanitizeText(identity.handle));
      if (handle === '') throw new MappingError(`Author ${identityKey(identity)} has no usable handle`, { ...detailsOf(identity), field: 'contact.handles' });
      let name = splitDisplayName(identity.displayName, handle);
      let lastName = truncateChars(name.lastName, limits.contactLastName, '').trim();
      if (lastName === '') {
        // A name that cannot be cut to the limit on a character boundary (one giant grapheme cluster,
        // e.g. 81 combining Hangul vowels) gives way to the handle, as a nameless author's does.
        name = splitDisplayName(undefined, handle);
        lastName = truncateChars(name.lastName, limits.contactLastName, '').trim();
      }
      if (lastName === '') {
        throw new MappingError(`Contact last name does not fit in ${limits.contactLastName} characters`, { ...detailsOf(identity), field: 'contact.lastName' });
      }
      const firstName = truncateChars(name.firstName ?? '', limits.contactFirstName, '').trim();
      const location = sanitizeText(identity.location ?? '').trim();
      const draft: ContactDraft = {
        lastName,
        handles: [{ provider: identity.provider, handle }],
        socialIds: [{ provider: identity.provider, id: identity.id }],
        custom: contactFields.size === 0 ? {} : custom(contactFields, identityValues(identity), 'contact.custom', identity),
      };
      if (firstName !== '') draft.firstName = firstName;
      if (identity.email !== undefined) draft.email = identity.email;
      if (identity.followers !== undefined) draft.followers = identity.followers;
      if (identity.verified !== undefined) draft.verified = identity.verified;
      if (location !== '') draft.location = location;
      return draft;
    },

    commentDraft(post, ctx) {
      const values = withText(postValues(post, undefined, undefined), false, NO_KEYS);
      const body = fit(comment, values, commentOptions, 'comment.body', post);
      return { externalPostId: externalPostId(post), body, outbound: ctx.outbound, createdAt: post.createdAt };
    },
  };
}
