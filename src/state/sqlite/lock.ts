/**
 * One writer per SQLite state file, held with SQLite's own file locking so the operating system
 * releases it the moment its holder dies (kill -9, a crash, a zombie not yet reaped): a lock
 * connection to `path + '-lock'` (an empty SQLite file) keeps `BEGIN EXCLUSIVE` open for the
 * writer's lifetime. Nothing has to be cleaned up after a crash. The holder's pid, host and start
 * time are written into the state file itself, so a refused second writer can say who holds it.
 */
import os from 'node:os';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';

/** Path of the lock file of a SQLite state file. */
export const sqliteLockPathOf = (path: string): string => `${path}-lock`;

/** Who holds the write lock, as stored in the state file's `meta` table under `holder`. */
export const LockHolderSchema = z.object({ pid: z.number().int(), host: z.string(), since: z.string() });
/** The holder of a state file's write lock. */
export type LockHolder = z.infer<typeof LockHolderSchema>;

/** A held write lock. */
export interface SqliteLock {
  /** Releases the lock (closes the lock connection). Safe to call twice. */
  release(): void;
}

const isBusy = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
};

/**
 * Takes the write lock of `path`, or throws a {@link ConfigError} naming the holder (read with
 * `readHolder`, which may be absent while the holder is still starting).
 */
export function acquireSqliteLock(path: string, readHolder: () => LockHolder | undefined): SqliteLock {
  const lockDb = new Database(sqliteLockPathOf(path), { timeout: 0 });
  try {
    lockDb.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    lockDb.close();
    if (!isBusy(error)) throw error;
    const holder = readHolder();
    if (holder?.pid === process.pid && holder.host === os.hostname()) {
      throw new ConfigError(`${path} is already open in this process (each state file can be opened once; close it first)`, { field: path });
    }
    const who = holder === undefined ? 'another process (starting up)' : `another process (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
    throw new ConfigError(`${path} is in use by ${who}. Run one sync per state file; the lock ends with its process.`, { field: path });
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      lockDb.close(); // ends the transaction and with it the lock
    },
  };
}

/** This process as a lock holder. */
export const thisHolder = (): LockHolder => ({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() });
