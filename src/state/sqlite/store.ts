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
import { IDENTITY_CACHE_ROWS, IdentityCache } from './identity-cache.js';
import { deadLetterFromRow, identityFromRow, isReadableIdentity, postFromRow, type DeadLetterRow } from './rows.js';
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
  /**
   * Identity rows a writer keeps in memory as the file holds them, so that look-ups and unchanged
   * links need no statement (default {@link IDENTITY_CACHE_ROWS}, each packed into one string of
   * ~250 bytes with its key, more at peak; 0: none).
   * Read-only views keep none.
   */
  readonly identityCacheRows?: number;
}

/** Page cache of the writer, KiB. */
const CACHE_KIB = 4_096;
/**
 * WAL pages (4 KiB) after which a commit copies the WAL back into the file (a WAL of up to ~64 MB
 * between two): a page written again and again in between (the ends of the tables, identity pages
 * whose links change) is copied back once; 16,000 rather than 4,000 cut the commits ~20 % where
 * every batch changes its authors' links (bench/stage-sqlite.ts changed).
 */
const WAL_CHECKPOINT_PAGES = 16_000;

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
  // Identity rows as the file holds them (none for a read-only view: another process may write).
  // Filled on first use from the whole table when it fits, else as rows are read and written.
  const identities = new IdentityCache(readOnly ? 0 : Math.max(0, Math.floor(options.identityCacheRows ?? IDENTITY_CACHE_ROWS)));
  let identitiesLoaded = identities.capacity === 0;
  const loadIdentities = (): void => {
    if (identitiesLoaded) return;
    identitiesLoaded = true;
    const rows: IdentityRecord[] = [];
    let skipped = false;
    for (const row of sql.someIdentities.all(identities.capacity + 1)) {
      try {
        rows.push(identityFromRow(row));
      } catch {
        skipped = true; // a corrupt row is left to the file: reading its key throws, as before
      }
    }
    identities.load(rows, !skipped);
  };
  /** The identities of `change` the file may not hold as given, and what it holds after they are written (undefined: unknown). */
  const identityWrites = (change: StateCommit): { writes: IdentityRecord[]; after: Map<string, IdentityRecord | undefined> } => {
    const writes: IdentityRecord[] = [];
    const after = new Map<string, IdentityRecord | undefined>();
    for (const i of change.identities) {
      const known = after.has(i.key) ? (after.get(i.key) ?? 'unknown') : identities.lookup(i.key);
      if (typeof known === 'object' && known.contactId === i.contactId && known.handle === i.handle && known.method === i.method && known.confidence === i.confidence) continue;
      writes.push(i);
      // Known before (stored or absent): the upsert stores `i` as given. Unknown: it may keep the old row.
      after.set(i.key, known !== 'unknown' && isReadableIdentity(i) ? { key: i.key, contactId: i.contactId, handle: i.handle, method: i.method, confidence: i.confidence, updatedAt: i.updatedAt } : undefined);
    }
    return { writes, after };
  };
  const write = db.transaction((change: StateCommit, at: string, writes: readonly IdentityRecord[]) => sql.commit(change, at, writes));
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
      sql.getPosts(postIds, (row) => {
        out.set(row[0], postFromRow(row));
      });
      return out;
    },
    async getIdentities(keys) {
      assertOpen();
      const out = new Map<string, IdentityRecord>();
      if (keys.length === 0) return out;
      loadIdentities();
      const known = keys.map((key) => identities.lookup(key));
      const misses = keys.filter((_, n) => known[n] === 'unknown');
      const read = new Map<string, IdentityRecord>();
      if (misses.length > 0) {
        sql.getIdentities(misses, (row) => {
          const record = identityFromRow(row);
          read.set(record.key, record);
          identities.remember(record);
        });
      }
      keys.forEach((key, n) => {
        const k = known[n];
        const record = k === 'unknown' ? read.get(key) : k === 'absent' ? undefined : k;
        if (record !== undefined) out.set(key, record);
      });
      return out;
    },
    async commit(change) {
      assertWritable();
      if (change.identities.length > 0) loadIdentities();
      const { writes, after } = identityWrites(change);
      try {
        write.immediate(change, new Date().toISOString(), writes);
      } catch (error) {
        identities.clear(); // rolled back, so the copy still holds; but start over from the file to be sure
        throw error;
      }
      for (const [key, record] of after) {
        if (record === undefined) identities.forget(key);
        else identities.remember(record);
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
