import type { SocialSource } from '../sources/types.js';
import type { BrandConfig } from '../triage/brand.js';
import type { JobConfig } from './config/schema.js';
import { JobConfigError } from './config/problems.js';

/**
 * The brand's accounts for the run: the config's, or, when it names none, those the source reads
 * as (`brandIdentity()`, e.g. the X account of the token). None at all is a config error: the
 * brand's own posts would become customer Cases.
 */
export async function resolveBrand(config: JobConfig, source: SocialSource): Promise<BrandConfig> {
  const { brand } = config;
  if (brand.handles.length > 0 || brand.ids.length > 0) return brand;
  const found = await source.brandIdentity?.();
  const filled = { handles: [...(found?.handles ?? [])], ids: [...(found?.ids ?? [])] };
  if (filled.handles.length > 0 || filled.ids.length > 0) return filled;
  throw new JobConfigError([{ field: 'brand', message: `needs at least one handle or id: the source (${source.id}) could not name the account it reads as` }]);
}
