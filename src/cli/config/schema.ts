import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SyncSettingsSchema } from '../../sync/settings.js';
import { brandProblems, distinctFileProblems } from './checks.js';
import { CrmConfigSchema } from './crms.js';
import { SourceConfigSchema } from './sources.js';
import { FilePathSchema } from './paths.js';
import { FileStateConfigSchema } from './state-file.js';
import { MemoryStateConfigSchema } from './state-memory.js';
import { DEFAULT_RETAIN_DAYS, SqliteStateConfigSchema } from './state-sqlite.js';
import type { StateConfig } from './states.js';

/** The state file of a config that names none: `state.db` beside the CRM's file when it has one, else `.data/state.db`. */
function defaultStatePathOf(crm: object): string {
  const crmPath = 'path' in crm && typeof crm.path === 'string' ? crm.path : undefined;
  return crmPath === undefined ? join('.data', 'state.db') : join(dirname(crmPath), 'state.db');
}

/** `state:` as the job takes it: a SQLite state may leave out `path` (`state: { type: sqlite, retainDays: 30 }`), the default file is used. */
const JobStateConfigSchema = z.discriminatedUnion('type', [SqliteStateConfigSchema.extend({ path: FilePathSchema.optional() }), FileStateConfigSchema, MemoryStateConfigSchema]);

/** The state of the run: the config's, its SQLite file defaulted; without `state`, SQLite beside the CRM's file. */
function stateOf(state: z.output<typeof JobStateConfigSchema> | undefined, crm: object): StateConfig {
  if (state === undefined) return { type: 'sqlite', path: defaultStatePathOf(crm), retainDays: DEFAULT_RETAIN_DAYS };
  if (state.type === 'sqlite') return { ...state, path: state.path ?? defaultStatePathOf(crm) };
  return state;
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
    /** Absent (or SQLite without `path`): a SQLite state beside the CRM's file (`state.db`), or `.data/state.db`; `{ type: memory }` must be asked for. */
    state: JobStateConfigSchema.optional(),
    ...SyncSettingsSchema.omit({ dryRun: true }).shape,
  })
  .superRefine((config, ctx) => {
    // The job's own rules, so a config this schema accepts is one the job runs (no brand, shared files).
    for (const problem of [...brandProblems(config), ...distinctFileProblems(config)]) {
      ctx.addIssue({ code: 'custom', path: problem.field.split('.'), message: problem.message, params: { [JOB_RULE]: true } });
    }
  })
  .transform(({ state, ...rest }) => ({ ...rest, state: stateOf(state, rest.crm) }));
/** A job config as written (defaults not applied yet). */
export type JobConfigInput = z.input<typeof JobConfigSchema>;
/** A validated job config, defaults applied. */
export type JobConfig = z.output<typeof JobConfigSchema>;
