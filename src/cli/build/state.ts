import { fileStateStore, memoryStateStore } from '../../state/index.js';
import type { StateStore } from '../../state/types.js';
import type { StateConfig } from '../config/states.js';
import { asConfigError } from './path-errors.js';

/** The state store a `state:` config describes. One case per member of `StateConfigSchema`. */
export async function buildState(config: StateConfig, options: { readOnly: boolean }): Promise<StateStore> {
  switch (config.type) {
    case 'file':
      return asConfigError('state.path', config.path, () => fileStateStore({ path: config.path, readOnly: options.readOnly }));
    case 'memory':
      return memoryStateStore();
    case 'sqlite': {
      // Loaded only when used: the native module is never needed by jobs that do not use it.
      const { sqliteStateStore } = await import('../../state/sqlite/index.js');
      return asConfigError('state.path', config.path, () => sqliteStateStore({ path: config.path, readOnly: options.readOnly }));
    }
  }
}
