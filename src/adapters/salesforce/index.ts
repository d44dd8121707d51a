/**
 * The Salesforce adapter (`social-crm-connector/salesforce`). Loads jsforce, an optional peer
 * dependency: users who never touch Salesforce never load it.
 */
export { salesforceAdapter } from './adapter.js';
export type { SalesforceAdapter, SalesforceAdapterOptions, SalesforceAdapterCommonOptions, SalesforceAuthOptions, SalesforceConnectionOptions } from './adapter.js';
export type { DuplicatePolicy } from './env.js';
export {
  DEFAULT_API_VERSION,
  DEFAULT_LOGIN_URL,
  SalesforceAuthSchema,
  SalesforceCrmConfigSchema,
  SalesforceFieldsSchema,
  parseSalesforceConfig,
  isAllowedUrl,
} from './config.js';
export type { SalesforceAuth, SalesforceAuthFlow, SalesforceCrmConfig, SalesforceCrmConfigInput, SalesforceFields, SalesforceComments, SalesforceStatuses, SocialObjectsMode } from './config.js';
export { escapeSoql, soqlString, soqlLike } from './soql.js';
export { classifySalesforceError } from './classify-error.js';
export { signJwtAssertion } from './jwt.js';
export { readTokenFile, writeTokenFile, SalesforceTokensSchema } from './token-file.js';
export type { SalesforceTokens } from './token-file.js';
export type { TokensCallback } from './session.js';
export { salesforceAdapterFromConfig } from './from-config.js';
