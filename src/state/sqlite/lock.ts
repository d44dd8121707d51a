/**
 * One writer per SQLite state file, held with SQLite's own file locking so the operating system
 * releases it when its holder dies (kill -9, a crash, a zombie not yet reaped): a lock
 * connection to `path + '-lock'` (an empty SQLite file) keeps `BEGIN EXCLUSIVE` open for the
 * writer's lifetime. Nothing has to be cleaned up after a crash. The holder's pid, host and start
 * time are written into the state file itself, so a refused second writer can say who holds it.
 */
import os from 'node:os';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { isZombie } from '../../files/file-lock.js';

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

/** How long an open waits for the operating system to release the lock of a holder that has died (ms). */
export const DEAD_HOLDER_WAIT_MS = 5_000;
/** How long it waits when the recorded holder still looks alive (it may be dying: kill -9 just sent), ms. */
export const LIVE_HOLDER_WAIT_MS = 500;
/** Busy timeout of one attempt while waiting, ms (the holder is looked at again between attempts). */
const ATTEMPT_MS = 100;

/**
 * True when `holder` ran on this machine and has exited: its pid is gone, or `/proc` shows it as a
 * zombie (`Z`/`X`). Such a holder still owns its lock for a moment after it shows `Z`: the kernel
 * marks the main thread a zombie while the process's other threads (libuv's, V8's) are still
 * exiting, and the file descriptors, with their locks, close only when the last thread is gone.
 */
export function holderHasExited(holder: LockHolder): boolean {
  if (holder.host !== os.hostname() || holder.pid <= 0 || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  return isZombie(holder.pid);
}

/** Tries `BEGIN EXCLUSIVE` waiting up to `ms` for a busy lock; false when still busy. */
function tryExclusive(lockDb: Database.Database, ms: number): boolean {
  lockDb.pragma(`busy_timeout = ${ms}`);
  try {
    lockDb.exec('BEGIN EXCLUSIVE');
    return true;
  } catch (error) {
    if (isBusy(error)) return false;
    throw error;
  }
}

/**
 * Takes the write lock of `path`, or throws a {@link ConfigError} naming the holder (read with
 * `readHolder`, which may be absent while the holder is still starting). A busy lock is waited for
 * a short, bounded time: up to {@link DEAD_HOLDER_WAIT_MS} while the recorded holder has exited (the
 * kernel is still closing its files: a restart right after kill -9 proceeds), up to
 * {@link LIVE_HOLDER_WAIT_MS} otherwise. The open is synchronous, so the wait blocks the caller.
 * `key`: the config key naming the file (e.g. `state.path`) for the refusal's `details.field`.
 */
export function acquireSqliteLock(path: string, readHolder: () => LockHolder | undefined, key: string = path): SqliteLock {
  const lockDb = new Database(sqliteLockPathOf(path), { timeout: 0 });
  try {
    const started = Date.now();
    let holder: LockHolder | undefined;
    let exited = false;
    for (let first = true; ; first = false) {
      if (tryExclusive(lockDb, first ? 0 : ATTEMPT_MS)) break;
      holder = readHolder();
      if (holder?.pid === process.pid && holder.host === os.hostname()) {
        throw new ConfigError(`${path} is already open in this process (each state file can be opened once; close it first)`, { field: key });
      }
      exited = holder !== undefined && holderHasExited(holder);
      if (Date.now() - started >= (exited ? DEAD_HOLDER_WAIT_MS : LIVE_HOLDER_WAIT_MS)) break;
    }
    if (!lockDb.inTransaction) {
      const who =
        holder === undefined
          ? 'another process (starting up)'
          : exited
            ? `another process (starting up; the recorded holder, pid ${holder.pid} on ${holder.host}, has exited)`
            : `another process (pid ${holder.pid} on ${holder.host}, since ${holder.since})`;
      throw new ConfigError(`${path} is in use by ${who}. Run one sync per state file; the lock ends with its process.`, { field: key });
    }
  } catch (error) {
    lockDb.close();
    throw error;
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
