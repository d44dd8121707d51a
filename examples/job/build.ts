import { existsSync, statSync } from 'node:fs';
import { ConfigError, ConnectorError } from '../../src/errors.js';
import { localCrmAdapter, type LocalCrmAdapter } from '../../src/adapters/local/index.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import type { SocialSource } from '../../src/sources/types.js';
import { assertNotLocked, lockPathOf } from '../../src/files/file-lock.js';
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

/** A config error naming `key` unless `path` is a readable regular file. */
function requireFile(path: string, key: string): void {
  if (!existsSync(path)) throw new ConfigError(`${key}: no such file: ${path}`, { field: key });
  if (!statSync(path).isFile()) throw new ConfigError(`${key}: ${path} is not a file (a directory?)`, { field: key });
}

/**
 * Runs `open`; a file-system error caused by the path (a directory where a file should be, a path
 * under a file, no permission, a read-only disk) becomes a config error naming `key`, so the job says
 * which setting to fix and exits 2. Disk failures (EIO, ENOSPC) stay errors of the run (exit 3).
 */
function asConfigError<T>(key: string, path: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const why = typeof code === 'string' ? PATH_PROBLEMS[code] : undefined;
    if (error instanceof ConnectorError || why === undefined) throw error; // e.g. EIO, ENOSPC: not a setting to fix
    throw new ConfigError(`${key}: cannot use ${path}: ${why} (${code})`, { field: key }, error);
  }
}

/** Plain words for the file-system errors a wrong path (not a failing disk) gives. */
const PATH_PROBLEMS: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the disk is read-only',
};

/**
 * Builds the source, CRM adapter and state store of a job config. In a dry run every file is opened
 * read-only (a missing CRM file is read from its seed) so that nothing at all is written. The seed
 * is written to the CRM path under the CRM file's lock, so it never overwrites a running sync's file.
 */
export function buildJob(config: JobConfig, options: { dryRun: boolean }): JobParts {
  requireFile(config.source.path, 'source.path');
  if (config.crm.seed !== undefined) requireFile(config.crm.seed, 'crm.seed');
  const source = jsonlSource({ path: config.source.path });
  const { dryRun } = options;
  if (!dryRun) {
    // Both files free before either is opened: a busy state file must not leave a CRM file behind.
    const crmPath = config.crm.path;
    asConfigError('crm.path', lockPathOf(crmPath), () => assertNotLocked(crmPath));
    const stateConfig = config.state;
    if (stateConfig.type === 'file') asConfigError('state.path', lockPathOf(stateConfig.path), () => assertNotLocked(stateConfig.path));
  }
  const crm = asConfigError('crm.path', config.crm.path, () =>
    localCrmAdapter({
      path: config.crm.path,
      readOnly: dryRun,
      ...(config.crm.seed === undefined ? {} : { seed: config.crm.seed }),
    }),
  );
  let state: StateStore;
  try {
    const stateConfig = config.state;
    state =
      stateConfig.type === 'file'
        ? asConfigError('state.path', stateConfig.path, () => fileStateStore({ path: stateConfig.path, readOnly: dryRun }))
        : memoryStateStore();
  } catch (error) {
    void crm.close(); // releases the CRM file's lock; the job stops with the state's error
    throw error;
  }
  return { source, crm, state, crmLocation: config.crm.path, seeded: crm.seeded && !dryRun };
}
