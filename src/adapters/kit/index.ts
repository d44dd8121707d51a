/**
 * The adapter kit (`social-crm-connector/kit`): what every {@link CrmAdapter} needs, whatever its
 * CRM. Per-item results (`ok` / `fail`), references inside a plan, field-limit checks by characters
 * and UTF-8 bytes, chunking into requests by count and size, and `DEPENDENCY_FAILED` for dependants
 * of a failed item. The local adapter is built on it; vendors writing adapters use it too.
 */
export {
  ITEM_ERROR_CODES,
  dependencyFailed,
  fail,
  isSucceeded,
  itemError,
  ok,
  type DependencyFailure,
  type ItemErrorDetails,
  type ItemFailed,
  type ItemOutcome,
  type ItemSucceeded,
} from './results.js';
export { planReferences, type PlanKeys, type PlanReferences, type ReferencedSection, type ReferringItem, type ResolvedRef } from './references.js';
export {
  caseFieldError,
  charLength,
  checkBytes,
  checkChars,
  checkRequired,
  commentFieldError,
  contactFieldError,
} from './field-checks.js';
export { chunkBy, jsonBytes, uriComponentBytes, type ChunkLimits, type Chunked, type OversizedItem } from './chunk.js';
export { utf8Length } from '../../mapping/text-limits.js';
export type {
  ApplyResult,
  CaseReopen,
  CaseUpsert,
  CommentUpsert,
  ContactUpsert,
  CrmAdapter,
  CrmCallContext,
  CrmCapabilities,
  FieldLimits,
  ItemError,
  ItemResult,
  LookupRequest,
  LookupResult,
  WritePlan,
} from '../types.js';
