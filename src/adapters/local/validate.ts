/** Per-record checks of the local CRM, with the error codes a real CRM (Salesforce) uses. */
import type { RecordRef } from '../../model/drafts.js';
import type { FieldLimits, ItemError, ItemResult } from '../types.js';
import { itemError } from './staging.js';

/** Characters of a string, counting a surrogate pair (emoji) as one. */
export function charLength(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff) n += 1;
  }
  return n;
}

/** `STRING_TOO_LONG` when `value` has more characters than `limit`. */
export function tooLong(what: string, field: string, value: string | undefined, limit: number): ItemError | undefined {
  // Characters never outnumber UTF-16 code units: most values are decided without counting.
  if (value === undefined || value.length <= limit) return undefined;
  const length = charLength(value);
  if (length <= limit) return undefined;
  return itemError('STRING_TOO_LONG', `${what}: ${field} has ${length} characters, the limit is ${limit}`, field);
}

/** `STRING_TOO_LONG` when `value` has more UTF-8 bytes than `limit`. */
export function tooManyBytes(what: string, field: string, value: string, limit: number): ItemError | undefined {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes <= limit) return undefined;
  return itemError('STRING_TOO_LONG', `${what}: ${field} has ${bytes} UTF-8 bytes, the limit is ${limit}`, field);
}

/** `REQUIRED_FIELD_MISSING` when `value` is empty or blank. */
export function required(what: string, field: string, value: string | undefined): ItemError | undefined {
  if (value !== undefined && value.trim() !== '') return undefined;
  return itemError('REQUIRED_FIELD_MISSING', `${what}: required field ${field} is missing`, field);
}

/** Field checks of a Contact draft. */
export function checkContact(
  what: string,
  fields: { readonly firstName?: string | undefined; readonly lastName: string },
  limits: FieldLimits,
): ItemError | undefined {
  return (
    required(what, 'lastName', fields.lastName) ??
    tooLong(what, 'lastName', fields.lastName, limits.contactLastName) ??
    tooLong(what, 'firstName', fields.firstName, limits.contactFirstName)
  );
}

/** A resolved reference: the record id, or why it could not be resolved. */
export type Resolved = { readonly id: string; readonly error?: undefined } | { readonly error: ItemError };

/**
 * Resolves a {@link RecordRef}: `{ externalKey }` must name an item of the same plan that succeeded
 * (`INVALID_REFERENCE` when unknown, `DEPENDENCY_FAILED` when it failed); `{ id }` must exist
 * (`INVALID_CROSS_REFERENCE_KEY`).
 */
export function resolveRef(
  what: string,
  field: string,
  ref: RecordRef,
  planItems: ReadonlyMap<string, ItemResult>,
  exists: (id: string) => boolean,
): Resolved {
  if ('id' in ref) {
    if (exists(ref.id)) return { id: ref.id };
    return {
      error: itemError('INVALID_CROSS_REFERENCE_KEY', `${what}: ${field} ${ref.id} does not exist`, field),
    };
  }
  const item = planItems.get(ref.externalKey);
  if (item === undefined) {
    return {
      error: itemError(
        'INVALID_REFERENCE',
        `${what}: ${field} refers to ${ref.externalKey}, which is not an item of this plan`,
        field,
      ),
    };
  }
  if (!item.ok || item.id === undefined) {
    return {
      error: itemError('DEPENDENCY_FAILED', `${what}: ${field} refers to ${ref.externalKey}, which failed`, field),
    };
  }
  return { id: item.id };
}
