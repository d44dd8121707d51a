import { ConfigError } from '../errors.js';
import type { SocialSource } from '../sources/types.js';
import { resolveBrand as resolveSyncBrand } from '../sync/settings.js';
import type { BrandConfig } from '../triage/brand.js';
import type { JobConfig } from './config/schema.js';
import { JobConfigError } from './config/problems.js';

/**
 * The brand's accounts for the run: the config's, or, when it names none, those the source reads
 * as (`brandIdentity()`, e.g. the X account of the token). None at all is a config error (the
 * brand's own posts would become customer Cases) unless `brand.none` says so on purpose. The rule is
 * the engine's (`resolveBrand`).
 */
export async function resolveBrand(config: JobConfig, source: SocialSource): Promise<BrandConfig & { readonly none?: true }> {
  try {
    const brand = await resolveSyncBrand(config.brand, source);
    // `none: true` goes on to the engine, which refuses a brand naming no account without it.
    return config.brand.none === true ? { ...brand, none: true } : brand;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new JobConfigError([{ field: 'brand', message: `needs at least one handle or id: the source (${source.id}) could not name the account it reads as` }]);
  }
}
