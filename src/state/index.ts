/** State stores: where checkpoints, post records, the identity cache and dead letters live. */
export type { IdentityRecord, MatchMethod, PostOutcome, PostRecord, StateCommit, StateStore } from './types.js';
export { memoryStateStore } from './memory-store.js';
export { fileStateStore, type FileStateStoreOptions } from './file-store.js';
export {
  DEFAULT_COMPACT_BYTES,
  journalPathOf,
  openJournalFile,
  type Durability,
  type JournalFile,
  type JournalFileOptions,
} from '../files/journal-file.js';
export { IdentityRecordSchema, PostRecordSchema, StateCommitSchema, StateFileSchema } from './state-doc.js';
