import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SyncSettingsSchema } from '../../sync/settings.js';
import { brandProblems, distinctFileProblems } from './checks.js';
import { CrmConfigSchema } from './crms.js';
import { SourceConfigSchema } from './sources.js';
import { StateConfigSchema, type StateConfig } from './states.js';
import { DEFAULT_RETAIN_DAYS } from './state-sqlite.js';

/** The state of a config without `state`: SQLite, beside the CRM's file when it has one. */
function defaultStateOf(crm: object): StateConfig {
  const crmPath = 'path' in crm && typeof crm.path === 'string' ? crm.path : undefined;
  return { type: 'sqlite', path: crmPath === undefined ? join('.data', 'state.db') : join(dirname(crmPath), 'state.db'), retainDays: DEFAULT_RETAIN_DAYS };
}

/** Marks the schema issues of the job's own rules (`parseJobConfig` lists those from the raw config). */
export const JOB_RULE = 'jobRule';

/**
 * The job config file (YAML or JSON) of `social-crm-sync`: `source`, `crm`, `state` plus the sync
 * settings (`brand`, `triage`, `mapping`, `threads`, `limits`, `batchSize`). Unknown keys are errors,
 * so a typo never passes silently; a config without a brand account, or whose CRM and state share a
 * file, fails here too. Validate a generated config with `JobConfigSchema.safeParse()`,
 * or with {@link parseJobConfig} for the job's own messages and checks.
 */
export const JobConfigSchema = z
  .strictObject({
    source: SourceConfigSchema,
    crm: CrmConfigSchema,
    /** Absent: a SQLite state beside the CRM's file (`state.db`), or `.data/state.db`; `{ type: memory }` must be asked for. */
    state: StateConfigSchema.optional(),
    ...SyncSettingsSchema.omit({ dryRun: true }).shape,
  })
  .superRefine((config, ctx) => {
    // The job's own rules, so a config this schema accepts is one the job runs (no brand, shared files).
    for (const problem of [...brandProblems(config), ...distinctFileProblems(config)]) {
      ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message, params: { [JOB_RULE]: true } });
    }
  })
  .transform(({ state, ...rest }) => ({ ...rest, state: state ?? defaultStateOf(rest.crm) }));
/** A job config as written (defaults not applied yet). */
export type JobConfigInput = z.input<typeof JobConfigSchema>;
/** A validated job config, defaults applied. */
export type JobConfig = z.output<typeof JobConfigSchema>;
