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

describe('Salesforce error shapes through the real jsforce', () => {
  it('STRING_TOO_LONG counts CommentBody in UTF-8 bytes (4,000) and Subject in characters (255)', async () => {
    const conn = connect(emulator);
    const parent = emulator.insert('Case', { Subject: 'p' });
    await conn.sobject('CaseComment').create({ ParentId: parent.Id, CommentBody: 'a'.repeat(4000) });
    const emoji = await rejection(conn.sobject('CaseComment').create({ ParentId: parent.Id, CommentBody: '€'.repeat(1334) }));
    expect(emoji.errorCode).toBe('STRING_TOO_LONG');
    expect(emoji.data).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['CommentBody'] });
    await conn.sobject('Case').create({ Subject: '€'.repeat(255) });
    expect((await rejection(conn.sobject('Case').create({ Subject: 'x'.repeat(256) }))).errorCode).toBe('STRING_TOO_LONG');
  });

  it('REQUIRED_FIELD_MISSING for a Contact without LastName', async () => {
    const error = await rejection(connect(emulator).sobject('Contact').create({ FirstName: 'Ada' }));
    expect(error.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(error.data).toEqual({ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
  });

  it('DUPLICATE_VALUE on a unique external id when creating (upsert updates instead)', async () => {
    const conn = connect(emulator);
    const first = emulator.insert('Contact', { LastName: 'A', Social_Author_Id__c: 'twitter:1' });
    const error = await rejection(conn.sobject('Contact').create({ LastName: 'B', Social_Author_Id__c: 'TWITTER:1' }));
    expect(error.errorCode).toBe('DUPLICATE_VALUE');
    expect(error.message).toBe(`duplicate value found: Social_Author_Id__c duplicates value on record with id: ${first.Id}`);
    const upserted = await conn.sobject('Contact').upsert({ LastName: 'B', Social_Author_Id__c: 'twitter:1' }, 'Social_Author_Id__c');
    expect(upserted).toMatchObject({ id: first.Id, success: true, created: false });
  });

  it('INVALID_FIELD for unknown fields and for custom fields the org lacks', async () => {
    const bare = await startSalesforceEmulator({ customFields: { Case: [], Contact: [] } });
    try {
      const error = await rejection(connect(bare).sobject('Case').create({ Subject: 's', Social_Post_Id__c: 'x' }));
      expect(error.errorCode).toBe('INVALID_FIELD');
      expect(error.message).toBe("No such column 'Social_Post_Id__c' on sobject of type Case");
      const describe = await connect(bare).sobject('Case').describe();
      expect(describe.fields.some((f) => f.name === 'Social_Post_Id__c')).toBe(false);
    } finally {
      await bare.close();
    }
  });

  it('INVALID_FIELD_FOR_INSERT_UPDATE for read-only fields', async () => {
    const error = await rejection(connect(emulator).sobject('Case').create({ Subject: 's', IsClosed: true }));
    expect(error.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('injected UNABLE_TO_LOCK_ROW fails the first record written, nothing stored', async () => {
    emulator.setFault({ script: [{ kind: 'unableToLockRow' }] });
    const conn = connect(emulator);
    const results = await conn.sobject('Contact').upsert(
      [{ LastName: 'A', Social_Author_Id__c: 't:1' }, { LastName: 'B', Social_Author_Id__c: 't:2' }],
      'Social_Author_Id__c',
    );
    expect(results[0]).toMatchObject({ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW' }] });
    expect(results[1]).toMatchObject({ success: true, created: true });
    expect(emulator.records('Contact').map((c) => c.LastName)).toEqual(['B']);
    expect(emulator.faultsInjected().unableToLockRow).toBe(1);
  });

  it("reproduces jsforce's unencoded single-record upsert URL: '/' is 404, 'a?b' keys 'a', 'a#b' updates 'a'", async () => {
    const conn = connect(emulator);
    const upsert = (key: string) => conn.sobject('Case').upsert({ Subject: key, Social_Post_Id__c: key }, 'Social_Post_Id__c');
    expect((await rejection(upsert('x/y'))).errorCode).toBe('NOT_FOUND');
    expect(await upsert('a?b')).toMatchObject({ success: true, created: true });
    expect(await upsert('a#b')).toMatchObject({ success: true, created: false });
    expect(emulator.records('Case').map((c) => [c.Social_Post_Id__c, c.Subject])).toEqual([['a', 'a#b']]);
  });

  it('sObject rows: GET with fields, PATCH 204, DELETE 204 then 404', async () => {
    const conn = connect(emulator);
    const created = (await conn.sobject('Case').create({ Subject: 'a' })) as { id: string };
    await conn.sobject('Case').update({ Id: created.id, Subject: 'b', Status: 'Closed' });
    const read = await conn.request(`/services/data/v62.0/sobjects/Case/${created.id}?fields=Subject,IsClosed`);
    expect(read).toEqual({ attributes: { type: 'Case', url: `/services/data/v62.0/sobjects/Case/${created.id}` }, Subject: 'b', IsClosed: true });
    await conn.sobject('Case').destroy(created.id);
    expect((await rejection(conn.request(`/services/data/v62.0/sobjects/Case/${created.id}`))).errorCode).toBe('NOT_FOUND');
  });

  it('404 NOT_FOUND for unknown resources and unsupported API versions', async () => {
    const conn = connect(emulator);
    expect((await rejection(conn.request('/services/data/v62.0/sobjects/Nope/describe'))).errorCode).toBe('NOT_FOUND');
    expect((await rejection(conn.request('/services/data/v20.0/sobjects'))).errorCode).toBe('NOT_FOUND');
  });

  it('single-record upsert by external id in the URL: 201 created, 200 updated, 300 for two matches', async () => {
    const conn = connect(emulator);
    const created = await conn.requestPatch('/services/data/v62.0/sobjects/Case/Social_Post_Id__c/twitter%3Ap1', { Subject: 'a' });
    expect(created).toMatchObject({ success: true, created: true });
    const updated = await conn.requestPatch('/services/data/v62.0/sobjects/Case/Social_Post_Id__c/twitter%3Ap1', { Subject: 'b' });
    expect(updated).toMatchObject({ success: true, created: false });
    emulator.insert('Case', { Social_Thread_Key__c: 'k' });
    emulator.insert('Case', { Social_Thread_Key__c: 'k' });
    expect((await rejection(conn.requestPatch('/services/data/v62.0/sobjects/Case/Social_Thread_Key__c/k', { Subject: 'c' }))).errorCode).toBe('MULTIPLE_CHOICES');
    expect(emulator.records('Case').find((c) => c.Social_Post_Id__c === 'twitter:p1')?.Subject).toBe('b');
  });
});

describe('duplicate rules', () => {
  it('DUPLICATES_DETECTED with the matching records; allowSave=true saves an alerted duplicate', async () => {
    const org = await startSalesforceEmulator({ duplicateRules: [{ object: 'Contact', matchFields: ['Email'], action: 'alert' }] });
    try {
      const conn = connect(org);
      const first = org.insert('Contact', { LastName: 'A', Email: 'a@x.test' });
      const url = '/services/data/v62.0/composite/sobjects';
      const body = JSON.stringify({ records: [{ attributes: { type: 'Contact' }, LastName: 'B', Email: 'A@x.test' }] });
      const refused = await conn.request<{ success: boolean; errors: { statusCode: string; duplicateResult: { matchResults: { matchRecords: { record: { Id: string } }[] }[] } }[] }[]>({
        method: 'POST', url, body, headers: { 'content-type': 'application/json' },
      });
      expect(refused[0]?.errors[0]?.statusCode).toBe('DUPLICATES_DETECTED');
      expect(refused[0]?.errors[0]?.duplicateResult.matchResults[0]?.matchRecords[0]?.record.Id).toBe(first.Id);
      const saved = await conn.request<{ success: boolean }[]>({
        method: 'POST', url, body, headers: { 'content-type': 'application/json', 'Sforce-Duplicate-Rule-Header': 'allowSave=true' },
      });
      expect(saved[0]?.success).toBe(true);
      expect(org.records('Contact')).toHaveLength(2);
    } finally {
      await org.close();
    }
  });
});
