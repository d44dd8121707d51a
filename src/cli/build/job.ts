import type { CrmAdapter } from '../../adapters/types.js';
import { assertNotLocked, lockPathOf } from '../../files/file-lock.js';
import type { SocialSource } from '../../sources/types.js';
import type { StateStore } from '../../state/types.js';
import type { JobConfig } from '../config/schema.js';
import { buildCrm } from './crm.js';
import { JobConfigError } from '../config/problems.js';
import { jobPathProblems, prepareJobFolders } from './path-checks.js';
import { asConfigError } from './path-errors.js';
import { buildSource } from './source.js';
import { buildState, loadSqliteStore } from './state.js';

/** The objects a job config describes. */
export interface JobParts {
  readonly source: SocialSource;
  readonly crm: CrmAdapter;
  readonly state: StateStore;
  /** Where the CRM writes, for the summary. */
  readonly crmLocation: string;
  /** Lines for stderr about what opening the parts did (e.g. seeded the CRM file). */
  readonly notices: readonly string[];
  /** Closes the CRM, state and source (each, also when one fails; the first failure is thrown). */
  close(): Promise<void>;
}

/** Runs every closer in order, also after one failed; then throws the first failure. */
async function closeAll(closers: readonly (() => Promise<void> | undefined)[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}

/** A `path` the section writes (any type with a `path` key), for the lock check. */
const writtenPath = (section: object): string | undefined => ('path' in section && typeof section.path === 'string' ? section.path : undefined);

/**
 * Builds the source, CRM adapter and state store of a job config; first lists every file it cannot
 * use ({@link jobPathProblems}) in one config error. `readOnly` (dry run, --check):
 * every file is opened read-only (a missing CRM file is read from its seed) so nothing is written.
 * Otherwise the CRM and state files must both be free before either is opened, so a busy state file
 * never leaves a CRM file (or its seed copy) behind.
 */
export async function buildJob(config: JobConfig, options: { readOnly: boolean }): Promise<JobParts> {
  // Every unusable file at once, before anything is opened (nothing is left half-made).
  const pathProblems = jobPathProblems(config, options);
  if (pathProblems.length > 0) throw new JobConfigError(pathProblems);
  const folderProblems = prepareJobFolders(config, options);
  if (folderProblems.length > 0) throw new JobConfigError(folderProblems);
  const source = await buildSource(config.source);
  if (!options.readOnly) {
    for (const [key, section] of [['crm.path', config.crm], ['state.path', config.state]] as const) {
      const path = writtenPath(section);
      if (path !== undefined) await asConfigError(key, lockPathOf(path), () => assertNotLocked(path, { key }));
    }
    if (config.state.type === 'sqlite') {
      const { assertSqliteStateFree } = await loadSqliteStore();
      const { path } = config.state;
      await asConfigError('state.path', path, () => assertSqliteStateFree(path, { configKey: 'state.path' }));
    }
  }
  let crm;
  try {
    crm = await buildCrm(config.crm, options);
  } catch (error) {
    await source.close?.();
    throw error;
  }
  let state: StateStore;
  try {
    state = await buildState(config.state, options);
  } catch (error) {
    await crm.adapter.close?.(); // releases the CRM file's lock; the job stops with the state's error
    await source.close?.();
    throw error;
  }
  const adapter = crm.adapter;
  return {
    source,
    crm: adapter,
    state,
    crmLocation: crm.location,
    notices: crm.notice === undefined ? [] : [crm.notice],
    close: () => closeAll([() => adapter.close?.(), () => state.close(), () => source.close?.()]),
  };
}
