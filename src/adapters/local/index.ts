/** The embedded local CRM adapter (`social-crm-connector/local`). */
export { localCrmAdapter, LOCAL_STATUSES, SALESFORCE_FIELD_LIMITS, type LocalCrmAdapter, type LocalCrmOptions } from './adapter.js';
export {
  LocalCaseSchema,
  LocalCommentSchema,
  LocalContactSchema,
  LocalCrmChangeSchema,
  LocalCrmDocumentSchema,
  type LocalCase,
  type LocalComment,
  type LocalContact,
  type LocalCrmChange,
  type LocalCrmDocument,
} from './schema.js';
