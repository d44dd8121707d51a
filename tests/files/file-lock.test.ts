import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { acquireFileLock, lockPathOf, processStartTime, startTimeFromStat } from '../../src/files/file-lock.js';
import { fileStateStore } from '../../src/state/index.js';
import { localCrmAdapter } from '../../src/adapters/local/index.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-lock-'));
  path = join(dir, 'crm.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const writeLock = (owner: object | string): void =>
  writeFileSync(lockPathOf(path), typeof owner === 'string' ? owner : JSON.stringify(owner));

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 0;
}

describe('acquireFileLock', () => {
  it('writes our pid and host into path.lock and deletes it on release', () => {
    const lock = acquireFileLock(path);
    expect(lock.path).toBe(`${path}.lock`);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });

  it('refuses a file another running process holds, naming the pid and the lock to delete', () => {
    writeLock({ pid: process.ppid, host: hostname(), since: '2026-11-23T10:00:00.000Z' });
    const attempt = () => acquireFileLock(path);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(`is in use by another process (pid ${process.ppid} on ${hostname()}, since 2026-11-23T10:00:00.000Z, last seen`);
    expect(attempt).toThrow(`delete ${path}.lock`);
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it.runIf(processStartTime(process.pid) !== undefined)('records the process start time (Linux) and takes over a pid now used by another process', () => {
    const lock = acquireFileLock(path);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, started: processStartTime(process.pid) });
    lock.release();
    const parentStarted = processStartTime(process.ppid);
    expect(parentStarted).toMatch(/^\d+$/);
    // The same live pid with its own start time: the holder runs, refused.
    writeLock({ pid: process.ppid, host: hostname(), since: 'x', started: parentStarted });
    expect(() => acquireFileLock(path)).toThrow(`is in use by another process (pid ${process.ppid}`);
    // The pid runs, but it is another process than the one that took the lock (pid reused after a restart).
    writeLock({ pid: process.ppid, host: hostname(), since: 'x', started: String(Number(parentStarted) + 1) });
    const taken = acquireFileLock(path);
    expect(JSON.parse(readFileSync(taken.path, 'utf8'))).toMatchObject({ pid: process.pid });
    taken.release();
  });

  it('reads the start time after the last parenthesis of /proc/<pid>/stat (a command name may hold spaces and parentheses)', () => {
    const rest = 'S 1 42 42 0 -1 4194560 100 0 0 0 5 3 0 0 20 0 11 0 123456 1000000 2000';
    expect(startTimeFromStat(`4242 (node) ${rest}`)).toBe('123456');
    expect(startTimeFromStat(`4242 (a b) (c) d) ${rest}`)).toBe('123456');
    expect(startTimeFromStat('4242 (node) S 1')).toBeUndefined();
    expect(startTimeFromStat('garbage')).toBeUndefined();
    expect(processStartTime(-1)).toBeUndefined();
  });

  it('respects a lock from another host while its heartbeat is fresh, and takes it over once stale', () => {
    writeLock({ pid: deadPid(), host: `${hostname()}-elsewhere`, since: 'x' });
    expect(() => acquireFileLock(path)).toThrow(/in use by another process .*last seen 0 s ago/);
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockPathOf(path), tenMinutesAgo, tenMinutesAgo);
    expect(() => acquireFileLock(path, { staleAfterMs: 20 * 60_000 })).toThrow(/last seen 600 s ago/);
    const lock = acquireFileLock(path); // default: stale after 5 minutes
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
  });

  it('touches the lock file while held (heartbeat), and stops when released', async () => {
    const lock = acquireFileLock(path, { heartbeatMs: 20 });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock.path, old, old);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(Date.now() - statSync(lock.path).mtimeMs).toBeLessThan(30_000);
    lock.release();
    writeLock({ pid: process.ppid, host: hostname(), since: 'x' });
    utimesSync(lockPathOf(path), old, old);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(Date.now() - statSync(lockPathOf(path)).mtimeMs).toBeGreaterThan(50_000);
  });

  it('takes over a lock whose process is gone, and one that is unreadable', () => {
    writeLock({ pid: deadPid(), host: hostname(), since: 'x' });
    acquireFileLock(path).release();
    writeLock('{"pid":');
    const lock = acquireFileLock(path);
    expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over once the holder is killed with SIGKILL', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => holder.once('spawn', resolve));
    writeLock({ pid: holder.pid, host: hostname(), since: 'x' });
    expect(() => acquireFileLock(path)).toThrow(/in use/);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    acquireFileLock(path).release();
  });
});

describe('file stores hold the lock while open', () => {
  it('never deletes a lock another process takes while this one looks at the previous one', () => {
    writeLock({ pid: process.ppid, host: hostname(), since: 'A' }); // held by a live process A
    const real = fs.readFileSync;
    let raced = false;
    const spy = vi.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (!raced && file === lockPathOf(path)) {
        raced = true;
        // A releases its lock and, before this process reads it, live process B takes the file.
        rmSync(lockPathOf(path));
        writeFileSync(lockPathOf(path), JSON.stringify({ pid: process.ppid, host: hostname(), since: 'B' }));
        const gone = Object.assign(new Error('ENOENT: gone'), { code: 'ENOENT' });
        throw gone;
      }
      return (real as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync);
    try {
      expect(() => acquireFileLock(path)).toThrow(/in use by another process .*since B/);
      expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ since: 'B' }); // B keeps its lock
    } finally {
      spy.mockRestore();
    }
  });

  it('never deletes a stale lock that another process replaced with its own while this one looked', () => {
    writeLock({ pid: deadPid(), host: hostname(), since: 'dead' });
    const real = fs.lstatSync;
    let calls = 0;
    const spy = vi.spyOn(fs, 'lstatSync').mockImplementation(((file: fs.PathLike, ...rest: unknown[]) => {
      if (file === lockPathOf(path) && (calls += 1) === 2) {
        // Live process A takes the same stale lock over first: a new lock file in its place.
        rmSync(lockPathOf(path));
        writeFileSync(lockPathOf(path), JSON.stringify({ pid: process.ppid, host: hostname(), since: 'A' }));
      }
      return (real as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.lstatSync);
    try {
      expect(() => acquireFileLock(path)).toThrow(/in use by another process .*since A/);
      expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ since: 'A' });
    } finally {
      spy.mockRestore();
    }
  });

  it('takes over a lock that is a dangling symlink', () => {
    symlinkSync(join(dir, 'nowhere'), lockPathOf(path));
    const lock = acquireFileLock(path);
    expect(JSON.parse(readFileSync(lockPathOf(path), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('leaves no temp file behind when writing the lock fails, and clears temps a killed process left', () => {
    const dead = deadPid();
    writeFileSync(`${lockPathOf(path)}.${dead}.abc.tmp`, '{}'); // left by a process killed mid-acquire
    writeFileSync(`${lockPathOf(path)}.${process.ppid}.def.tmp`, '{}'); // a live process is acquiring right now
    const lock = acquireFileLock(path);
    lock.release();
    const temps = (): string[] => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
    expect(temps()).toEqual([`crm.json.lock.${process.ppid}.def.tmp`]);
    const real = fs.writeFileSync;
    const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      (real as (...a: unknown[]) => unknown)(file, ...rest);
      if (String(file).endsWith('.tmp')) throw Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' });
    }) as typeof fs.writeFileSync);
    try {
      expect(() => acquireFileLock(path)).toThrow(/ENOSPC/);
    } finally {
      spy.mockRestore();
    }
    expect(temps()).toEqual([`crm.json.lock.${process.ppid}.def.tmp`]);
  });

  it('refuses the same file opened again through a symlinked folder', async () => {
    const first = localCrmAdapter({ path });
    symlinkSync(dir, `${dir}-link`);
    try {
      expect(() => localCrmAdapter({ path: join(`${dir}-link`, 'crm.json') })).toThrow(/already open in this process/);
    } finally {
      rmSync(`${dir}-link`);
      await first.close();
    }
  });

  it('a second local CRM on the same file is refused until the first closes, in this process or another; read-only opens are not', async () => {
    const first = localCrmAdapter({ path });
    expect(() => localCrmAdapter({ path })).toThrow(/already open in this process/);
    expect(() => fileStateStore({ path: join(dir, '.', 'crm.json') })).toThrow(/already open in this process/);
    expect(() => localCrmAdapter({ path, readOnly: true })).not.toThrow();
    await first.close();
    expect(existsSync(lockPathOf(path))).toBe(false);
    writeLock({ pid: process.ppid, host: hostname(), since: 'x' }); // as if another process held it
    expect(() => localCrmAdapter({ path })).toThrow(/in use by another process/);
  });

  it('releases the lock when opening fails (invalid state file)', () => {
    const statePath = join(dir, 'state.json');
    writeFileSync(statePath, '{"posts": 5}');
    expect(() => fileStateStore({ path: statePath })).toThrow(ConfigError);
    expect(existsSync(lockPathOf(statePath))).toBe(false);
  });
});
