/**
 * One writer per file: a lock file beside the data file (`path + '.lock'`) holding the owner's pid
 * and host. Two syncs writing one local CRM or state file would each append to the journal from
 * their own view of the document and could create the same Case twice; the second one is refused.
 *
 * A lock left by a process that no longer runs (killed, crashed, `kill -9`) is taken over, so a
 * crash never needs a human to clean up. The holder touches the lock file every
 * {@link FileLockOptions.heartbeatMs}; a lock from another host (a container restarted under a new
 * hostname, a shared volume) cannot have its pid checked, so it is respected while its heartbeat is
 * fresh and taken over once it is older than {@link FileLockOptions.staleAfterMs}.
 *
 * Where `/proc` exists (Linux), a holder that is a zombie (killed, exited, not yet reaped by its
 * parent: in a container whose PID 1 never reaps, forever) counts as gone. The lock also records when its process started, so a pid reused by
 * another process (a container restarted under the same hostname starts its processes with the
 * same small pids) is recognised as a different process and the lock taken over.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { ConfigError } from '../errors.js';

/** A held lock. */
export interface FileLock {
  /** The lock file. */
  readonly path: string;
  /** Deletes the lock file if this process still owns it and stops the heartbeat. Safe to call twice. */
  release(): void;
}

/** Options of {@link acquireFileLock}. */
export interface FileLockOptions {
  /** How often the holder touches the lock file. Default 30 s. */
  readonly heartbeatMs?: number;
  /** A lock from another host whose file was not touched for this long is taken over. Default 5 min. */
  readonly staleAfterMs?: number;
  /** The config key naming the file (e.g. `crm.path`), for a refusal's `details.field`; the message names the path. Default: the path. */
  readonly key?: string;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
const DEFAULT_STALE_AFTER_MS = 5 * 60_000;

/**
 * Lock files this process holds. The lock file alone cannot tell a lock of ours that is still in use
 * from one a previous process with our pid left behind; this set can, so a second open of the same
 * file in this process is refused too. (Process-wide by nature, like the files themselves.)
 */
const HELD_HERE = new Set<string>();

/** What a lock file says about its owner. */
interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
  /** Start time of the process (Linux: clock ticks since boot, from `/proc/<pid>/stat`), when known. */
  readonly started?: string;
}

/**
 * Forgets which lock files this process holds, as a crash would (the lock files stay). For tests
 * that simulate a crash by reopening a file in the same process without closing it first.
 *
 * @internal
 */
export function forgetLocksHeldHere(): void {
  HELD_HERE.clear();
}

/**
 * The absolute path with the symlinks of its nearest existing folder resolved, so two spellings of
 * one file give one lock key (also before the folders below are created).
 */
export function canonicalPath(path: string): string {
  const full = nodePath.resolve(path);
  const rest = [nodePath.basename(full)];
  let folder = nodePath.dirname(full);
  for (;;) {
    try {
      return nodePath.join(fs.realpathSync(folder), ...rest);
    } catch {
      const parent = nodePath.dirname(folder);
      if (parent === folder) return full;
      rest.unshift(nodePath.basename(folder));
      folder = parent;
    }
  }
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
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return undefined; // no lock can be there: the folder is a file (opening will say so)
    if (code === 'ENOENT') return lexists(lockPath) ? UNREADABLE() : undefined; // a dangling symlink is an unreadable lock
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && Number.isSafeInteger(value.pid) && typeof value.host === 'string') {
      const since = typeof value.since === 'string' ? value.since : '?';
      return { pid: value.pid, host: value.host, since, ...(typeof value.started === 'string' ? { started: value.started } : {}) };
    }
  } catch {
    // A torn or foreign lock file: treated as stale below.
  }
  return UNREADABLE();
}

/** The owner of a lock file that cannot be read: nobody, so it is stale. */
const UNREADABLE = (): LockOwner => ({ pid: 0, host: os.hostname(), since: '?' });

/** True when something (a file, or a symlink even if dangling) is at `path`. */
function lexists(path: string): boolean {
  try {
    fs.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * When the process `pid` started, as `/proc/<pid>/stat` gives it (field 22, clock ticks since boot);
 * `undefined` where there is no `/proc` or no such process.
 */
export function processStartTime(pid: number): string | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return startTimeFromStat(stat);
}

/**
 * The state letter of a `/proc/<pid>/stat` line (field 3: `R`, `S`, `Z` …); `undefined` when it is
 * not there.
 */
export function stateFromStat(stat: string): string | undefined {
  const close = stat.lastIndexOf(')');
  const state = close < 0 ? undefined : stat.charAt(close + 2);
  return state === undefined || state === '' ? undefined : state;
}

/**
 * True when `/proc` shows `pid` as a zombie (`Z`: it has exited and only waits to be reaped, maybe
 * forever where PID 1 never reaps) or dead (`X`). Such a process holds nothing any more.
 */
export function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stateFromStat(stat);
  return state === 'Z' || state === 'X';
}

/** Field 22 (`starttime`) of a `/proc/<pid>/stat` line; `undefined` when it is not there. */
export function startTimeFromStat(stat: string): string | undefined {
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so count fields after the last ')'.
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const started = stat.slice(close + 2).split(' ')[19];
  return started !== undefined && /^\d+$/.test(started) ? started : undefined;
}

/**
 * True when the lock's process runs on this machine: its pid is alive and not a zombie (a killed
 * holder not yet reaped has exited: a restart right after a crash proceeds), and, when the lock
 * recorded a start time that `/proc` can confirm, it is the same process (not another one that got
 * the pid). A pid of ours counts as not running (a lock this process left behind).
 */
function isRunning(owner: LockOwner): boolean {
  const { pid } = owner;
  if (pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (isZombie(pid)) return false;
  if (owner.started === undefined) return true;
  const started = processStartTime(pid);
  return started === undefined || started === owner.started;
}

/**
 * Creates the lock file if there is none; true on success. The owner is written to a private temp
 * file first and hard-linked into place, so the lock file never exists without its content (another
 * process reading it half-written would take it for a stale, unreadable lock).
 */
function tryCreate(lockPath: string): boolean {
  const started = processStartTime(process.pid);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), ...(started === undefined ? {} : { started }) };
  const tmp = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(owner)}\n`, { flag: 'wx' });
    fs.linkSync(tmp, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createInPlace(lockPath, owner); // no hard links here
    throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Removes temp files of {@link tryCreate} that a killed process left beside the lock. */
function removeLeftoverTemps(lockPath: string): void {
  const folder = nodePath.dirname(lockPath);
  const prefix = `${nodePath.basename(lockPath)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isSafeInteger(pid) || pid === process.pid) continue;
    if (!isRunning({ pid, host: os.hostname(), since: '?' })) fs.rmSync(nodePath.join(folder, name), { force: true });
  }
}

/** {@link tryCreate} where hard links are not supported: exclusive create, then write. */
function createInPlace(lockPath: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    fs.writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock of `path` for this process, or throws a {@link ConfigError} naming the process that
 * holds it. Taken over: a lock whose owner no longer runs on this host (or one this process left
 * behind, or whose pid now belongs to a process that started at another time), and a lock from
 * another host silent for longer than `staleAfterMs`.
 */
export function acquireFileLock(path: string, options: FileLockOptions = {}): FileLock {
  const lockPath = lockPathOf(canonicalPath(path));
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const key = options.key ?? path;
  if (HELD_HERE.has(lockPath)) refuseIfHeld(path, key, lockPath, staleAfterMs);
  removeLeftoverTemps(lockPath);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(lockPath)) return heldLock(lockPath, options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS);
    const seen = identityOf(lockPath);
    const held = readOwnerIfHeld(lockPath, staleAfterMs);
    if (!held.exists) continue; // released in between: try again (never delete a lock someone may just have taken)
    refuseIfHeld(path, key, lockPath, staleAfterMs, held); // a live owner: refused
    // Stale: remove it, unless another process replaced it meanwhile (then look again).
    if (seen !== undefined && identityOf(lockPath) === seen) fs.rmSync(lockPath, { force: true });
  }
  throw new ConfigError(`${path}: could not take the lock ${lockPath}; another process keeps taking it`, { field: key });
}

/**
 * Throws the {@link ConfigError} {@link acquireFileLock} would when `path` is held by this process or
 * a live one, without taking or touching anything: lets a job check all its files before writing any.
 */
export function assertNotLocked(path: string, options: Pick<FileLockOptions, 'staleAfterMs' | 'key'> = {}): void {
  refuseIfHeld(path, options.key ?? path, lockPathOf(canonicalPath(path)), options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
}

/** The lock file's owner, when the file exists, and whether that owner still holds it. */
function readOwnerIfHeld(lockPath: string, staleAfterMs: number): { exists: boolean; owner?: LockOwner; silentMs?: number; alive?: boolean } {
  const owner = readOwner(lockPath);
  if (owner === undefined) return { exists: false };
  const silentMs = msSinceTouched(lockPath);
  if (silentMs === undefined) return { exists: false };
  const alive = owner.host === os.hostname() ? isRunning(owner) : silentMs < staleAfterMs;
  return { exists: true, owner, silentMs, alive };
}

function refuseIfHeld(path: string, key: string, lockPath: string, staleAfterMs: number, known?: ReturnType<typeof readOwnerIfHeld>): void {
  if (HELD_HERE.has(lockPath)) {
    throw new ConfigError(`${path} is already open in this process (each CRM or state file can be opened once; close it first)`, { field: key });
  }
  const held = known ?? readOwnerIfHeld(lockPath, staleAfterMs);
  if (held.alive === true && held.owner !== undefined && held.silentMs !== undefined) {
    const { owner, silentMs } = held;
    throw new ConfigError(
      `${path} is in use by another process (pid ${owner.pid} on ${owner.host}, since ${owner.since}, ` +
        `last seen ${Math.round(silentMs / 1000)} s ago). Run one sync per file; if no sync is running, delete ${lockPath}.`,
      { field: key },
    );
  }
}

/** Which file is at `path` now (inode and change time), to notice it being replaced; `undefined`: none. */
function identityOf(path: string): string | undefined {
  try {
    const st = fs.lstatSync(path);
    return `${st.dev}:${st.ino}:${st.ctimeMs}`;
  } catch {
    return undefined;
  }
}

/** Milliseconds since the lock file was last touched (`undefined`: it is gone). */
function msSinceTouched(lockPath: string): number | undefined {
  try {
    return Math.max(0, Date.now() - fs.lstatSync(lockPath).mtimeMs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function heldLock(lockPath: string, heartbeatMs: number): FileLock {
  let held = true;
  HELD_HERE.add(lockPath);
  const heartbeat = setInterval(() => {
    try {
      const now = new Date();
      fs.utimesSync(lockPath, now, now);
    } catch {
      // Gone or unwritable: the next holder's checks decide; the data files are not affected.
    }
  }, heartbeatMs);
  heartbeat.unref(); // never keeps the process alive
  return {
    path: lockPath,
    release() {
      if (!held) return;
      held = false;
      HELD_HERE.delete(lockPath);
      clearInterval(heartbeat);
      const owner = readOwner(lockPath);
      if (owner?.pid === process.pid && owner.host === os.hostname()) fs.rmSync(lockPath, { force: true });
    },
  };
}
