/** The state as a dead-letter replay sees it: the replayed posts' `dead` records hidden, checkpoints untouched. */
import type { PostRecord, StateStore } from '../state/types.js';

/**
 * Wraps `store` so the engine retries the posts in `replayed`: their records with outcome `dead`
 * read as unknown (else the engine would skip them as duplicates), and commits keep every
 * stream's checkpoint as it is (a replay is no position in any source).
 */
export function replayView(store: StateStore, replayed: ReadonlySet<string>): StateStore {
  return {
    kind: store.kind,
    getCheckpoint: (stream) => store.getCheckpoint(stream),
    async getPosts(postIds) {
      const found = await store.getPosts(postIds);
      const out = new Map<string, PostRecord>();
      for (const [id, record] of found) if (!(record.outcome === 'dead' && replayed.has(id))) out.set(id, record);
      return out;
    },
    getIdentities: (keys) => store.getIdentities(keys),
    async commit(change) {
      const { checkpoint: _checkpoint, ...rest } = change;
      await store.commit(rest);
    },
    listDeadLetters: (query) => store.listDeadLetters(query),
    removeDeadLetters: (ids) => store.removeDeadLetters(ids),
    // The real store's owner closes it.
    async close() {},
  };
}
