/**
 * The SQLite state store: checkpoints, post records, the identity cache and dead letters in one
 * SQLite file (WAL mode), read and written by key, so memory stays flat however long the history.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, ConnectorError } from '../../errors.js';
import { ensureDir } from '../../files/ensure-dir.js';
import type { Durability } from '../../files/journal-file.js';
import type { DeadLetterQuery, IdentityRecord, NameSuggestionRecord, PostRecord, StateCommit, StateStore, StoredDeadLetter } from '../types.js';
import { acquireSqliteLock, LockHolderSchema, thisHolder, type LockHolder, type SqliteLock } from './lock.js';
import { deadLetterFromRow, identityFromRow, postFromRow, type DeadLetterRow, type IdentityRow } from './rows.js';
import { ensureSchema } from './schema.js';
import { prepareStatements, type Statements } from './statements.js';

/** Options of {@link sqliteStateStore}. */
export interface SqliteStateStoreOptions {
  /** The state file, e.g. `.data/state.db` (beside it: `-wal`, `-shm` and the writer's `-lock`). Parent directories are created. */
  readonly path: string;
  /** `fsync` (default): each commit is on disk before it returns (`synchronous = FULL`). `flush`: survives a crash of the process, not of the machine (`NORMAL`). */
  readonly durability?: Durability;
  /** Read the state and never write it (dry runs, listings next to a running sync): no lock, `commit` throws. */
  readonly readOnly?: boolean;
  /** The config key naming the file, for the `details.field` of lock errors (the message names the path). Default: the path. */
  readonly configKey?: string;
}

/** Page cache of the writer, KiB. */
const CACHE_KIB = 4_096;
/** WAL pages (4 KiB) after which a commit copies the WAL back into the file. */
const WAL_CHECKPOINT_PAGES = 4_000;

/** The SQLite error codes that mean the path is wrong (a setting to fix), not that the disk failed. */
const PATH_CODES: Readonly<Record<string, string>> = {
  SQLITE_CANTOPEN: 'cannot open the file (a folder? no permission?)',
  SQLITE_NOTADB: 'it is not a SQLite state file',
  SQLITE_READONLY: 'the file or its folder is read-only',
  SQLITE_PERM: 'permission denied',
};

/** Runs `open`; an error caused by the path becomes a {@link ConfigError} naming it. */
function opening<T>(path: string, open: () => T): T {
  try {
    return open();
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code;
    const why = typeof code === 'string' ? PATH_CODES[code] : undefined;
    if (error instanceof ConnectorError || why === undefined) throw error;
    throw new ConfigError(`State file ${path}: ${why} (${String(code)})`, { field: 'state.path' }, error);
  }
}

/** The recorded lock holder of the file at `path`, read through a separate read-only connection. */
function holderOf(path: string): LockHolder | undefined {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true, timeout: 1000 });
    try {
      const row = db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'holder'").get();
      const parsed = row === undefined ? undefined : LockHolderSchema.safeParse(JSON.parse(row.value));
      return parsed?.success === true ? parsed.data : undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined;
  }
}

/**
 * Throws the {@link ConfigError} opening `path` for writing would (a live writer holds it, naming
 * it), without keeping anything: lets a job check all its files before writing any.
 */
export function assertSqliteStateFree(path: string, options: { readonly configKey?: string } = {}): void {
  const full = nodePath.resolve(path);
  const folder = fs.statSync(nodePath.dirname(full), { throwIfNoEntry: false });
  if (folder?.isDirectory() !== true) return; // nobody can hold a file there (opening it will say why)
  opening(full, () => acquireSqliteLock(full, () => holderOf(full), options.configKey ?? full)).release();
}

/** Opens the database of `options` (a read-only view of a missing file is an empty state in memory). */
function openDatabase(options: SqliteStateStoreOptions, path: string): { db: Database.Database; lock?: SqliteLock } {
  if (options.readOnly === true) {
    if (!fs.existsSync(path)) {
      const db = new Database(':memory:');
      ensureSchema(db, path);
      return { db };
    }
    return { db: opening(path, () => new Database(path, { readonly: true, fileMustExist: true })) };
  }
  ensureDir(nodePath.dirname(path), { key: options.configKey ?? path });
  const lock = opening(path, () => acquireSqliteLock(path, () => holderOf(path), options.configKey ?? path));
  try {
    const db = opening(path, () => new Database(path, { timeout: 5000 }));
    try {
      opening(path, () => db.pragma('journal_mode = WAL'));
      db.pragma(`synchronous = ${options.durability === 'flush' ? 'NORMAL' : 'FULL'}`);
      // A bounded page cache (memory stays flat however big the file) and fewer, larger checkpoints:
      // pages written again and again between two (the ends of the indexes) are copied back once.
      db.pragma(`cache_size = -${CACHE_KIB}`);
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      ensureSchema(db, path);
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('holder', ?)").run(JSON.stringify(thisHolder()));
      return { db, lock };
    } catch (error) {
      db.close();
      throw error;
    }
  } catch (error) {
    lock.release();
    throw error;
  }
}

/**
 * A {@link StateStore} in one SQLite file. Each `commit()` is one transaction (checkpoint, post
 * records, identities and dead letters together), so a kill -9 at any moment leaves the last
 * committed batch and nothing half-written. Reads go by key (post id, identity key), so a batch
 * costs what the batch holds, not what the history holds. One writer at a time, with a lock the
 * operating system releases when its process dies; readers (`readOnly`) may run beside it.
 */
export function sqliteStateStore(options: SqliteStateStoreOptions): StateStore {
  const path = nodePath.resolve(options.path);
  const { db, lock } = openDatabase(options, path);
  const readOnly = options.readOnly === true;
  const sql: Statements = prepareStatements(db);
  let closed = false;
  const assertOpen = (): void => {
    if (closed) throw new ConnectorError(`${path} is closed`);
  };
  const assertWritable = (): void => {
    assertOpen();
    if (readOnly) throw new ConnectorError(`${path} is open read-only`);
  };
  // The identities read since the last commit, as stored: the engine commits each batch's authors
  // again, mostly unchanged, and those need no statement at all. Bounded by what one batch reads.
  let readIdentities = new Map<string, IdentityRow>();
  const unchanged = (i: IdentityRecord): boolean => {
    const stored = readIdentities.get(i.key);
    return stored !== undefined && stored.contact_id === i.contactId && stored.handle === i.handle && stored.method === i.method && stored.confidence === i.confidence;
  };
  const write = db.transaction((change: StateCommit, at: string) => sql.commit(change, at, unchanged));
  const remove = db.transaction((ids: readonly string[]) => {
    for (const id of ids) if (/^\d+$/.test(id)) sql.deleteDeadLetter.run(Number(id));
  });

  const addSuggestionRows = db.transaction((rows: readonly NameSuggestionRecord[]) => {
    for (const r of rows) sql.addSuggestion.run(r.identityKey, r.handle, r.contactId, r.similarContactId, r.similarContactName, r.score, r.at);
  });

  return {
    kind: 'sqlite',
    async getCheckpoint(stream) {
      assertOpen();
      return sql.getCheckpoint.get(stream)?.value ?? null;
    },
    async getPosts(postIds) {
      assertOpen();
      const out = new Map<string, PostRecord>();
      if (postIds.length === 0) return out;
      for (const row of sql.getPosts.all(JSON.stringify(postIds))) out.set(row.post_id, postFromRow(row));
      return out;
    },
    async getIdentities(keys) {
      assertOpen();
      const out = new Map<string, IdentityRecord>();
      if (keys.length === 0) return out;
      for (const row of sql.getIdentities.all(JSON.stringify(keys))) {
        out.set(row.key, identityFromRow(row));
        readIdentities.set(row.key, row); // the row itself is never handed out
      }
      return out;
    },
    async commit(change) {
      assertWritable();
      try {
        write.immediate(change, new Date().toISOString());
      } finally {
        readIdentities = new Map();
      }
    },
    async listDeadLetters(query: DeadLetterQuery = {}): Promise<StoredDeadLetter[]> {
      assertOpen();
      const after = query.after === undefined ? 0 : Number(query.after);
      const limit = query.limit ?? -1;
      const rows: DeadLetterRow[] =
        query.code === undefined ? sql.pageDeadLetters.all(after, limit) : sql.pageDeadLettersOfCode.all(query.code, after, limit);
      return rows.map(deadLetterFromRow);
    },
    async removeDeadLetters(ids) {
      assertWritable();
      remove.immediate(ids);
    },
    async dropPostsBefore(at) {
      assertWritable();
      return sql.dropPostsBefore.run(at).changes;
    },
    async addSuggestions(rows) {
      assertWritable();
      addSuggestionRows.immediate(rows);
    },
    async listSuggestions(query = {}) {
      assertOpen();
      const rows = sql.pageSuggestions.all(query.after === undefined ? 0 : Number(query.after), query.limit ?? -1);
      return rows.map((r) => ({ id: String(r.id), identityKey: r.identity_key, handle: r.handle, contactId: r.contact_id, similarContactId: r.similar_contact_id, similarContactName: r.similar_contact_name, score: r.score, at: r.at }));
    },
    async idle() {
      if (!closed && !readOnly) db.pragma('wal_checkpoint(PASSIVE)');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (!readOnly) sql.clearHolder.run();
        db.close(); // the last connection checkpoints the WAL into the file and removes it
      } finally {
        lock?.release();
      }
    },
  };
}
