import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect, rejection } from './helpers.js';

let emulator: SalesforceEmulator;
beforeEach(async () => {
  emulator = await startSalesforceEmulator({ dailyApiLimit: 100, apiUsed: 40 });
});
afterEach(async () => {
  await emulator.close();
});

const V = '/services/data/v62.0';
const contact = (key: string) => ({ attributes: { type: 'Contact' }, LastName: key, Social_Author_Id__c: key });

describe('API budget', () => {
  it('reports Sforce-Limit-Info: api-usage=N/M on every reply, errors included', async () => {
    const conn = connect(emulator);
    await conn.query('SELECT Id FROM Case');
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 41, limit: 100 } });
    await rejection(conn.query('SELECT Nope FROM Case'));
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 42, limit: 100 } });
    const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>(`${V}/limits`);
    expect(limits.DailyApiRequests).toEqual({ Max: 100, Remaining: 57 });
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent; a Composite costs one call', async () => {
    emulator.setApiUsage(99);
    const conn = connect(emulator);
    await conn.requestPost(`${V}/composite`, {
      compositeRequest: Array.from({ length: 25 }, (_, i) => ({ method: 'POST', url: `${V}/sobjects/Case`, referenceId: `c${i}`, body: { Subject: `s${i}` } })),
    });
    expect(emulator.records('Case')).toHaveLength(25);
    const error = await rejection(conn.query('SELECT Id FROM Case'));
    expect(error.errorCode).toBe('REQUEST_LIMIT_EXCEEDED');
    expect(error.message).toBe('TotalRequests Limit exceeded.');
    expect(emulator.apiUsage()).toEqual({ used: 100, limit: 100 });
    expect(emulator.calls.byEndpoint()).toEqual({ 'POST /services/data/vXX.X/composite': 1, 'GET /services/data/vXX.X/query': 1 });
  });
});

describe('fault injection', () => {
  it('503 with an HTML body: jsforce retries a GET, a write surfaces ERROR_HTTP_503 and is not applied', async () => {
    const conn = connect(emulator);
    emulator.setFault({ script: [{ kind: 'http503', match: { method: 'GET' } }] });
    await conn.query('SELECT Id FROM Case');
    expect(emulator.calls.filter({ path: '/query' }).map((c) => c.status)).toEqual([503, 200]);
    emulator.setFault({ script: [{ kind: 'http503', match: { path: '/composite/sobjects' } }] });
    const error = await rejection(conn.sobject('Contact').upsert([contact('a')], 'Social_Author_Id__c'));
    expect(error.errorCode).toBe('ERROR_HTTP_503');
    expect(emulator.records('Contact')).toHaveLength(0);
  });

  it('500 UNKNOWN_EXCEPTION as JSON', async () => {
    emulator.setFault({ script: [{ kind: 'http500', match: { writesOnly: true } }] });
    const error = await rejection(connect(emulator).sobject('Case').create({ Subject: 's' }));
    expect(error.errorCode).toBe('UNKNOWN_EXCEPTION');
  });

  it('reply lost: the write is applied, then the socket is destroyed (the client sees ECONNRESET)', async () => {
    emulator.setFault({ script: [{ kind: 'dropAfterApply', match: { path: '/composite/sobjects' } }] });
    const error = await rejection(connect(emulator).sobject('Contact').upsert([contact('a'), contact('b')], 'Social_Author_Id__c'));
    expect(`${error.code ?? ''} ${error.message}`).toMatch(/ECONNRESET|socket hang up/);
    expect(emulator.records('Contact').map((c) => c.Social_Author_Id__c).sort()).toEqual(['a', 'b']);
    expect(emulator.calls.filter({ path: '/composite/sobjects' })[0]).toMatchObject({ status: 'dropped', fault: 'dropAfterApply', apiCalls: 1 });
    const replay = await connect(emulator).sobject('Contact').upsert([contact('a'), contact('b')], 'Social_Author_Id__c');
    expect((replay as unknown as { created?: boolean }[]).map((r) => r.created)).toEqual([false, false]);
    expect(emulator.records('Contact')).toHaveLength(2);
  });

  it('dropped before applying: nothing is written', async () => {
    emulator.setFault({ script: [{ kind: 'dropBeforeApply', match: { writesOnly: true } }] });
    await rejection(connect(emulator).sobject('Case').create({ Subject: 's' }));
    expect(emulator.records('Case')).toHaveLength(0);
  });

  it('random faults are seeded and reproducible', async () => {
    const run = async (): Promise<(number | 'dropped')[]> => {
      const emu = await startSalesforceEmulator({ faults: { random: { probability: 0.5, kinds: ['http500'], seed: 7 } } });
      const conn = connect(emu);
      for (let i = 0; i < 10; i += 1) await conn.sobject('Case').create({ Subject: `s${i}` }).catch(() => undefined);
      const statuses = emu.calls.entries.map((e) => e.status);
      await emu.close();
      return statuses;
    };
    const first = await run();
    expect(first).toContain(500);
    expect(first).toContain(201);
    expect(await run()).toEqual(first);
  });

  it('adds the configured latency to each reply', async () => {
    emulator.setLatency(100);
    const started = Date.now();
    await connect(emulator).query('SELECT Id FROM Case');
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });
});
