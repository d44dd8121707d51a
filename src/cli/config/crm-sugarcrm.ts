/**
 * `crm: { type: sugarcrm, baseUrl, apiVersion?, auth, accountId?, fields?, statuses?, priorities?, bulkSize?, … }`
 * — a SugarCRM instance (REST v11); the schema lives with the adapter (README, "Connect your SugarCRM").
 * Secrets go in as `${ENV}` references (`password: ${SUGAR_PASSWORD}`).
 */
export { SugarCrmConfigSchema } from '../../adapters/sugarcrm/config.js';
export type { SugarCrmConfig } from '../../adapters/sugarcrm/config.js';
