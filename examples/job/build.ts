import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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

/** Builds the source, CRM adapter and state store of a job config. */
export function buildJob(config: JobConfig): JobParts {
  const source = jsonlSource({ path: config.source.path });
  let seeded = false;
  if (config.crm.seed !== undefined && !existsSync(config.crm.path)) {
    mkdirSync(dirname(config.crm.path), { recursive: true });
    copyFileSync(config.crm.seed, config.crm.path);
    seeded = true;
  }
  const crm = localCrmAdapter({ path: config.crm.path });
  const state = config.state.type === 'file' ? fileStateStore({ path: config.state.path }) : memoryStateStore();
  return { source, crm, state, crmLocation: config.crm.path, seeded };
}
