import type { FaultPlan } from './faults.js';

/** A custom field the emulated org has (`Social_Post_Id__c` …). */
export interface CustomFieldSpec {
  name: string;
  label?: string;
  /** Default 'string'. */
  type?: 'string' | 'textarea' | 'email' | 'url' | 'boolean';
  /** Default 255. */
  length?: number;
  externalId?: boolean;
  unique?: boolean;
  /** Unique case-sensitively (default false: Salesforce's default for unique text fields). */
  caseSensitive?: boolean;
  /** Default true; long text areas cannot be filtered. */
  filterable?: boolean;
}

/** One Case status value (a row of `SELECT MasterLabel, IsClosed FROM CaseStatus`). */
export interface CaseStatusSpec {
  label: string;
  isClosed: boolean;
  isDefault?: boolean;
}

/** An OAuth connected app the token endpoint accepts. */
export interface ConnectedAppSpec {
  clientId: string;
  clientSecret?: string;
  /** PEM public key (or certificate) that verifies RS256 JWT bearer assertions. */
  jwtPublicKey?: string;
}

/** A user of the org for the password and JWT flows. */
export interface UserSpec {
  username: string;
  password?: string;
  /** Appended to the password in the username-password flow, as Salesforce requires. */
  securityToken?: string;
}

/**
 * A duplicate rule (Duplicate Management): a record whose `matchFields` all equal (case-insensitively,
 * non-empty) another record's is a duplicate. `block` always refuses it; `alert` refuses it unless the
 * request sends `Sforce-Duplicate-Rule-Header: allowSave=true`.
 */
export interface DuplicateRuleSpec {
  object: string;
  /** Default `Standard_<Object>_Duplicate_Rule`. */
  name?: string;
  matchFields: string[];
  action: 'block' | 'alert';
}

export interface AuthOptions {
  /** The access token valid from the start (flow access_token). Default 'EMULATOR_ACCESS_TOKEN'. */
  accessToken?: string;
  /** Idle session lifetime in ms (Salesforce's session timeout); default: never expires. */
  sessionLifetimeMs?: number;
  apps?: ConnectedAppSpec[];
  users?: UserSpec[];
  /** Refresh tokens that are valid at start (each bound to the first user). */
  refreshTokens?: string[];
  /** Refresh token rotation: each refresh returns a new refresh token and revokes the old one. */
  rotateRefreshTokens?: boolean;
  /** Accepted `aud` values for JWT assertions; default login/test.salesforce.com and the emulator URL. */
  jwtAudiences?: string[];
}

export interface SalesforceEmulatorOptions {
  /** Port on 127.0.0.1; default 0 (random). */
  port?: number;
  auth?: AuthOptions;
  /** Daily API request allocation (`api-usage=N/M`); default 15000. */
  dailyApiLimit?: number;
  /** API requests already used today at start; default 0. */
  apiUsed?: number;
  /** Latency added to every HTTP reply, in ms; default 0. */
  latencyMs?: number;
  /** Custom fields per object; default: the connector's four fields (see DEFAULT_CUSTOM_FIELDS). */
  customFields?: Partial<Record<string, CustomFieldSpec[]>>;
  /** Case Origin picklist values; default Phone, Email, Web, Twitter. */
  caseOrigins?: string[];
  /** Case Status values; default New (default), Working, Escalated, Closed (closed). */
  caseStatuses?: CaseStatusSpec[];
  /** Whether the org has Social Customer Service (SocialPost, SocialPersona); default true. */
  socialObjects?: boolean;
  /** Query batch size (records per page before nextRecordsUrl); default 2000. */
  queryBatchSize?: number;
  faults?: FaultPlan;
  /** Duplicate rules; default none (orgs ship with rules for Contact and Lead, often active). */
  duplicateRules?: DuplicateRuleSpec[];
}

export const DEFAULT_CUSTOM_FIELDS: Record<string, CustomFieldSpec[]> = {
  Case: [
    { name: 'Social_Post_Id__c', label: 'Social Post Id', externalId: true, unique: true },
    { name: 'Social_Thread_Key__c', label: 'Social Thread Key', externalId: true },
  ],
  Contact: [
    { name: 'Social_Author_Id__c', label: 'Social Author Id', externalId: true, unique: true },
    { name: 'Social_Handle__c', label: 'Social Handle' },
  ],
};

export const DEFAULT_CASE_STATUSES: CaseStatusSpec[] = [
  { label: 'New', isClosed: false, isDefault: true },
  { label: 'Working', isClosed: false },
  { label: 'Escalated', isClosed: false },
  { label: 'Closed', isClosed: true },
];

export const DEFAULT_CASE_ORIGINS = ['Phone', 'Email', 'Web', 'Twitter'];
export const DEFAULT_ACCESS_TOKEN = 'EMULATOR_ACCESS_TOKEN';
export const DEFAULT_DAILY_API_LIMIT = 15_000;
