import { ConfigError } from '../../errors.js';
import { fileStateStore, memoryStateStore } from '../../state/index.js';
import type { StateStore } from '../../state/types.js';
import type { StateConfig } from '../config/states.js';
import { asConfigError } from './path-errors.js';

/** The state store a `state:` config describes. One case per member of `StateConfigSchema`. */
export async function buildState(config: StateConfig, options: { readOnly: boolean }): Promise<StateStore> {
  switch (config.type) {
    case 'file':
      return asConfigError('state.path', config.path, () => fileStateStore({ path: config.path, readOnly: options.readOnly, configKey: 'state.path' }));
    case 'memory':
      return memoryStateStore();
    case 'sqlite': {
      // Loaded only when used: the native module is never needed by jobs that do not use it.
      const { sqliteStateStore } = await loadSqliteStore();
      return asConfigError('state.path', config.path, () => sqliteStateStore({ path: config.path, readOnly: options.readOnly, configKey: 'state.path' }));
    }
  }
}

/** The SQLite store's module; a native module that was never built is a config error saying what to do. */
export async function loadSqliteStore(): Promise<typeof import('../../state/sqlite/index.js')> {
  try {
    return await import('../../state/sqlite/index.js');
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ConfigError(
      `state: { type: sqlite } needs the native module better-sqlite3, which does not load (${why}). Let npm build it ` +
        '(npm 11: allow its install script, e.g. `npm rebuild better-sqlite3`), or use state: { type: file, path: … }',
      { field: 'state.type' },
      error,
    );
  }
}
