/**
 * Field-limit checks before a write, by characters and by UTF-8 bytes, with the codes a CRM uses
 * (`STRING_TOO_LONG`, `REQUIRED_FIELD_MISSING`). An item that fails a check is never sent: it gets
 * an item failure instead, and the rest of the batch goes on.
 */
import type { CaseDraft, CommentDraft, ContactDraft } from '../../model/drafts.js';
import { utf8Length } from '../../mapping/text-limits.js';
import type { FieldLimits, ItemError } from '../types.js';
import { ITEM_ERROR_CODES, itemError } from './results.js';

/** Characters of a string (Unicode code points: an emoji's surrogate pair counts once). */
export function charLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) n += 1;
  }
  return n;
}

/** `STRING_TOO_LONG` when `value` has more characters than `limit`; `undefined` when it fits or is absent. */
export function checkChars(what: string, field: string, value: string | undefined, limit: number): ItemError | undefined {
  // Characters never outnumber UTF-16 code units: most values are decided without counting.
  if (value === undefined || value.length <= limit) return undefined;
  const length = charLength(value);
  if (length <= limit) return undefined;
  return itemError(ITEM_ERROR_CODES.stringTooLong, `${what}: ${field} has ${length} characters, the limit is ${limit}`, { field });
}

/** `STRING_TOO_LONG` when `value` has more UTF-8 bytes than `limit`; `undefined` when it fits or is absent. */
export function checkBytes(what: string, field: string, value: string | undefined, limit: number): ItemError | undefined {
  // Every UTF-16 code unit takes at most 3 UTF-8 bytes.
  if (value === undefined || value.length * 3 <= limit) return undefined;
  const bytes = utf8Length(value);
  if (bytes <= limit) return undefined;
  return itemError(ITEM_ERROR_CODES.stringTooLong, `${what}: ${field} has ${bytes} UTF-8 bytes, the limit is ${limit}`, { field });
}

/** `REQUIRED_FIELD_MISSING` when `value` is absent, empty or blank. */
export function checkRequired(what: string, field: string, value: string | undefined): ItemError | undefined {
  if (value !== undefined && value.trim() !== '') return undefined;
  return itemError(ITEM_ERROR_CODES.requiredFieldMissing, `${what}: required field ${field} is missing`, { field });
}

/** The first problem of a Contact draft: last name required, names within their limits. */
export function contactFieldError(
  what: string,
  fields: Pick<ContactDraft, 'firstName' | 'lastName'>,
  limits: FieldLimits,
): ItemError | undefined {
  return (
    checkRequired(what, 'lastName', fields.lastName) ??
    checkChars(what, 'lastName', fields.lastName, limits.contactLastName) ??
    checkChars(what, 'firstName', fields.firstName, limits.contactFirstName)
  );
}

/** The first problem of a Case draft: external post id and status required, subject and description within limits. */
export function caseFieldError(
  what: string,
  fields: Pick<CaseDraft, 'externalPostId' | 'status' | 'subject' | 'description'>,
  limits: FieldLimits,
): ItemError | undefined {
  return (
    checkRequired(what, 'externalPostId', fields.externalPostId) ??
    checkRequired(what, 'status', fields.status) ??
    checkChars(what, 'subject', fields.subject, limits.caseSubject) ??
    checkChars(what, 'description', fields.description, limits.caseDescription)
  );
}

/** The first problem of a comment draft: external post id and body required, body within its byte limit. */
export function commentFieldError(
  what: string,
  fields: Pick<CommentDraft, 'externalPostId' | 'body'>,
  limits: FieldLimits,
): ItemError | undefined {
  return (
    checkRequired(what, 'externalPostId', fields.externalPostId) ??
    checkRequired(what, 'body', fields.body) ??
    checkBytes(what, 'body', fields.body, limits.commentBodyBytes)
  );
}
