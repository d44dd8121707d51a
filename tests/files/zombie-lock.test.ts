import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock, isZombie, stateFromStat } from '../../src/files/file-lock.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const HOLDER = join(ROOT, 'tests/fixtures/hold-lock.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zombie-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Starts a lock holder whose parent never reaps it (`sh` runs it in the background, then becomes
 * `sleep`), as under a container's PID 1 that does not reap; resolves with its pid and the parent.
 */
function holderWithoutReaper(path: string, kind: 'file' | 'sqlite'): Promise<{ pid: number; parent: number }> {
  const script = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(HOLDER)} ${JSON.stringify(path)} ${kind} & echo "pid $!"; exec sleep 60`;
  const sh = spawn('sh', ['-c', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let out = '';
    sh.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const pid = /pid (\d+)/.exec(out)?.[1];
      if (pid !== undefined && out.includes('held')) done({ pid: Number(pid), parent: sh.pid ?? 0 });
    });
    sh.on('error', fail);
    sh.on('exit', (code) => fail(new Error(`holder ended early (${code}): ${out}`)));
  });
}

async function untilZombie(pid: number): Promise<void> {
  for (let i = 0; i < 1000 && !isZombie(pid); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(isZombie(pid)).toBe(true);
}

describe.runIf(existsSync('/proc/self/stat'))('a lock whose holder was killed but not reaped (a zombie)', () => {
  it('reads the state letter after the last parenthesis of /proc/<pid>/stat', () => {
    expect(stateFromStat('42 (a) b) Z 1 42')).toBe('Z');
    expect(stateFromStat(readFileSync('/proc/self/stat', 'utf8'))).toBe('R');
    expect(stateFromStat('garbage')).toBeUndefined();
  });

  it('file lock: taken over at once, the zombie holds nothing', async () => {
    const path = join(dir, 'crm.json');
    const { pid, parent } = await holderWithoutReaper(path, 'file');
    try {
      expect(() => acquireFileLock(path)).toThrow(`in use by another process (pid ${pid}`);
      process.kill(pid, 'SIGKILL');
      await untilZombie(pid);
      const lock = acquireFileLock(path);
      expect(JSON.parse(readFileSync(lock.path, 'utf8'))).toMatchObject({ pid: process.pid });
      lock.release();
    } finally {
      process.kill(parent, 'SIGKILL');
    }
  }, 30_000);

  it('SQLite state: refused naming the holder while it runs, free the moment it is killed', async () => {
    const path = join(dir, 'state.db');
    const { pid, parent } = await holderWithoutReaper(path, 'sqlite');
    try {
      expect(() => sqliteStateStore({ path })).toThrow(`in use by another process (pid ${pid} on`);
      process.kill(pid, 'SIGKILL');
      await untilZombie(pid);
      // Under a loaded parallel test run the open right after the kill was seen refused now and then
      // (not in 20 immediate restarts of the job, kill9-restart.test.ts): allow the kernel a moment.
      let store: ReturnType<typeof sqliteStateStore> | undefined;
      for (let i = 0; store === undefined; i += 1) {
        try {
          store = sqliteStateStore({ path });
        } catch (error) {
          if (i >= 30) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(await store.getCheckpoint('s')).toBeNull();
      await store.close();
    } finally {
      process.kill(parent, 'SIGKILL');
    }
  }, 30_000);
});
