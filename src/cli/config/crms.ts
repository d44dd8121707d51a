import { z } from 'zod';
import { LocalCrmConfigSchema } from './crm-local.js';

/**
 * `crm:` — where Cases, Contacts and comments go, one member per `type`.
 *
 * To add a CRM type (e.g. `salesforce`):
 * 1. write `crm-<type>.ts` beside this file exporting a `z.strictObject({ type: z.literal('<type>'), … })`
 *    (secrets as `${ENV}` references, never literal);
 * 2. add it to the list below;
 * 3. add a `case '<type>'` to `buildCrm` in `../build/crm.ts` (load the client there with `await import()`).
 * A member with a `path` key is taken as a file the CRM writes: the job refuses a state file that is the same.
 */
export const CrmConfigSchema = z.discriminatedUnion('type', [LocalCrmConfigSchema]);
/** A validated `crm:`. */
export type CrmConfig = z.output<typeof CrmConfigSchema>;
