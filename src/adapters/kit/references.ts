/**
 * Resolving `{ id } | { externalKey }` references inside a {@link WritePlan}. Contacts come first,
 * then Cases in order (a parent before its children), then reopens and comments: a resolver learns the
 * results of each section as the adapter gets them and answers, for every reference, with the record
 * id, the external key of an item still to be created (in the same request, e.g. a Salesforce
 * composite reference), or the item's failure (`DEPENDENCY_FAILED` naming the failed parent).
 */
import type { RecordRef } from '../../model/drafts.js';
import type { ItemResult, WritePlan } from '../types.js';
import { dependencyFailed, fail, ITEM_ERROR_CODES, itemError, type ItemFailed } from './results.js';

/** The plan sections other items refer to. */
export type ReferencedSection = 'contacts' | 'cases';

/** How a reference resolved. */
export type ResolvedRef =
  /** A record id: given as `{ id }`, or of an earlier item that succeeded. */
  | { readonly status: 'id'; readonly id: string }
  /** An item of the plan without a result yet: the adapter creates it in the same request, or fails the dependant. */
  | { readonly status: 'pending'; readonly externalKey: string }
  /** The dependant cannot be written: its result (`DEPENDENCY_FAILED`, `INVALID_REFERENCE`, `INVALID_CROSS_REFERENCE_KEY`). */
  | { readonly status: 'failed'; readonly failure: ItemFailed };

/** The item holding a reference, for the failure it may get. */
export interface ReferringItem {
  /** Its key (its result's key when the reference fails). */
  readonly key: string;
  /** Label for messages, e.g. `Case twitter:42`. */
  readonly what: string;
  /** The reference field: `contactId`, `parentId`, `caseId`. */
  readonly field: string;
  /** Checks an `{ id }` reference (e.g. against records the adapter has); absent = every id is taken as given. */
  readonly exists?: ((id: string) => boolean) | undefined;
}

/** References of one plan: settle items as their results arrive, resolve references at any time. */
export interface PlanReferences {
  /** Records an item's result (success or failure) under its key in `section`. */
  settle(section: ReferencedSection, result: ItemResult): void;
  /** Records many results of `section`. */
  settleAll(section: ReferencedSection, results: readonly ItemResult[]): void;
  /** The result settled for `key` in `section`, if any. */
  resultOf(section: ReferencedSection, key: string): ItemResult | undefined;
  /** Resolves a reference to a record of `section` held by `item`. */
  resolve(section: ReferencedSection, ref: RecordRef, item: ReferringItem): ResolvedRef;
}

/** The keys of a plan that references can name (a {@link WritePlan} is one). */
export interface PlanKeys {
  readonly contacts: readonly { readonly key: string }[];
  readonly cases: readonly { readonly key: string }[];
}

/** A resolver for the references of `plan` (a {@link WritePlan}; only its Contact and Case keys matter). */
export function planReferences(plan: PlanKeys): PlanReferences {
  const planned: Record<ReferencedSection, ReadonlySet<string>> = {
    contacts: new Set(plan.contacts.map((c) => c.key)),
    cases: new Set(plan.cases.map((c) => c.key)),
  };
  const settled: Record<ReferencedSection, Map<string, ItemResult>> = { contacts: new Map(), cases: new Map() };

  const settle = (section: ReferencedSection, result: ItemResult): void => {
    settled[section].set(result.key, result);
  };

  return {
    settle,
    settleAll(section, results) {
      for (const result of results) settle(section, result);
    },
    resultOf: (section, key) => settled[section].get(key),
    resolve(section, ref, item) {
      if ('id' in ref) {
        if (item.exists === undefined || item.exists(ref.id)) return { status: 'id', id: ref.id };
        const message = `${item.what}: ${item.field} ${ref.id} does not exist`;
        return { status: 'failed', failure: fail(item.key, itemError(ITEM_ERROR_CODES.invalidCrossReferenceKey, message, { field: item.field })) };
      }
      const key = ref.externalKey;
      const result = settled[section].get(key);
      if (result === undefined) {
        if (planned[section].has(key)) return { status: 'pending', externalKey: key };
        const message = `${item.what}: ${item.field} refers to ${key}, which is not an item of this plan`;
        return { status: 'failed', failure: fail(item.key, itemError(ITEM_ERROR_CODES.invalidReference, message, { field: item.field })) };
      }
      if (result.ok && result.id !== undefined) return { status: 'id', id: result.id };
      return {
        status: 'failed',
        failure: dependencyFailed(item.key, { what: item.what, field: item.field, parentKey: key, parentError: result.error }),
      };
    },
  };
}
