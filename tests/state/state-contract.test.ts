import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { fileStateStore, memoryStateStore } from '../../src/state/index.js';
import { sqliteStateStore } from '../../src/state/sqlite/index.js';
import { describeStateStoreContract } from '../../src/testing/index.js';

const root = mkdtempSync(join(tmpdir(), 'state-contract-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const writer = fileURLToPath(new URL('../fixtures/state-writer.ts', import.meta.url));

/** A fresh folder per test; `path()` is the store's file in it. */
function freshFolder(file: string): { reset: () => void; path: () => string } {
  let dir = '';
  return {
    reset: () => {
      dir = mkdtempSync(join(root, 'case-'));
    },
    path: () => join(dir, file),
  };
}

describeStateStoreContract('memory', { open: () => memoryStateStore(), persistent: false });

const file = freshFolder('state.json');
describeStateStoreContract('file', {
  reset: file.reset,
  open: () => fileStateStore({ path: file.path(), durability: 'flush' }),
  persistent: true,
  crashWriter: () => [process.execPath, '--import', 'tsx', writer, 'file', file.path()],
});

const sqlite = freshFolder('state.db');
describeStateStoreContract('sqlite', {
  reset: sqlite.reset,
  open: () => sqliteStateStore({ path: sqlite.path(), durability: 'flush' }),
  persistent: true,
  crashWriter: () => [process.execPath, '--import', 'tsx', writer, 'sqlite', sqlite.path()],
});
