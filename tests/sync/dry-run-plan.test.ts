import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import type { ApplyResult, CrmAdapter, WritePlan } from '../../src/adapters/types.js';
import { arraySource } from '../../src/sources/array-source.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync, type CreateSyncOptions } from '../../src/sync/create-sync.js';
import { dryRunCrm, dryRunId } from '../../src/sync/dry-run.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SAMPLE = join(ROOT, 'examples/data/sample-posts.jsonl');
const SEED = join(ROOT, 'examples/data/seed-crm.json');
/** The demo job's settings (examples/demo.config.yaml). */
const DEMO: Omit<CreateSyncOptions, 'source' | 'crm'> = {
  brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
  threads: { reopenWindowDays: 5 },
  batchSize: 200,
  triage: { rules: [{ name: 'thanks', when: { keywords: ['thanks', 'thank you', 'cheers', 'appreciate it'], maxLength: 80 }, action: 'comment' }] },
};

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The real adapter with its `apply` wrapped to capture each plan and result. */
function capturing(real: CrmAdapter): { crm: CrmAdapter; plans: WritePlan[]; results: ApplyResult[] } {
  const plans: WritePlan[] = [];
  const results: ApplyResult[] = [];
  const crm: CrmAdapter = {
    name: real.name,
    describe: (ctx) => real.describe(ctx),
    lookup: (request, ctx) => real.lookup(request, ctx),
    async apply(plan, ctx) {
      plans.push(structuredClone(plan));
      const result = await real.apply(plan, ctx);
      results.push(result);
      return result;
    },
  };
  return { crm, plans, results };
}

/** Asserts the dry-run plans equal the applied ones item by item, dry-run ids read as the real ids of the same keys; returns how many ids were mapped. */
function expectSamePlans(planned: readonly WritePlan[], plans: readonly WritePlan[], results: readonly ApplyResult[]): number {
  expect(planned).toHaveLength(plans.length);
  // The ids the real run got, by plan key: what each dry-run id stands for.
  const realId = new Map<string, string>();
  results.forEach((result, i) => {
    const plan = plans[i] as WritePlan;
    result.contacts.forEach((r, j) => plan.contacts[j]?.id === undefined && r.id !== undefined && realId.set(dryRunId('contact', r.key), r.id));
    result.cases.forEach((r) => r.id !== undefined && realId.set(dryRunId('case', r.key), r.id));
  });
  let mapped = 0;
  const asReal = (plan: WritePlan): WritePlan =>
    JSON.parse(
      JSON.stringify(plan).replace(/"(dry-run:(?:contact|case):[^"]+)"/g, (whole, id: string) => {
        mapped += 1;
        return JSON.stringify(realId.get(id) ?? `unmapped ${id}`);
      }),
    ) as WritePlan;
  planned.forEach((plan, i) => {
    const applied = plans[i] as WritePlan;
    const mine = asReal(plan);
    for (const part of ['contacts', 'cases', 'reopens', 'comments'] as const) {
      expect(mine[part], `batch ${i + 1} ${part}`).toHaveLength(applied[part].length);
      mine[part].forEach((item, j) => expect(item, `batch ${i + 1} ${part}[${j}]`).toEqual(applied[part][j]));
    }
  });
  return mapped;
}

describe('dry-run runs the real lookup', () => {
  it('plans, for the bundled sample against the seeded CRM, exactly what the real run then applies, item by item', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scc-dry-plan-'));
    dirs.push(dir);
    const path = join(dir, 'crm.json');

    const dryCrm = localCrmAdapter({ path, seed: SEED, readOnly: true });
    const dry = createSync({ ...DEMO, source: jsonlSource({ path: SAMPLE }), crm: dryCrm, dryRun: true });
    const planned: WritePlan[] = [];
    dry.on('planned', ({ plan }) => planned.push(structuredClone(plan)));
    const dryReport = await dry.run();
    await dry.close();
    await dryCrm.close();

    const real = localCrmAdapter({ path, seed: SEED });
    const { crm, plans, results } = capturing(real);
    const sync = createSync({ ...DEMO, source: jsonlSource({ path: SAMPLE }), crm, state: memoryStateStore() });
    const report = await sync.run();
    await sync.close();
    await real.close();

    expect(report.batches).toBe(3);
    const mapped = expectSamePlans(planned, plans, results);
    expect(mapped).toBeGreaterThan(0); // later batches referred to records an earlier dry-run batch "created"
    const counts = ({ dryRun: _d, startedAt: _s, finishedAt: _f, durationMs: _ms, crmCalls: _c, ...rest }: typeof report) => rest;
    expect(counts(dryReport)).toEqual(counts(report));
    expect(dryReport.crmCalls).toBe(4); // describe + 3 lookups: the dry run wrote nothing
  });
});

describe('dry-run across batches', () => {
  it('matches a later author by the email of a Contact an earlier dry-run batch "created", as the real run does', async () => {
    const posts = [
      { id: '1', provider: 'twitter', text: '@AcmeHelp my router is broken', createdAt: '2026-10-01T08:00:00Z', author: { provider: 'twitter', id: '11', handle: 'ann_k', displayName: 'Ann Kim', email: 'ann@example.com' } },
      { id: '2', provider: 'twitter', text: '@AcmeHelp still broken, from my other account', createdAt: '2026-10-01T09:00:00Z', author: { provider: 'twitter', id: '12', handle: 'ann_work', displayName: 'Ann K.', email: 'Ann@Example.com' } },
    ];
    const settings = { brand: { handles: ['AcmeHelp'], ids: ['900'] }, batchSize: 1 };
    const dry = createSync({ ...settings, source: arraySource(posts), crm: localCrmAdapter(), dryRun: true });
    const planned: WritePlan[] = [];
    dry.on('planned', ({ plan }) => planned.push(structuredClone(plan)));
    await dry.run();
    const { crm, plans, results } = capturing(localCrmAdapter());
    const real = createSync({ ...settings, source: arraySource(posts), crm });
    const report = await real.run();
    expect(report).toMatchObject({ batches: 2, contactsCreated: 1, contactsMatched: 1 });
    expect(plans[1]?.contacts[0]?.id).toBeDefined(); // the real run updates Ann's Contact (adds the second account)
    expect(expectSamePlans(planned, plans, results)).toBeGreaterThan(0);
  });
});

describe('dryRunCrm', () => {
  it('answers ok with stable ids, resolves references inside the plan, and fails a reference to nothing', async () => {
    const crm = dryRunCrm(localCrmAdapter());
    const ctx = { call: <T>(_o: string, fn: () => Promise<T>) => fn(), reportUsage: () => undefined };
    const contact = { handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '1' }], lastName: 'Ann', custom: {} };
    const draft = { subject: 's', description: 'd', status: 'New', priority: 'Low', origin: 'Twitter', externalPostId: 'twitter:10', threadKey: 'twitter:10', createdAt: '2026-01-01T00:00:00Z', custom: {} } as never;
    const result = await crm.apply(
      {
        contacts: [{ key: 'twitter:1', fields: contact }],
        cases: [
          { key: 'twitter:10', contact: { externalKey: 'twitter:1' }, fields: draft },
          { key: 'twitter:11', contact: { externalKey: 'twitter:1' }, parent: { externalKey: 'twitter:10' }, fields: draft },
          { key: 'twitter:12', contact: { externalKey: 'twitter:999' }, fields: draft },
        ],
        reopens: [{ key: 'twitter:13', id: '500X', status: 'Reopened' }],
        comments: [{ key: 'twitter:14', case: { externalKey: 'twitter:11' }, fields: { body: 'b', externalPostId: 'twitter:14', outbound: false, createdAt: '2026-01-01T00:00:00Z' } as never }],
      },
      ctx,
    );
    expect(result.contacts).toEqual([{ key: 'twitter:1', ok: true, id: 'dry-run:contact:twitter:1', created: true }]);
    expect(result.cases.map((r) => [r.ok, r.id, r.error?.code])).toEqual([
      [true, 'dry-run:case:twitter:10', undefined],
      [true, 'dry-run:case:twitter:11', undefined],
      [false, undefined, 'DEPENDENCY_FAILED'],
    ]);
    expect(result.reopens).toEqual([{ key: 'twitter:13', ok: true, id: '500X', created: false }]);
    expect(result.comments).toEqual([{ key: 'twitter:14', ok: true, id: 'dry-run:comment:twitter:14', created: true }]);
    const found = await crm.lookup({ identities: [], contactIds: ['dry-run:contact:twitter:1'], threadKeys: ['twitter:10'], externalPostIds: ['twitter:14'] }, ctx);
    expect(found.contacts.map((c) => c.id)).toEqual(['dry-run:contact:twitter:1']);
    expect(found.cases.map((c) => c.id).sort()).toEqual(['dry-run:case:twitter:10', 'dry-run:case:twitter:11']);
    expect(found.comments).toEqual([{ id: 'dry-run:comment:twitter:14', caseId: 'dry-run:case:twitter:11', externalPostId: 'twitter:14' }]);
  });
});
