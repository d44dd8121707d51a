import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { ensureDir } from '../../src/files/ensure-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(ROOT, 'tests/files/open-under-proc.ts');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ensure-dir-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureDir', () => {
  it('creates a folder and its missing parents; an existing folder is fine', () => {
    const folder = join(dir, 'a', 'b', 'c');
    ensureDir(folder);
    expect(statSync(folder).isDirectory()).toBe(true);
    expect(() => ensureDir(folder)).not.toThrow();
    expect(() => ensureDir(dir)).not.toThrow();
  });

  it('a file in the way is a ConfigError naming the key and the folder', () => {
    writeFileSync(join(dir, 'notes.txt'), 'x');
    const attempt = (): void => ensureDir(join(dir, 'notes.txt', 'state'), { key: 'state.path' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(`the folder ${join(dir, 'notes.txt', 'state')} cannot be created (ENOTDIR)`);
    try {
      attempt();
    } catch (error) {
      expect((error as ConfigError).details.field).toBe('state.path');
    }
    expect(() => ensureDir(join(dir, 'notes.txt'))).toThrow(`the folder ${join(dir, 'notes.txt')} cannot be created (ENOTDIR, a file is in the way)`);
  });
});

/**
 * Opens `path` with one library entry point in a child process, killed after 15 s: Node's recursive
 * mkdir spun forever under /proc (and SIGTERM did not stop it), so the old code fails here by timeout.
 */
function openInChild(path: string, kind: string): { threw: boolean; name?: string; message?: string; field?: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', CHILD, path, kind], { cwd: ROOT, encoding: 'utf8', timeout: 15_000, killSignal: 'SIGKILL' });
  expect(run.signal, `${kind} did not return (killed after 15 s): ${run.stderr}`).toBeNull();
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { threw: boolean; name?: string; message?: string; field?: string };
}

describe.skipIf(process.platform !== 'linux')('a product folder the kernel will not create (under /proc)', () => {
  const folder = '/proc/scc-no-such-folder';
  it.each([
    ['ensureDir', folder, 'state.path'],
    ['sqlite', `${folder}/state.db`, 'state.path'],
    ['file', `${folder}/state.json`, `${folder}/state.json`],
    ['local', `${folder}/crm.json`, 'crm.path'],
    ['token', `${folder}/x-tokens.json`, 'source.auth.tokenFile'],
    ['salesforceToken', `${folder}/salesforce-tokens.json`, 'crm.tokenFile'],
  ])('%s returns a ConfigError naming the folder and ENOENT instead of hanging', (kind, path, field) => {
    const result = openInChild(path, kind);
    expect(result).toEqual({ threw: true, name: 'ConfigError', message: `the folder ${folder} cannot be created (ENOENT)`, field });
  }, 20_000);
});
