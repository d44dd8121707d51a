/**
 * One writer per file: a lock file beside the data file (`path + '.lock'`) holding the owner's pid
 * and host. Two syncs writing one local CRM or state file would each append to the journal from
 * their own view of the document and could create the same Case twice; the second one is refused.
 *
 * A lock left by a process that no longer runs (killed, crashed, `kill -9`) is taken over, so a
 * crash never needs a human to clean up. A lock from another host cannot be checked and is
 * respected; the message says which file to delete when no sync is running.
 */
import fs from 'node:fs';
import os from 'node:os';
import { ConfigError } from '../errors.js';

/** A held lock. */
export interface FileLock {
  /** The lock file. */
  readonly path: string;
  /** Deletes the lock file if this process still owns it. Safe to call twice. */
  release(): void;
}

/** What a lock file says about its owner. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

/** Path of the lock file that belongs to a data file. */
export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

function readOwner(lockPath: string): LockOwner | undefined {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && Number.isSafeInteger(value.pid) && typeof value.host === 'string') {
      return { pid: value.pid, host: value.host, since: typeof value.since === 'string' ? value.since : '?' };
    }
  } catch {
    // A torn or foreign lock file: treated as stale below.
  }
  return { pid: 0, host: os.hostname(), since: '?' };
}

/** True when a process with this pid runs on this machine (a pid of ours counts as not running). */
function isRunning(pid: number): boolean {
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock file if there is none; true on success. */
function tryCreate(lockPath: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of `path` for this process, or throws a {@link ConfigError} naming the process that
 * holds it. A lock whose owner no longer runs on this host (or one this process left behind) is
 * taken over.
 */
export function acquireFileLock(path: string): FileLock {
  const lockPath = lockPathOf(path);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(lockPath)) return heldLock(lockPath);
    const owner = readOwner(lockPath);
    if (owner === undefined) continue; // released in between: try again
    if (owner.host !== os.hostname() || isRunning(owner.pid)) {
      throw new ConfigError(
        `${path} is in use by another process (pid ${owner.pid} on ${owner.host}, since ${owner.since}). ` +
          `Run one sync per file; if no sync is running, delete ${lockPath}.`,
        { field: path },
      );
    }
    fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
  }
  throw new ConfigError(`${path}: could not take the lock ${lockPath}; another process keeps taking it`, { field: path });
}

function heldLock(lockPath: string): FileLock {
  let held = true;
  return {
    path: lockPath,
    release() {
      if (!held) return;
      held = false;
      const owner = readOwner(lockPath);
      if (owner?.pid === process.pid && owner.host === os.hostname()) fs.rmSync(lockPath, { force: true });
    },
  };
}
