import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { ConfigError } from '../../src/errors.js';
import { acquireFileLock, assertNotLocked, lockPathOf } from '../../src/files/file-lock.js';
import { fileStateStore } from '../../src/state/index.js';
import { assertSqliteStateFree, sqliteStateStore } from '../../src/state/sqlite/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lock-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The ConfigError `attempt` throws (fails the test when it throws nothing else). */
function configErrorOf(attempt: () => unknown): ConfigError {
  try {
    attempt();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

/** A lock file owned by this test's parent process (alive, on this host). */
const heldByParent = (path: string): void =>
  writeFileSync(lockPathOf(path), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-11-23T10:00:00.000Z' }));

describe('lock refusals name the config key in details.field and the path in the message', () => {
  it('a file held by another process: the key the caller passes, else the path', () => {
    const path = join(dir, 'crm.json');
    heldByParent(path);
    for (const attempt of [() => acquireFileLock(path, { key: 'crm.path' }), () => assertNotLocked(path, { key: 'crm.path' })]) {
      const error = configErrorOf(attempt);
      expect(error.details.field).toBe('crm.path');
      expect(error.message).toContain(`${path} is in use by another process (pid ${process.ppid}`);
    }
    expect(configErrorOf(() => acquireFileLock(path)).details.field).toBe(path);
  });

  it('a local CRM or file state opened twice in this process', async () => {
    const crm = join(dir, 'crm.json');
    const state = join(dir, 'state.json');
    const openCrm = localCrmAdapter({ path: crm, configKey: 'crm.path' });
    const openState = fileStateStore({ path: state, configKey: 'state.path' });
    try {
      const crmError = configErrorOf(() => localCrmAdapter({ path: crm, configKey: 'crm.path' }));
      expect(crmError.details.field).toBe('crm.path');
      expect(crmError.message).toContain(`${crm} is already open in this process`);
      const stateError = configErrorOf(() => fileStateStore({ path: state, configKey: 'state.path' }));
      expect(stateError.details.field).toBe('state.path');
      expect(stateError.message).toContain(`${state} is already open in this process`);
    } finally {
      await openCrm.close?.();
      await openState.close();
    }
  });

  it('a SQLite state opened twice in this process (open and the check before it)', async () => {
    const path = join(dir, 'state.db');
    const open = sqliteStateStore({ path, durability: 'flush', configKey: 'state.path' });
    try {
      for (const attempt of [() => sqliteStateStore({ path, configKey: 'state.path' }), () => assertSqliteStateFree(path, { configKey: 'state.path' })]) {
        const error = configErrorOf(attempt);
        expect(error.details.field).toBe('state.path');
        expect(error.message).toContain(`${path} is already open in this process`);
      }
      expect(configErrorOf(() => sqliteStateStore({ path })).details.field).toBe(path);
    } finally {
      await open.close();
    }
  });
});
