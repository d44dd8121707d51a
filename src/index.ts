/**
 * social-crm-connector: lands social posts in the CRM you already run — Cases, Contacts and
 * comments, exactly once, inside the CRM's API limits.
 *
 * The core has no heavy clients. Adapters and sources load from subpaths:
 * `social-crm-connector/local` (embedded CRM), `social-crm-connector/jsonl` (file replay),
 * `social-crm-connector/testing` (contract suites for vendors).
 */
export { createSync } from './sync/create-sync.js';
export type { CreateSyncOptions, RunOptions, Sync } from './sync/create-sync.js';
export { SyncSettingsSchema, ThreadsConfigSchema, parseSyncSettings } from './sync/settings.js';
export type { SyncSettings, SyncSettingsInput } from './sync/settings.js';
export type { SyncEvents, SyncEventName, SyncEventHandler } from './sync/events.js';
export { ReplyError } from './sync/reply.js';
export type { ReplyRequest, ReplyOutcome, ReplyRefusalReason } from './sync/reply.js';

export {
  ConnectorError,
  ConfigError,
  AuthError,
  RateLimitError,
  MappingError,
  CrmRecordError,
  SourceError,
  TransientError,
  BudgetExhaustedError,
  redactSecrets,
} from './errors.js';
export type { ConnectorErrorCode, ErrorDetails, BudgetReading } from './errors.js';

export {
  SocialPostSchema,
  SocialPostInputSchema,
  SocialIdentitySchema,
  POST_KINDS,
  identityKey,
  threadKeyOf,
  externalPostId,
} from './model/social-post.js';
export type { SocialPost, SocialPostInput, SocialIdentity, PostKind, PostMetrics } from './model/social-post.js';
export { validatePost } from './model/validate.js';
export { OPTIONAL_METADATA } from './model/optional-metadata.js';
export type { OptionalMetadataField, PostFieldWarning, PostWarning } from './model/optional-metadata.js';
export type { PostValidation } from './model/validate.js';
export { CaseDraftSchema, ContactDraftSchema, CommentDraftSchema, PRIORITIES } from './model/drafts.js';
export type { CaseDraft, ContactDraft, CommentDraft, Priority, RecordRef, CustomFields } from './model/drafts.js';
export { SyncReportSchema, ServiceUsageReportSchema } from './model/report.js';
export type { SyncReport, SourceStats } from './model/report.js';
export { SourceStatsSchema } from './model/report.js';
export { DeadLetterSchema } from './model/dead-letter.js';
export type { DeadLetter } from './model/dead-letter.js';

export type {
  CrmAdapter,
  CrmCallContext,
  CrmCapabilities,
  CrmCase,
  CrmComment,
  CrmContact,
  FieldLimits,
  LookupRequest,
  LookupResult,
  WritePlan,
  ContactUpsert,
  CaseUpsert,
  CommentUpsert,
  CaseReopen,
  ItemResult,
  ItemError,
  ApplyResult,
} from './adapters/types.js';
export { directCallContext } from './calls/types.js';
export type { CallContext, CallKind, CallOptions, ServiceUsage, VendorErrorClassification, RemoteServiceHooks } from './calls/types.js';
export type { SocialSource, SourcePage, PullOptions, ReplyOptions } from './sources/types.js';
export type { SetupCheckItem, SetupCheckOptions, SetupCheckReport } from './model/setup-check.js';
export type { StateStore, StateCommit, PostRecord, IdentityRecord, MatchMethod, PostOutcome } from './state/types.js';
export { memoryStateStore, fileStateStore } from './state/index.js';
export type { FileStateStoreOptions } from './state/index.js';

export { MappingConfigSchema, SALESFORCE_FIELD_LIMITS, createMapper } from './mapping/index.js';
export type { MappingConfig, Mapper } from './mapping/index.js';
export { BrandConfigSchema, TriageConfigSchema, createTriage } from './triage/index.js';
export type { BrandConfig, TriageConfig, TriageDecision } from './triage/index.js';
export { LimitsConfigSchema, classifyError, decideRetry, createCallContext, createServiceLimiter, parseSforceLimitInfo } from './limits/index.js';
export type { LimitsConfig, ErrorClassification, VendorClassifier, ServiceLimiter, CallLimiter, LimiterFactory, LimiterOption } from './limits/index.js';
export { matchIdentity, nameScore } from './identity/index.js';
export type { IdentityMatch, NameSuggestion } from './identity/index.js';
