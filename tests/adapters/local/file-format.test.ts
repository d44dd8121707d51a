import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { directCallContext as ctx } from '../../../src/adapters/types.js';
import { ConfigError } from '../../../src/errors.js';
import { AT, comment, contact, kase, plan } from './plan-builders.js';
import { forgetLocksHeldHere } from '../../../src/files/file-lock.js';

const NOW = '2024-05-02T00:00:00.000Z';
const now = (): Date => new Date(NOW);
let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'local-crm-'));
  path = join(dir, 'data', 'crm.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const firstPlan = plan({
  contacts: [contact('42', 'Alice', { firstName: 'Alice', email: 'alice@example.com' })],
  cases: [kase('1001', { externalKey: 'twitter:42' })],
  comments: [comment('1002', { externalKey: 'twitter:1001' })],
});

describe('local CRM file', () => {
  it('is written in the ARCHITECTURE.md format, nulls for absent fields', async () => {
    const crm = localCrmAdapter({ path, now });
    await crm.apply(firstPlan, ctx);
    await crm.close();
    const file = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(file).toEqual({
      seq: 1,
      cases: [
        {
          id: '500000000000001',
          caseNumber: '00001001',
          subject: 'Subject 1001',
          description: 'Description 1001',
          status: 'New',
          priority: 'High',
          origin: 'Twitter',
          contactId: '003000000000001',
          parentId: null,
          externalPostId: 'twitter:1001',
          threadKey: 'twitter:1001',
          createdAt: AT,
          closedAt: null,
          updatedAt: NOW,
          custom: {},
        },
      ],
      contacts: [
        {
          id: '003000000000001',
          firstName: 'Alice',
          lastName: 'Last42',
          handles: [{ provider: 'twitter', handle: 'Alice' }],
          socialIds: [{ provider: 'twitter', id: '42' }],
          email: 'alice@example.com',
          followers: null,
          verified: null,
          location: null,
          updatedAt: NOW,
          custom: {},
        },
      ],
      comments: [
        { id: '00a000000000001', caseId: '500000000000001', body: 'Body 1002', externalPostId: 'twitter:1002', outbound: false, createdAt: AT },
      ],
    });
    expect(readFileSync(path, 'utf8')).toContain('\n  "cases": [\n');
    const keys = (name: string): string[] => Object.keys((file[name] as Record<string, unknown>[])[0] ?? {});
    expect(Object.keys(file)).toEqual(['seq', 'cases', 'contacts', 'comments']);
    expect(keys('cases').slice(0, 13)).toEqual(
      'id caseNumber subject description status priority origin contactId parentId externalPostId threadKey createdAt closedAt'.split(' '),
    );
    expect(keys('contacts').slice(0, 6)).toEqual('id firstName lastName handles socialIds email'.split(' '));
    expect(keys('comments')).toEqual('id caseId body externalPostId outbound createdAt'.split(' '));
  });

  it('keeps everything across a reopen, from the journal (crash) or the compacted file', async () => {
    const crashed = localCrmAdapter({ path, now });
    await crashed.apply(firstPlan, ctx);
    forgetLocksHeldHere(); // the first adapter "crashed": never closed
    const replayed = localCrmAdapter({ path, now });
    expect(replayed.snapshot()).toEqual(crashed.snapshot());
    await replayed.apply(plan({ cases: [kase('2001', { id: '003000000000001' })] }), ctx);
    await replayed.close();
    const reopened = localCrmAdapter({ path, now });
    expect(reopened.snapshot().cases.map((c) => [c.id, c.caseNumber])).toEqual([
      ['500000000000001', '00001001'],
      ['500000000000002', '00001002'],
    ]);
    const again = await reopened.apply(firstPlan, ctx);
    expect(again.cases[0]).toEqual({ key: 'twitter:1001', ok: true, id: '500000000000001', created: false });
    await reopened.close();
  });

  it('writes one journal line per apply, whatever the plan size', async () => {
    const crm = localCrmAdapter({ path, now, durability: 'flush' });
    const cases = Array.from({ length: 50 }, (_, i) => kase(`${3000 + i}`, { externalKey: 'twitter:42' }));
    await crm.apply(plan({ contacts: [contact('42', 'alice')], cases }), ctx);
    const lines = readFileSync(`${path}.journal`, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ seq: 1, change: { contacts: [{}], comments: [] } });
    await crm.apply(firstPlan, ctx);
    const size = statSync(`${path}.journal`).size;
    await crm.apply(plan({ cases: [kase('3000', { externalKey: 'twitter:42' })] }), ctx); // nothing new: no line
    expect(statSync(`${path}.journal`).size).toBe(size);
    await crm.close();
  });

  it('loads a hand-written seed file and continues its ids and case numbers', async () => {
    const seed = {
      contacts: [
        { id: '003000000000007', lastName: 'Seeded', firstName: 'Sam', handles: [{ provider: 'twitter', handle: 'SamS' }] },
        { id: '003HANDMADE', lastName: 'Other', email: 'Other@Example.com' },
      ],
      cases: [{ id: '500000000000041', caseNumber: '00001050', subject: 'Old', status: 'Closed', createdAt: AT, contactId: '003000000000007' }],
      comments: [{ id: '00aSEED', caseId: '500000000000041', body: 'hello', createdAt: AT }],
    };
    writeFileSync(path.replace('/data', ''), JSON.stringify(seed));
    const crm = localCrmAdapter({ path: path.replace('/data', ''), now });
    const found = await crm.lookup(
      { identities: [{ provider: 'twitter', id: '1', handle: 'sams', email: 'other@example.COM' }], contactIds: [], threadKeys: [], externalPostIds: [] },
      ctx,
    );
    expect(found.contacts.map((c) => c.id).sort()).toEqual(['003000000000007', '003HANDMADE']);
    const result = await crm.apply(
      plan({ contacts: [contact('5', 'new')], cases: [kase('1', { externalKey: 'twitter:5' })], comments: [comment('2', { id: '500000000000041' })] }),
      ctx,
    );
    expect(result.contacts[0]?.id).toBe('003000000000008');
    expect(result.cases[0]?.id).toBe('500000000000042');
    expect(result.comments[0]?.id).toBe('00a000000000001');
    expect(crm.snapshot().cases[1]?.caseNumber).toBe('00001051');
    expect(crm.snapshot().cases[0]).toMatchObject({ description: '', priority: 'Medium', origin: null, closedAt: null });
    await crm.close();
  });

  it('rejects a bad file with a ConfigError naming the path and the field', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ contacts: [{ id: '003A', lastName: 'ok' }, { id: '003B' }] }));
    expect(() => localCrmAdapter({ path: bad })).toThrow(ConfigError);
    try {
      localCrmAdapter({ path: bad });
    } catch (error) {
      expect((error as ConfigError).details.field).toBe('contacts[1].lastName');
      expect((error as ConfigError).message).toContain(bad);
    }
    writeFileSync(bad, JSON.stringify({ cases: [1, 2].map(() => ({ id: '500X', status: 'New', createdAt: AT })) }));
    expect(() => localCrmAdapter({ path: bad })).toThrow(/duplicate id 500X in cases\[1\]/);
  });
});
