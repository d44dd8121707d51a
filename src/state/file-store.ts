/** The embedded default state store: one JSON file plus its journal (see journal-file.ts). */
import { ConfigError } from '../errors.js';
import { describeIssues } from '../model/validate.js';
import { DEFAULT_IDLE_WRITE_MS, openJournalFile, type Durability, type JournalFile } from '../files/journal-file.js';
import { applyStateCommit, emptyStateDoc, parseStateCommit, stampPosts, stateDocFromFile, stateDocToFile, StateFileSchema } from './state-doc.js';
import type { StateChange, StateDoc } from './state-doc.js';
import { checkpointOf, deadLettersOf, identitiesOf, postsOf, suggestionsOf } from './store-view.js';
import type { StateCommit, StateStore } from './types.js';

/** Options of {@link fileStateStore}. */
export interface FileStateStoreOptions {
  /** The state file, e.g. `.data/state.json`; its journal is `path + ".journal"`, its lock `path + ".lock"` (one process at a time). Parent directories are created. */
  readonly path: string;
  /** `fsync` (default): each commit is on disk before it returns. `flush`: survives a crash of the process only. */
  readonly durability?: Durability;
  /** Journal size in bytes that triggers a compaction (default 8 MiB). */
  readonly compactBytes?: number;
  /** Read the state and never write it (dry runs): `commit` throws. */
  readonly readOnly?: boolean;
  /** When the sync has caught up, rewrite the file if it was last written longer ago than this (default 60 s; 0: every time). */
  readonly idleWriteMs?: number;
  /** The config key naming the file (e.g. `state.path`), for the `details.field` of folder and lock errors. Default: the path. */
  readonly configKey?: string;
}

/**
 * A {@link StateStore} in a local file. Each `commit()` is one journal line (checkpoint, posts,
 * identities and dead letters together), so after a crash either all of a batch is there or none.
 * One process at a time.
 */
export function fileStateStore(options: FileStateStoreOptions): StateStore {
  const journal = openStateJournal(options);
  return storeOver(journal, options);
}

/**
 * Everything a state file holds (snapshot plus journal), read without writing or locking: for
 * migrating it into another store.
 */
export function readFileState(path: string): StateDoc {
  const journal = openStateJournal({ path, readOnly: true });
  const { doc } = journal;
  journal.close();
  return doc;
}

function openStateJournal(options: FileStateStoreOptions): JournalFile<StateDoc, StateChange> {
  return openJournalFile<StateDoc, StateChange>({
    path: options.path,
    load: (snapshot) => {
      if (snapshot === undefined) return emptyStateDoc();
      const parsed = StateFileSchema.safeParse(snapshot);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path.join('.') ?? '(root)';
        throw new ConfigError(`State file ${options.path} is invalid: ${describeIssues(parsed.error)}`, { field });
      }
      return stateDocFromFile(parsed.data);
    },
    save: stateDocToFile,
    apply: applyStateCommit,
    parseChange: parseStateCommit,
    ...(options.durability === undefined ? {} : { durability: options.durability }),
    ...(options.compactBytes === undefined ? {} : { compactBytes: options.compactBytes }),
    ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
    ...(options.configKey === undefined ? {} : { configKey: options.configKey }),
  });
}

function storeOver(journal: JournalFile<StateDoc, StateChange>, options: FileStateStoreOptions): StateStore {
  return {
    kind: 'file',
    getCheckpoint: async (stream) => checkpointOf(journal.doc, stream),
    getPosts: async (postIds) => postsOf(journal.doc, postIds),
    getIdentities: async (keys) => identitiesOf(journal.doc, keys),
    async commit(change) {
      // Keep in memory exactly what a reopen reads back from the journal (and no caller-owned objects);
      // the journal line reuses this one serialization.
      const json = JSON.stringify({ ...change, posts: stampPosts(change.posts) });
      journal.commit(JSON.parse(json) as StateCommit, json);
    },
    listDeadLetters: async (query) => deadLettersOf(journal.doc, query),
    async removeDeadLetters(ids) {
      if (ids.length > 0) journal.commit({ removeDeadLetters: [...ids] });
    },
    async dropPostsBefore(at) {
      const before = journal.doc.posts.size;
      journal.commit({ dropPostsBefore: at });
      return before - journal.doc.posts.size;
    },
    async addSuggestions(rows) {
      // One journal line, read back as a reopen would (no caller-owned objects kept).
      if (rows.length > 0) journal.commit({ addSuggestions: rows.map((r) => ({ ...r })) });
    },
    listSuggestions: async (query) => suggestionsOf(journal.doc, query),
    async idle() {
      // Caught up: bring the file up to date (until then the newest commits are in the journal only).
      journal.compactIfStale(options.idleWriteMs ?? DEFAULT_IDLE_WRITE_MS);
    },
    async close() {
      journal.close();
    },
  };
}
