import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteLockPathOf, sqliteStateStore } from '../../src/state/sqlite/index.js';
import { holderHasExited } from '../../src/state/sqlite/lock.js';

let dir: string;
let path: string;
let child: ChildProcess | undefined;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sqlite-lock-wait-'));
  path = join(dir, 'state.db');
  await sqliteStateStore({ path, durability: 'flush' }).close();
});
afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited and been reaped. */
const deadPid = (): number => {
  const done = spawnSync(process.execPath, ['-e', '']);
  return done.pid ?? 0;
};

const recordHolder = (pid: number): void => {
  const db = new Database(path);
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('holder', ?)").run(JSON.stringify({ pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
  db.close();
};

/**
 * A process that holds the state's lock for `ms` and then exits: as a killed holder whose files the
 * kernel has not closed yet (its main thread already a zombie, the others still exiting).
 */
function holdLockFor(ms: number): Promise<number> {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(sqliteLockPathOf(path))}); db.exec('BEGIN EXCLUSIVE'); console.log('held'); setTimeout(() => process.exit(0), ${ms});`;
  const proc = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  child = proc;
  return new Promise((done, fail) => {
    proc.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('held')) done(proc.pid ?? 0);
    });
    proc.on('error', fail);
  });
}

describe('SQLite state lock while its holder is going away', () => {
  it('a holder that has exited counts as gone; a live one (this test runner, another host) does not', () => {
    expect(holderHasExited({ pid: deadPid(), host: hostname(), since: '' })).toBe(true);
    expect(holderHasExited({ pid: process.ppid, host: hostname(), since: '' })).toBe(false);
    expect(holderHasExited({ pid: deadPid(), host: `not-${hostname()}`, since: '' })).toBe(false);
  });

  it('waits for the operating system to release the lock of a holder that has exited, instead of refusing', async () => {
    recordHolder(deadPid());
    await holdLockFor(800);
    const store = sqliteStateStore({ path, durability: 'flush' });
    expect(await store.getCheckpoint('s')).toBeNull();
    await store.close();
  }, 20_000);

  it('refuses after a short wait when the recorded holder is alive, naming it', async () => {
    const pid = await holdLockFor(10_000);
    recordHolder(pid);
    expect(() => sqliteStateStore({ path, durability: 'flush' })).toThrow(`in use by another process (pid ${pid} on`);
  }, 20_000);

  it('never names a holder that has exited as the one in use', async () => {
    const gone = deadPid();
    recordHolder(gone);
    await holdLockFor(10_000);
    expect(() => sqliteStateStore({ path, durability: 'flush' })).toThrow(`the recorded holder, pid ${gone} on ${hostname()}, has exited`);
  }, 20_000);
});
