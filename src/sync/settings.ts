import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { SocialSource } from '../sources/types.js';
import { BrandConfigSchema, type BrandConfig } from '../triage/brand.js';
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

/**
 * The brand's own accounts as a sync takes them: at least one handle or id, unless the source names
 * the account it reads as (`brandIdentity()`) or `none: true` says on purpose that no post is the brand's.
 */
export const SyncBrandSchema = BrandConfigSchema.extend({
  /** No brand accounts, on purpose (a source with no brand posts): every customer post may open a Case. */
  none: z.boolean().optional(),
});

/** The plain-data settings of a sync (everything but the source, CRM and state objects). Unknown keys are errors. */
export const SyncSettingsSchema = z.strictObject({
  brand: SyncBrandSchema.prefault({}),
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

const namesAccounts = (brand: Pick<BrandConfig, 'handles' | 'ids'>): boolean => brand.handles.length > 0 || brand.ids.length > 0;
const NO_BRAND = "brand needs at least one handle or id (the brand's own posts would otherwise open Cases as if a customer wrote them)";

/**
 * Refuses a brand that names no account, before anything runs: unless it says `none: true` or the
 * source can name the account it reads as (then {@link resolveBrand} asks it when the run starts).
 * Throws a {@link ConfigError} naming `brand`.
 */
export function requireBrand(brand: SyncSettings['brand'], source: Pick<SocialSource, 'brandIdentity'>): void {
  if (brand.none === true || namesAccounts(brand) || source.brandIdentity !== undefined) return;
  throw new ConfigError(`${NO_BRAND}; pass brand: { none: true } if no post of this source is the brand's`, { field: 'brand' });
}

/**
 * The brand accounts of a run: the settings' when they name any (or say `none: true`), else those the
 * source reads as (`brandIdentity()`, e.g. the X account of the token). None at all: a
 * {@link ConfigError} naming `brand`.
 */
export async function resolveBrand(brand: SyncSettings['brand'], source: Pick<SocialSource, 'id' | 'brandIdentity'>): Promise<BrandConfig> {
  if (brand.none === true || namesAccounts(brand)) return { handles: [...brand.handles], ids: [...brand.ids] };
  const found = await source.brandIdentity?.();
  const filled = { handles: [...(found?.handles ?? [])], ids: [...(found?.ids ?? [])] };
  if (namesAccounts(filled)) return filled;
  throw new ConfigError(`${NO_BRAND}: the source (${source.id}) could not name the account it reads as`, { field: 'brand' });
}
