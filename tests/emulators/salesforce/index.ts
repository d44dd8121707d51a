/** Loopback Salesforce emulator for end-to-end tests with the real jsforce. */
export { startSalesforceEmulator, type SalesforceEmulator } from './emulator.js';
export type {
  AuthOptions, CaseStatusSpec, DuplicateRuleSpec, ConnectedAppSpec, CustomFieldSpec, SalesforceEmulatorOptions, UserSpec,
} from './options.js';
export { DEFAULT_ACCESS_TOKEN, DEFAULT_CUSTOM_FIELDS, DEFAULT_CASE_STATUSES, DEFAULT_CASE_ORIGINS } from './options.js';
export type { FaultKind, FaultPlan, ScriptedFault, RandomFaults, FaultMatch } from './faults.js';
export type { CallLog, CallRecord, CallFilter } from './call-log.js';
export type { EmulatorSnapshot } from './snapshot.js';
export type { SObjectRecord } from './types.js';
export { COMPOSITE_SUBREQUEST_LIMIT, COMPOSITE_QUERY_OR_COLLECTION_LIMIT } from './composite.js';
export { COLLECTION_LIMIT } from './collections.js';
export { MAX_URI_BYTES } from './data-pipeline.js';
export { JWT_BEARER_GRANT } from './oauth.js';
