/** A state store that lives in memory only: tests, dry runs, one-off scripts. */
import { ConnectorError } from '../errors.js';
import { applyStateCommit, emptyStateDoc, stampPosts } from './state-doc.js';
import { checkpointOf, deadLettersOf, identitiesOf, postsOf, suggestionsOf } from './store-view.js';
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
      // Records are stored as given (the engine builds fresh ones per batch and never changes them);
      // a shallow copy of each keeps later changes by the caller out.
      applyStateCommit(doc, {
        ...change,
        posts: stampPosts(change.posts),
        identities: change.identities.map((i) => ({ ...i })),
        deadLetters: change.deadLetters.map((d) => ({ ...d })),
      });
    },
    listDeadLetters: async (query) => deadLettersOf(doc, query),
    async removeDeadLetters(ids) {
      assertOpen();
      applyStateCommit(doc, { removeDeadLetters: [...ids] });
    },
    async dropPostsBefore(at) {
      assertOpen();
      const before = doc.posts.size;
      applyStateCommit(doc, { dropPostsBefore: at });
      return before - doc.posts.size;
    },
    async addSuggestions(rows) {
      assertOpen();
      if (rows.length > 0) applyStateCommit(doc, { addSuggestions: [...rows] });
    },
    listSuggestions: async (query) => suggestionsOf(doc, query),
    async close() {
      closed = true;
    },
  };
}
