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
        localCrmAdapter({ path: config.path, readOnly: options.readOnly, configKey: 'crm.path', ...(seed === undefined ? {} : { seed }) }),
      );
      const seeded = adapter.seeded && !options.readOnly;
      return { adapter, location: config.path, ...(seeded ? { notice: `Seeded ${config.path} from ${seed ?? ''}` } : {}) };
    }
    case 'salesforce': {
      // jsforce is loaded only here. A dry run or --check writes no record; a rotated refresh token is
      // still saved to crm.tokenFile (the old one is revoked: without it the next run could not log in).
      const { salesforceAdapterFromConfig } = await import('../../adapters/salesforce/index.js');
      return { adapter: salesforceAdapterFromConfig(config), location: config.instanceUrl ?? config.loginUrl };
    }
    case 'sugarcrm': {
      // axios is loaded here only, when a job uses SugarCRM.
      const { sugarcrmAdapterFromConfig } = await import('../../adapters/sugarcrm/adapter.js');
      return { adapter: sugarcrmAdapterFromConfig(config, { readOnly: options.readOnly }), location: config.baseUrl };
    }
  }
}
