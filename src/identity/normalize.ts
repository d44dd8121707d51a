/**
 * The one normal form of the values identities are matched on, shared by the matcher, the local CRM's
 * indexes and the dry-run overlay, so that what a lookup finds is also what the matcher accepts.
 */
import { stripHandle } from '../model/field-rules.js';

/** A handle as compared: without a leading `@`, trimmed, lower case (`@Ann_K ` → `ann_k`). */
export function normalizeHandle(handle: string): string {
  return stripHandle(handle).toLowerCase();
}

/** An email address as compared: trimmed, lower case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
