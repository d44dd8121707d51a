import { z } from 'zod';
import { SyncSettingsSchema } from '../../sync/settings.js';
import { CrmConfigSchema } from './crms.js';
import { SourceConfigSchema } from './sources.js';
import { StateConfigSchema } from './states.js';

/**
 * The job config file (YAML or JSON) of `social-crm-sync`: `source`, `crm`, `state` plus the sync
 * settings (`brand`, `triage`, `mapping`, `threads`, `limits`, `batchSize`). Unknown keys are errors,
 * so a typo never passes silently. Validate a generated config with `JobConfigSchema.safeParse()`,
 * or with {@link parseJobConfig} for the job's own messages and checks.
 */
export const JobConfigSchema = z.strictObject({
  source: SourceConfigSchema,
  crm: CrmConfigSchema,
  state: StateConfigSchema.default({ type: 'memory' }),
  ...SyncSettingsSchema.omit({ dryRun: true }).shape,
});
/** A job config as written (defaults not applied yet). */
export type JobConfigInput = z.input<typeof JobConfigSchema>;
/** A validated job config, defaults applied. */
export type JobConfig = z.output<typeof JobConfigSchema>;
