/**
 * Per-item results of `apply`: one per plan item, success or failure, never an exception. The kit's
 * types are a discriminated union on `ok`, assignable to the public {@link ItemResult}.
 */
import type { ItemError, ItemResult } from '../types.js';

/** Error codes the connector itself gives items (the CRM's own codes pass through unchanged). */
export const ITEM_ERROR_CODES = Object.freeze({
  /** The item refers to a plan item that failed (its parent Contact or Case). */
  dependencyFailed: 'DEPENDENCY_FAILED',
  /** The item refers by external key to something that is not an earlier item of the plan. */
  invalidReference: 'INVALID_REFERENCE',
  /** The item refers by id to a record the CRM does not have (Salesforce's code). */
  invalidCrossReferenceKey: 'INVALID_CROSS_REFERENCE_KEY',
  /** A value is longer than the field takes (Salesforce's code). */
  stringTooLong: 'STRING_TOO_LONG',
  /** A required value is missing or blank (Salesforce's code). */
  requiredFieldMissing: 'REQUIRED_FIELD_MISSING',
});

/** A plan item that was written, or found already written (`created: false`). */
export interface ItemSucceeded extends ItemResult {
  readonly ok: true;
  readonly id: string;
  readonly created: boolean;
  readonly error?: never;
}

/** A plan item that was not written, and why. */
export interface ItemFailed extends ItemResult {
  readonly ok: false;
  readonly error: ItemError;
  readonly id?: never;
  readonly created?: never;
}

/** The discriminated form of {@link ItemResult}: test `ok` and TypeScript knows whether `id` or `error` is there. */
export type ItemOutcome = ItemSucceeded | ItemFailed;

/** Details of an {@link ItemError} beyond its code and message. */
export interface ItemErrorDetails {
  /** The field at fault, by the connector's draft name (`subject`, `body`, `contactId`). */
  readonly field?: string | undefined;
  /** True when the same item may succeed on a later run (row lock, timeout). */
  readonly retryable?: boolean | undefined;
}

/** An {@link ItemError}; `field` and `retryable` appear only when given. */
export function itemError(code: string, message: string, details: ItemErrorDetails = {}): ItemError {
  return {
    code,
    message,
    ...(details.field === undefined ? {} : { field: details.field }),
    ...(details.retryable === undefined ? {} : { retryable: details.retryable }),
  };
}

/** A successful item: `created` is false when the record already existed (an idempotent replay). */
export function ok(key: string, id: string, created: boolean): ItemSucceeded {
  return { key, ok: true, id, created };
}

/** A failed item. */
export function fail(key: string, error: ItemError): ItemFailed {
  return { key, ok: false, error };
}

/** Where a dependant item points at its failed parent. */
export interface DependencyFailure {
  /** Label of the dependant for the message, e.g. `Case twitter:42`. */
  readonly what: string;
  /** The dependant's reference field: `contactId`, `parentId`, `caseId`. */
  readonly field: string;
  /** External key of the parent item that failed. */
  readonly parentKey: string;
  /** The parent's own error, quoted in the message when given. */
  readonly parentError?: ItemError | undefined;
}

/**
 * `DEPENDENCY_FAILED` for an item whose parent (a Contact or Case of the same plan) failed: the item
 * is never sent, and its message names the parent. Retryable exactly when the parent's error was.
 */
export function dependencyFailed(key: string, failure: DependencyFailure): ItemFailed {
  const cause = failure.parentError === undefined ? '' : ` (${failure.parentError.code})`;
  return fail(
    key,
    itemError(
      ITEM_ERROR_CODES.dependencyFailed,
      `${failure.what}: ${failure.field} refers to ${failure.parentKey}, which failed${cause}`,
      { field: failure.field, retryable: failure.parentError?.retryable },
    ),
  );
}

/** Narrows a public {@link ItemResult} to a success with its id. */
export function isSucceeded(result: ItemResult | undefined): result is ItemResult & { readonly ok: true; readonly id: string } {
  return result !== undefined && result.ok && typeof result.id === 'string';
}
