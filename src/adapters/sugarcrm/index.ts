/**
 * `social-crm-connector/sugarcrm`: the SugarCRM adapter (REST v11, axios as an optional peer
 * dependency loaded only by this entry point). See the README, "Connect your SugarCRM".
 */
export { sugarcrmAdapter, sugarcrmAdapterFromConfig, type SugarCrmAdapter, type SugarCrmAdapterOptions } from './adapter.js';
export {
  SugarCrmConfigSchema,
  parseSugarConfig,
  isAllowedBaseUrl,
  type SugarCrmConfig,
  type SugarCrmConfigInput,
} from './config.js';
export {
  classifySugarError,
  isSugarApiError,
  SugarAuthError,
  SugarRateLimitError,
  SugarRecordError,
  SugarTransientError,
  type SugarApiError,
  type SugarErrorFacts,
} from './errors.js';
export { caseIdOf, contactIdOf, noteIdOf, SUGAR_ID_NAMESPACE } from './ids.js';
export { uuidV5 } from './uuid5.js';
export { SUGAR_FIELD_LIMITS } from './records.js';
export type { SugarAuth } from './token-manager.js';
