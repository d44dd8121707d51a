/** `--migrate-state FROM TO`: copies a file state (JSON snapshot + journal) into a new SQLite state. */
import fs from 'node:fs';
import { ConfigError } from '../../errors.js';
import type { Durability } from '../../files/journal-file.js';
import { readFileState } from '../file-store.js';
import type { PostRecord } from '../types.js';
import { sqliteStateStore } from './store.js';

/** What was copied. */
export interface MigrationResult {
  readonly checkpoints: number;
  readonly posts: number;
  readonly identities: number;
  readonly deadLetters: number;
}

/** Rows a transaction. */
const CHUNK = 5_000;

function* chunks<T>(items: Iterable<T>): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length >= CHUNK) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Copies the file state at `from` into a SQLite state at `to`, which must not exist yet. Records,
 * identities and dead letters (oldest first) go first, the checkpoints last, so a copy cut short
 * holds no checkpoint that claims more than it has (delete it and run again). `from` is only read.
 */
export async function migrateFileStateToSqlite(from: string, to: string, options: { durability?: Durability } = {}): Promise<MigrationResult> {
  if (!fs.existsSync(from)) throw new ConfigError(`--migrate-state: no state file at ${from}`, { field: '--migrate-state' });
  if (fs.existsSync(to)) throw new ConfigError(`--migrate-state: ${to} exists already; the copy goes into a new file`, { field: '--migrate-state' });
  const doc = readFileState(from);
  const target = sqliteStateStore({ path: to, ...(options.durability === undefined ? {} : { durability: options.durability }) });
  try {
    const stream = 'migrate-state';
    for (const posts of chunks<PostRecord>(doc.posts.values())) await target.commit({ stream, posts, identities: [], deadLetters: [] });
    for (const identities of chunks(doc.identities.values())) await target.commit({ stream, posts: [], identities, deadLetters: [] });
    for (const deadLetters of chunks(doc.deadLetters.values())) await target.commit({ stream, posts: [], identities: [], deadLetters });
    for (const rows of chunks(doc.suggestions)) await target.addSuggestions?.(rows);
    for (const [name, checkpoint] of doc.checkpoints) await target.commit({ stream: name, checkpoint, posts: [], identities: [], deadLetters: [] });
  } finally {
    await target.close();
  }
  return { checkpoints: doc.checkpoints.size, posts: doc.posts.size, identities: doc.identities.size, deadLetters: doc.deadLetters.size };
}
