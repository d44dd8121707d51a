import { existsSync } from 'node:fs';
import { ConfigError } from '../../src/errors.js';
import { localCrmAdapter, type LocalCrmAdapter } from '../../src/adapters/local/index.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import type { SocialSource } from '../../src/sources/types.js';
import { fileStateStore, memoryStateStore } from '../../src/state/index.js';
import type { StateStore } from '../../src/state/types.js';
import type { JobConfig } from './config.js';

/** The objects a job config describes. */
export interface JobParts {
  readonly source: SocialSource;
  readonly crm: LocalCrmAdapter;
  readonly state: StateStore;
  /** Where the CRM writes, for the summary. */
  readonly crmLocation: string;
  /** True when the seed was copied to the CRM path on this run. */
  readonly seeded: boolean;
}

/**
 * Builds the source, CRM adapter and state store of a job config. In a dry run every file is opened
 * read-only (a missing CRM file is read from its seed) so that nothing at all is written. The seed
 * is written to the CRM path under the CRM file's lock, so it never overwrites a running sync's file.
 */
export function buildJob(config: JobConfig, options: { dryRun: boolean }): JobParts {
  if (!existsSync(config.source.path)) throw new ConfigError(`source.path: no such file: ${config.source.path}`, { field: 'source.path' });
  if (config.crm.seed !== undefined && !existsSync(config.crm.seed)) throw new ConfigError(`crm.seed: no such file: ${config.crm.seed}`, { field: 'crm.seed' });
  const source = jsonlSource({ path: config.source.path });
  const { dryRun } = options;
  const crm = localCrmAdapter({
    path: config.crm.path,
    readOnly: dryRun,
    ...(config.crm.seed === undefined ? {} : { seed: config.crm.seed }),
  });
  let state: StateStore;
  try {
    state = config.state.type === 'file' ? fileStateStore({ path: config.state.path, readOnly: dryRun }) : memoryStateStore();
  } catch (error) {
    void crm.close(); // releases the CRM file's lock; the job stops with the state's error
    throw error;
  }
  return { source, crm, state, crmLocation: config.crm.path, seeded: crm.seeded && !dryRun };
}
