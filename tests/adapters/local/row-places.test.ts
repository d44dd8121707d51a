import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { serializeChange } from '../../../src/adapters/local/row-places.js';
import { directCallContext as ctx } from '../../../src/adapters/types.js';
import { writeSnapshotJson } from '../../../src/files/snapshot-json.js';
import { contact, kase, plan } from './plan-builders.js';

const NOW = '2024-05-02T00:00:00.000Z';
const now = (): Date => new Date(NOW);
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-places-'));
  path = join(dir, 'crm.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const row = fc.record({ id: fc.string({ minLength: 1 }), text: fc.string({ unit: 'binary' }), n: fc.integer(), flag: fc.boolean(), list: fc.array(fc.string({ unit: 'grapheme' })) });

/** What the plain writer makes of a file's parsed content. */
function plainly(text: string): string {
  const out = join(dir, 'plain.json');
  const fd = openSync(out, 'w');
  writeSnapshotJson(fd, JSON.parse(text) as Record<string, unknown>);
  closeSync(fd);
  return readFileSync(out, 'utf8');
}

describe('serializeChange', () => {
  it('gives the bytes of JSON.stringify(change), and each row at its offset (property)', () => {
    fc.assert(
      fc.property(fc.array(row), fc.array(row), fc.array(row), (contacts, cases, comments) => {
        const change = { contacts, cases, comments };
        const s = serializeChange(change);
        expect(Buffer.from(s.json).toString('utf8')).toBe(JSON.stringify(change));
        for (const kind of ['contacts', 'cases', 'comments'] as const) {
          change[kind].forEach((r, i) => {
            const at = s.offsets[kind][i] ?? -1;
            expect(Buffer.from(s.json.subarray(at, at + (s.bytes[kind][i] ?? 0))).toString('utf8')).toBe(JSON.stringify(r));
          });
        }
      }),
    );
  });
});

describe('rewriting the local CRM file from the bytes already on disk', () => {
  it('writes the same file when rows sit in the old file, in the journal or nowhere, with multi-byte text and replaced rows', async () => {
    const crm = localCrmAdapter({ path, now, compactBytes: 1 });
    for (let n = 1; n <= 30; n += 1) {
      const text = `Ünïcode 😡 ${'x'.repeat(n % 10)} "quoted" \\ ${n}`; // under the 40 characters of firstName
      const contacts = [contact(`u${n % 7}`, `Handle${n}`, { firstName: text })];
      await crm.apply(plan({ contacts, cases: [kase(`p${n}`, { externalKey: `twitter:u${n % 7}` }, { subject: text })] }), ctx);
    }
    await crm.close();
    const text = readFileSync(path, 'utf8');
    expect(plainly(text)).toBe(text);
    const doc = JSON.parse(text) as { cases: unknown[]; contacts: unknown[] };
    expect(doc.cases).toHaveLength(30);
    expect(doc.contacts).toHaveLength(7);
  });

  it('copies rows instead of serializing them again: a rewrite stringifies no row already on disk', async () => {
    const crm = localCrmAdapter({ path, now, idleWriteMs: 0 });
    for (let n = 1; n <= 20; n += 1) {
      await crm.apply(plan({ contacts: [contact(`${n}`, `H${n}`)], cases: [kase(`p${n}`, { externalKey: `twitter:${n}` })] }), ctx);
    }
    await crm.idle?.(); // rows from the journal into the file
    await crm.apply(plan({ contacts: [contact('21', 'H21')], cases: [kase('p21', { externalKey: 'twitter:21' })] }), ctx);
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await crm.close(); // 40 rows from the old file, 2 from the journal
      const rowsStringified = stringify.mock.calls.filter(([value]) => typeof value === 'object' && value !== null && 'id' in value);
      expect(rowsStringified).toHaveLength(0);
    } finally {
      stringify.mockRestore();
    }
    const text = readFileSync(path, 'utf8');
    expect(plainly(text)).toBe(text);
    expect((JSON.parse(text) as { cases: unknown[] }).cases).toHaveLength(21);
  });

  it('serializes rows instead of copying when the file was changed behind its back', async () => {
    const crm = localCrmAdapter({ path, now, idleWriteMs: 0 });
    await crm.apply(plan({ contacts: [contact('1', 'One')], cases: [kase('a', { externalKey: 'twitter:1' })] }), ctx);
    await crm.idle?.();
    // Someone rewrites the file (another layout, same content) while the CRM has it open.
    const before = readFileSync(path, 'utf8');
    writeFileSync(path, `${JSON.stringify(JSON.parse(before))}\n`);
    await crm.apply(plan({ contacts: [contact('2', 'Two')], cases: [kase('b', { externalKey: 'twitter:2' })] }), ctx);
    await crm.close();
    const after = readFileSync(path, 'utf8');
    expect(plainly(after)).toBe(after);
    expect((JSON.parse(after) as { cases: unknown[] }).cases).toHaveLength(2);
    expect(statSync(path).size).toBeGreaterThan(0);
  });
});
