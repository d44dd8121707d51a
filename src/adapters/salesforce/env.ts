/** What the adapter's parts share: the connection, the configuration and what was learned so far. */
import type { Connection } from 'jsforce';
import type { FieldLimits } from '../types.js';
import type { SalesforceComments, SalesforceFields, SalesforceStatuses } from './config.js';
import type { Knowledge } from './knowledge.js';
import type { SocialSchema } from './describe.js';

/** How a Contact that the org's duplicate rules flag (`DUPLICATES_DETECTED`) is handled. */
export type DuplicatePolicy = 'allowSave' | 'useDuplicate' | 'fail';

/** Shared state of one adapter. */
export interface SalesforceEnv {
  readonly connection: Connection;
  readonly apiVersion: string;
  readonly fields: SalesforceFields;
  readonly comments: SalesforceComments;
  readonly statuses: SalesforceStatuses;
  readonly duplicates: DuplicatePolicy;
  readonly knowledge: Knowledge;
  /** Where queries go (for the URI budget). */
  queryOptions(): { apiVersion: string; baseUrl: string };
  /** Closed status values (from the describe). */
  closedStatuses(): ReadonlySet<string>;
  /** Field limits (from the describe). */
  fieldLimits(): FieldLimits;
  /** True when the org has SocialPersona / SocialPost (and the mode is not `off`). */
  socialObjects(): boolean;
  /** The social objects' describe facts when they are written, else undefined. */
  socialSchema(): SocialSchema | undefined;
}
