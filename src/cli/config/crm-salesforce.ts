/**
 * `crm: { type: salesforce, … }` — the job config's Salesforce member. The schema lives with the
 * adapter (`social-crm-connector/salesforce`); it is zod only, so the job loads jsforce only when
 * the config names Salesforce (see `../build/crm.ts`).
 */
export { SalesforceCrmConfigSchema, type SalesforceCrmConfig } from '../../adapters/salesforce/config.js';
