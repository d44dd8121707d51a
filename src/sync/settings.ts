import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { BrandConfigSchema } from '../triage/brand.js';
import { MappingConfigSchema } from '../mapping/field-mapping.js';
import { TriageConfigSchema } from '../triage/triage.js';
import { LimitsConfigSchema } from '../limits/config.js';
import { describeIssues, formatPath } from '../model/validate.js';

/** Thread rules as configured. */
export const ThreadsConfigSchema = z.strictObject({
  /** A closed Case younger than this many days (between closing and the new post) is reopened. Salesforce's handler uses 5. */
  reopenWindowDays: z.number().positive().default(5),
  /** When set, a customer's new top-level post joins their open Case opened less than this many hours ago. Off by default. */
  joinRecentOpenCaseHours: z.number().positive().nullable().default(null),
});

/** The plain-data settings of a sync (everything but the source, CRM and state objects). Unknown keys are errors. */
export const SyncSettingsSchema = z.strictObject({
  brand: BrandConfigSchema.prefault({}),
  triage: TriageConfigSchema.prefault({}),
  mapping: MappingConfigSchema.prefault({}),
  threads: ThreadsConfigSchema.prefault({}),
  limits: LimitsConfigSchema.prefault({}),
  /** Posts per batch (one CRM lookup and one apply per batch). */
  batchSize: z.number().int().min(1).max(10_000).default(200),
  /** Plan only: nothing is written to the CRM or the state. */
  dryRun: z.boolean().default(false),
});

/** Settings of a sync as the caller writes them (all optional). */
export type SyncSettingsInput = z.input<typeof SyncSettingsSchema>;
/** Settings of a sync with defaults applied. */
export type SyncSettings = z.output<typeof SyncSettingsSchema>;

/** Validates settings; a bad value throws a {@link ConfigError} naming the key. */
export function parseSyncSettings(input: unknown, prefix = ''): SyncSettings {
  const parsed = SyncSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const field = `${prefix}${first ? formatPath(first.path) : ''}`;
  throw new ConfigError(`Invalid sync settings: ${describeIssues(parsed.error)}`, { field });
}
