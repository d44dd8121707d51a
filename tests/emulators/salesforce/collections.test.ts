import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect, rejection } from './helpers.js';

let emulator: SalesforceEmulator;
beforeEach(async () => {
  emulator = await startSalesforceEmulator();
});
afterEach(async () => {
  await emulator.close();
});

type UpsertResult = { id?: string; success: boolean; created?: boolean; errors: { statusCode: string; message: string; fields: string[] }[] };

describe('sObject Collections with the real jsforce', () => {
  it('upserts by external id: creates, then updates, one API call each', async () => {
    const conn = connect(emulator);
    const records = [
      { attributes: { type: 'Contact' }, LastName: 'A', Social_Author_Id__c: 'twitter:1' },
      { attributes: { type: 'Contact' }, LastName: 'B', Social_Author_Id__c: 'twitter:2' },
    ];
    const first = (await conn.sobject('Contact').upsert(records, 'Social_Author_Id__c')) as unknown as UpsertResult[];
    expect(first.map((r) => [r.success, r.created])).toEqual([[true, true], [true, true]]);
    const again = (await conn.sobject('Contact').upsert([{ ...records[0], LastName: 'A2' }], 'Social_Author_Id__c')) as unknown as UpsertResult[];
    expect(again[0]).toMatchObject({ id: first[0]?.id, success: true, created: false });
    expect(emulator.records('Contact').map((c) => c.LastName).sort()).toEqual(['A2', 'B']);
    expect(emulator.calls.count({ method: 'PATCH', path: '/composite/sobjects/Contact/Social_Author_Id__c' })).toBe(2);
    expect(emulator.calls.apiCalls()).toBe(2);
  });

  it('resolves external-id relationships in record bodies, with the documented errors', async () => {
    const conn = connect(emulator);
    emulator.insert('Contact', { LastName: 'A', Social_Author_Id__c: 'twitter:1' });
    const results = (await conn.requestPatch('/services/data/v62.0/composite/sobjects/Case/Social_Post_Id__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Case' }, Social_Post_Id__c: 'twitter:p1', Subject: 's', Contact: { Social_Author_Id__c: 'twitter:1' } },
        { attributes: { type: 'Case' }, Social_Post_Id__c: 'twitter:p2', Subject: 's', Contact: { Social_Author_Id__c: 'twitter:404' } },
        { attributes: { type: 'Case' }, Social_Post_Id__c: 'twitter:p3', Subject: 'x'.repeat(256) },
      ],
    })) as UpsertResult[];
    expect(results[0]).toMatchObject({ success: true, created: true });
    expect(results[1]).toEqual({ success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: twitter:404 not found for field Social_Author_Id__c in entity Contact', fields: [] }] });
    expect(results[2]?.errors[0]).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Subject'] });
    const stored = emulator.records('Case');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.ContactId).toBe(emulator.records('Contact')[0]?.Id);
  });

  it('rolls every record back with allOrNone', async () => {
    const conn = connect(emulator);
    const results = (await conn.requestPost('/services/data/v62.0/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Contact' }, LastName: 'ok' },
        { attributes: { type: 'Contact' }, FirstName: 'no last name' },
      ],
    })) as UpsertResult[];
    expect(results[0]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    expect(emulator.records('Contact')).toHaveLength(0);
  });

  it('leaves no trace of rolled-back records in lookups (unique checks and upsert matching)', async () => {
    const conn = connect(emulator);
    await conn.requestPatch('/services/data/v62.0/composite/sobjects/Contact/Social_Author_Id__c', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Contact' }, LastName: 'ok', Social_Author_Id__c: 'twitter:1' },
        { attributes: { type: 'Contact' }, Social_Author_Id__c: 'twitter:2' },
      ],
    });
    const created = await conn.sobject('Contact').create({ LastName: 'again', Social_Author_Id__c: 'twitter:1' });
    expect(created).toMatchObject({ success: true });
    const found = await conn.query("SELECT LastName FROM Contact WHERE Social_Author_Id__c IN ('twitter:1','twitter:2')");
    expect(found.records.map((r) => r.LastName)).toEqual(['again']);
    await conn.sobject('Contact').update({ Id: (created as { id: string }).id, Social_Author_Id__c: 'twitter:3' });
    const moved = await conn.query("SELECT LastName FROM Contact WHERE Social_Author_Id__c = 'twitter:1'");
    expect(moved.totalSize).toBe(0);
  });

  it('retrieves by ids (jsforce retrieve([ids]) describes first when no fields are given: one extra call)', async () => {
    const conn = connect(emulator);
    const a = emulator.insert('Contact', { LastName: 'A' });
    const missing = emulator.insert('Contact', { LastName: 'gone' });
    await conn.sobject('Contact').destroy(missing.Id);
    const records = await conn.sobject('Contact').retrieve([a.Id, missing.Id], { fields: ['LastName'] });
    expect(records).toEqual([{ attributes: { type: 'Contact', url: `/services/data/v62.0/sobjects/Contact/${a.Id}` }, LastName: 'A' }, null]);
    emulator.calls.clear();
    await conn.sobject('Contact').retrieve([a.Id]);
    expect(emulator.calls.byEndpoint()).toEqual({ 'GET /services/data/vXX.X/sobjects/Contact/describe': 1, 'POST /services/data/vXX.X/composite/sobjects/Contact': 1 });
  });

  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const conn = connect(emulator);
    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Contact' }, LastName: `L${i}`, Social_Author_Id__c: `t:${i}` }));
    const error = await rejection(conn.sobject('Contact').upsert(records, 'Social_Author_Id__c'));
    expect(error.errorCode).toBe('EXCEEDED_ID_LIMIT');
    expect(emulator.records('Contact')).toHaveLength(0);
  });

  it('rejects unknown fields for the whole request (INVALID_FIELD)', async () => {
    const conn = connect(emulator);
    const error = await rejection(conn.requestPost('/services/data/v62.0/composite/sobjects', {
      records: [{ attributes: { type: 'Case' }, Subject: 'a' }, { attributes: { type: 'Case' }, Nope__c: 'b' }],
    }));
    expect(error.errorCode).toBe('INVALID_FIELD');
    expect(emulator.records('Case')).toHaveLength(0);
  });

  it('flags the same external id twice in one request and two matching records', async () => {
    const conn = connect(emulator);
    emulator.insert('Case', { Subject: 'a', Social_Thread_Key__c: 'thread' });
    emulator.insert('Case', { Subject: 'b', Social_Thread_Key__c: 'thread' });
    const dupInRequest = (await conn.requestPatch('/services/data/v62.0/composite/sobjects/Contact/Social_Author_Id__c', {
      records: [
        { attributes: { type: 'Contact' }, LastName: 'a', Social_Author_Id__c: 'x' },
        { attributes: { type: 'Contact' }, LastName: 'b', Social_Author_Id__c: 'X' },
      ],
    })) as UpsertResult[];
    expect(dupInRequest.map((r) => r.errors[0]?.statusCode)).toEqual(['DUPLICATE_EXTERNAL_ID', 'DUPLICATE_EXTERNAL_ID']);
    const twoMatches = (await conn.requestPatch('/services/data/v62.0/composite/sobjects/Case/Social_Thread_Key__c', {
      records: [{ attributes: { type: 'Case' }, Subject: 'c', Social_Thread_Key__c: 'thread' }],
    })) as UpsertResult[];
    expect(twoMatches[0]?.errors[0]?.statusCode).toBe('DUPLICATE_EXTERNAL_ID');
  });
});
