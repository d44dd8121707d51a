import type { CaseDraft, CommentDraft, ContactDraft, RecordRef } from '../model/drafts.js';
import type { SocialIdentity } from '../model/social-post.js';
import type { CrmCase, CrmComment, CrmContact, FieldLimits } from '../model/crm-records.js';
import type { SetupCheckOptions, SetupCheckReport } from '../model/setup-check.js';

export type { CrmCase, CrmComment, CrmContact, FieldLimits } from '../model/crm-records.js';
import type { CallContext, RemoteServiceHooks } from '../calls/types.js';

export type { CallContext, CallKind, CallOptions, ServiceUsage, VendorErrorClassification, RemoteServiceHooks } from '../calls/types.js';
export { directCallContext } from '../calls/types.js';

/** What an adapter can do and how it wants to be fed. */
export interface CrmCapabilities {
  /** Adapter name, e.g. `local`, `salesforce`. */
  readonly name: string;
  readonly fieldLimits: FieldLimits;
  /** Largest number of items the adapter takes in one `lookup` / `apply` call. */
  readonly batchSizes: { readonly lookup: number; readonly apply: number };
  /** Case status values that mean "closed". */
  readonly closedStatuses: readonly string[];
  /** Status a new Case gets. */
  readonly newCaseStatus: string;
  /** Status a reopened Case gets. */
  readonly reopenStatus: string;
}

/** Everything one batch needs to know from the CRM, asked in one call. */
export interface LookupRequest {
  /** Authors of the batch: matched by provider id, handle (case-insensitive), email and name. */
  readonly identities: readonly SocialIdentity[];
  /**
   * Contacts the identity cache links the batch's authors to: each is returned when it still exists
   * (a Contact merged away or deleted is simply not returned, and the author is matched afresh).
   */
  readonly contactIds: readonly string[];
  /** Threads of the batch: every Case whose `threadKey` is one of these. */
  readonly threadKeys: readonly string[];
  /** External post ids of the batch: Cases and comments already carrying them. */
  readonly externalPostIds: readonly string[];
  /** Also return the open Cases of every matched Contact (for "join recent open Case"). */
  readonly openCasesOfMatchedContacts?: boolean;
  /**
   * Handles @mentioned by the brand's posts: Contacts having one of them (case-insensitive, same
   * provider) are returned too, so a brand reply finds the Case of the customer it answers.
   */
  readonly mentionedHandles?: readonly { readonly provider: string; readonly handle: string }[];
  /**
   * The batch's posts (one per external post id): whether each is the brand's (outbound) and who
   * wrote it. Optional; lets an adapter complete records a stopped run left half-written (e.g. a
   * comment found by its marker line whose companion record was never written) with the right
   * direction and author.
   */
  readonly posts?: readonly LookupPost[];
}

/** One post of a {@link LookupRequest}. */
export interface LookupPost {
  /** External post id (`provider:postId`). */
  readonly key: string;
  /** True for the brand's own posts (they land as outbound comments). */
  readonly outbound: boolean;
  /** Its author. */
  readonly author: Pick<SocialIdentity, 'provider' | 'id' | 'handle' | 'displayName' | 'followers'>;
}

/** Contacts, Cases and comments found for a {@link LookupRequest}. */
export interface LookupResult {
  /** Candidate Contacts: any that matches an identity by provider id, handle, email or full name. */
  readonly contacts: readonly CrmContact[];
  readonly cases: readonly CrmCase[];
  readonly comments: readonly CrmComment[];
}

/** Create or update one Contact. `key` is the author's identity key (`provider:userId`). */
export interface ContactUpsert {
  readonly key: string;
  /** The existing Contact to update; absent = create. */
  readonly id?: string;
  readonly fields: ContactDraft;
}

/** Create (or find, when its external post id already exists) one Case. `key` = external post id. */
export interface CaseUpsert {
  readonly key: string;
  /** The Contact: `{ id }` if known, `{ externalKey }` = a ContactUpsert key in the same plan. */
  readonly contact: RecordRef;
  /** The parent Case: `{ id }` or `{ externalKey }` of a CaseUpsert earlier in the same plan. */
  readonly parent?: RecordRef;
  readonly fields: CaseDraft;
}

/** Add (or find, when its external post id already exists) one comment. `key` = external post id. */
export interface CommentUpsert {
  readonly key: string;
  /** The Case: `{ id }` or `{ externalKey }` of a CaseUpsert in the same plan. */
  readonly case: RecordRef;
  readonly fields: CommentDraft;
}

/** Set a closed Case back to open. `key` = the external post id that reopened it. */
export interface CaseReopen {
  readonly key: string;
  readonly id: string;
  readonly status: string;
}

/**
 * Everything one batch must change. Items refer to each other by external keys, so an adapter can
 * pack the whole plan into the fewest round trips its CRM allows. Adapters apply contacts first,
 * then cases (in order: a parent precedes its children), then reopens, then comments.
 */
export interface WritePlan {
  readonly contacts: readonly ContactUpsert[];
  readonly cases: readonly CaseUpsert[];
  readonly reopens: readonly CaseReopen[];
  readonly comments: readonly CommentUpsert[];
}

/** Why one item failed. */
export interface ItemError {
  /** The CRM's code (e.g. `REQUIRED_FIELD_MISSING`) or the connector's (`DEPENDENCY_FAILED`). */
  readonly code: string;
  readonly message: string;
  readonly field?: string;
  /**
   * True when the same item may succeed if sent again (row lock, timeout, a 5xx inside a bulk request):
   * the engine sends it again within the batch (at most 2 more rounds, with its dependants), then
   * dead-letters it with `retryable: true`. Absent or false: a permanent failure, never resent.
   */
  readonly retryable?: boolean;
}

/** Outcome of one plan item. One bad record never fails its batch. */
export interface ItemResult {
  readonly key: string;
  readonly ok: boolean;
  readonly id?: string;
  /** True when this call created the record; false when it already existed (idempotent replay). */
  readonly created?: boolean;
  readonly error?: ItemError;
}

/**
 * Something that went wrong beside a post that landed (its item is ok): e.g. Salesforce's companion
 * SocialPost refused by a validation rule. Not a dead letter; the engine counts and emits it.
 */
export interface ApplyWarning {
  /** External post id of the post concerned. */
  readonly postId: string;
  /** The CRM's code (e.g. `FIELD_CUSTOM_VALIDATION_EXCEPTION`). */
  readonly code: string;
  /** In plain words, without secrets: what was not written and whether it is tried again. */
  readonly reason: string;
}

/** One result per plan item, in plan order. */
export interface ApplyResult {
  readonly contacts: readonly ItemResult[];
  readonly cases: readonly ItemResult[];
  readonly reopens: readonly ItemResult[];
  readonly comments: readonly ItemResult[];
  /** Optional: warnings about posts that landed (see {@link ApplyWarning}). */
  readonly warnings?: readonly ApplyWarning[];
}

/** How an adapter reaches its CRM (the engine's {@link CallContext} for the CRM's service). */
export type CrmCallContext = CallContext;

/** A CRM the connector writes to: small and batch-first. */
export interface CrmAdapter extends RemoteServiceHooks {
  /** Short name, also the name of its limiter (`local`, `salesforce`, `sugarcrm`). */
  readonly name: string;
  /** Capabilities, field limits and batch sizes. */
  describe(ctx: CrmCallContext): Promise<CrmCapabilities>;
  /** The Contacts, Cases and comments already in the CRM for a whole batch. */
  lookup(request: LookupRequest, ctx: CrmCallContext): Promise<LookupResult>;
  /** Applies a plan; per-item failures are data, not exceptions. Throws only when the call itself failed. */
  apply(plan: WritePlan, ctx: CrmCallContext): Promise<ApplyResult>;
  /**
   * The sync has caught up with its source for now (end of a run, or between polls of `--watch`): a
   * moment for housekeeping such as writing a local file someone may open. Optional.
   */
  idle?(): Promise<void>;
  /**
   * Checks that the CRM has what the connector needs (fields, External ID flags, picklist values,
   * permissions): the job's `--check [--apply]`. Optional; reads through `ctx` like any call.
   */
  check?(ctx: CrmCallContext, options?: SetupCheckOptions): Promise<SetupCheckReport>;
  /** Flushes and releases resources. */
  close?(): Promise<void>;
}

