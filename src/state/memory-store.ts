/** A state store that lives in memory only: tests, dry runs, one-off scripts. */
import { ConnectorError } from '../errors.js';
import { applyStateCommit, emptyStateDoc } from './state-doc.js';
import { checkpointOf, deadLettersOf, identitiesOf, postsOf } from './store-view.js';
import type { StateCommit, StateStore } from './types.js';

/** A {@link StateStore} kept in memory; everything is lost when the process ends. */
export function memoryStateStore(): StateStore {
  const doc = emptyStateDoc();
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new ConnectorError('memory state store is closed');
  };
  return {
    kind: 'memory',
    getCheckpoint: async (stream) => checkpointOf(doc, stream),
    getPosts: async (postIds) => postsOf(doc, postIds),
    getIdentities: async (keys) => identitiesOf(doc, keys),
    async commit(change: StateCommit) {
      assertOpen();
      // Copy through JSON so the memory store keeps exactly what a file store would read back.
      applyStateCommit(doc, JSON.parse(JSON.stringify(change)) as StateCommit);
    },
    listDeadLetters: async () => deadLettersOf(doc),
    async close() {
      closed = true;
    },
  };
}
