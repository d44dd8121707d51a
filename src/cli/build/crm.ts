import { localCrmAdapter } from '../../adapters/local/index.js';
import type { CrmAdapter } from '../../adapters/types.js';
import type { CrmConfig } from '../config/crms.js';
import { asConfigError, requireFile } from './path-errors.js';

/** A CRM adapter built from config, with what the job tells the admin about it. */
export interface BuiltCrm {
  readonly adapter: CrmAdapter;
  /** Where the CRM writes, for the summary (a file, an instance URL). */
  readonly location: string;
  /** A line for stderr about what opening it did (e.g. seeded the file), if anything. */
  readonly notice?: string;
}

/**
 * The CRM adapter a `crm:` config describes. One case per member of `CrmConfigSchema`; load the
 * vendor's client here with `await import()`. `readOnly` (dry run, --check): write nothing at all.
 */
export async function buildCrm(config: CrmConfig, options: { readOnly: boolean }): Promise<BuiltCrm> {
  switch (config.type) {
    case 'local': {
      if (config.seed !== undefined) requireFile(config.seed, 'crm.seed');
      const seed = config.seed;
      const adapter = await asConfigError('crm.path', config.path, () =>
        localCrmAdapter({ path: config.path, readOnly: options.readOnly, ...(seed === undefined ? {} : { seed }) }),
      );
      const seeded = adapter.seeded && !options.readOnly;
      return { adapter, location: config.path, ...(seeded ? { notice: `Seeded ${config.path} from ${seed ?? ''}` } : {}) };
    }
  }
}
