import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { directCallContext as ctx } from '../../../src/adapters/types.js';
import { ConfigError } from '../../../src/errors.js';
import { lockPathOf } from '../../../src/files/file-lock.js';
import { journalPathOf } from '../../../src/files/journal-file.js';
import { contact, kase, plan } from './plan-builders.js';
import { forgetLocksHeldHere } from '../../../src/files/file-lock.js';

let dir: string;
let path: string;
let seedPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-seed-'));
  path = join(dir, 'data', 'crm.json');
  seedPath = join(dir, 'seed.json');
  writeFileSync(
    seedPath,
    JSON.stringify({
      contacts: [{ id: '003S00000000001', lastName: 'Seeded', handles: [{ provider: 'twitter', handle: 'seeded' }] }],
      cases: [],
      comments: [],
    }),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lastNames = (crm: ReturnType<typeof localCrmAdapter>): string[] => crm.snapshot().contacts.map((c) => c.lastName);
const somePlan = plan({ contacts: [contact('42', 'Alice')], cases: [kase('1001', { externalKey: 'twitter:42' })] });

describe('local CRM seed', () => {
  it('starts an empty path from the seed and writes it at once; later opens ignore the seed', async () => {
    const crm = localCrmAdapter({ path, seed: seedPath });
    expect(crm.seeded).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ seq: 0, contacts: [{ id: '003S00000000001' }] });
    await crm.apply(somePlan, ctx);
    await crm.close();
    const again = localCrmAdapter({ path, seed: seedPath });
    expect(again.seeded).toBe(false);
    expect(lastNames(again)).toEqual(['Seeded', 'Last42']);
    await again.close();
  });

  it('never seeds over an existing file or a journal left without its file', async () => {
    const crm = localCrmAdapter({ path });
    await crm.apply(somePlan, ctx);
    await crm.close();
    const existing = localCrmAdapter({ path, seed: seedPath });
    expect(existing.seeded).toBe(false);
    expect(lastNames(existing)).toEqual(['Last42']);
    await existing.close();

    const other = join(dir, 'other', 'crm.json');
    mkdirSync(join(dir, 'other'));
    const first = localCrmAdapter({ path: other, compactBytes: 1e12 });
    await first.apply(somePlan, ctx);
    // "crash": the journal holds the plan, the file was never written
    rmSync(lockPathOf(other));
    forgetLocksHeldHere();
    rmSync(other); // the file is gone (deleted by hand, or never written by an older version): only the journal is left
    expect(existsSync(other)).toBe(false);
    expect(readFileSync(journalPathOf(other), 'utf8')).not.toBe('');
    const reopened = localCrmAdapter({ path: other, seed: seedPath });
    expect(reopened.seeded).toBe(false);
    expect(lastNames(reopened)).toEqual(['Last42']);
    await reopened.close();
  });

  it('reads the seed in read-only mode and writes nothing', async () => {
    const crm = localCrmAdapter({ path, seed: seedPath, readOnly: true });
    expect(crm.seeded).toBe(true);
    expect(lastNames(crm)).toEqual(['Seeded']);
    await crm.close();
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('names the seed when it is missing or invalid, and leaves no lock behind', () => {
    expect(() => localCrmAdapter({ path, seed: join(dir, 'missing.json') })).toThrow(/crm\.seed: cannot read .*missing\.json: no such file/);
    writeFileSync(seedPath, '{"contacts": [{"id": 5}]}');
    expect(() => localCrmAdapter({ path, seed: seedPath })).toThrow(ConfigError);
    expect(() => localCrmAdapter({ path, seed: seedPath })).toThrow(seedPath);
    expect(existsSync(lockPathOf(path))).toBe(false);
    expect(existsSync(path)).toBe(false);
  });
});
