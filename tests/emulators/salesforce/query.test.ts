import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect, rejection } from './helpers.js';

let emulator: SalesforceEmulator;
beforeEach(async () => {
  emulator = await startSalesforceEmulator({ queryBatchSize: 2000 });
});
afterEach(async () => {
  await emulator.close();
});

describe('GET /query with the real jsforce', () => {
  it('answers IN, =, LIKE, AND/OR with parentheses and relationship fields', async () => {
    const contact = emulator.insert('Contact', { LastName: 'Ng', Social_Author_Id__c: 'twitter:1', Social_Handle__c: 'ng' });
    emulator.insert('Contact', { LastName: 'Other', Social_Author_Id__c: 'twitter:2' });
    emulator.insert('Case', { Subject: 'Help', Social_Post_Id__c: 'twitter:p1', Social_Thread_Key__c: 't1', ContactId: contact.Id });
    const conn = connect(emulator);
    const contacts = await conn.query("SELECT Id, Social_Author_Id__c FROM Contact WHERE Social_Author_Id__c IN ('twitter:1','twitter:3') OR (Social_Handle__c = 'NG' AND LastName LIKE 'N_')");
    expect(contacts.totalSize).toBe(1);
    expect(contacts.records[0]).toMatchObject({ Id: contact.Id, Social_Author_Id__c: 'twitter:1', attributes: { type: 'Contact' } });
    const cases = await conn.query("SELECT Id, Status, IsClosed, Contact.Social_Author_Id__c FROM Case WHERE Contact.Social_Author_Id__c = 'twitter:1'");
    expect(cases.records[0]).toMatchObject({ Status: 'New', IsClosed: false, Contact: { Social_Author_Id__c: 'twitter:1' } });
    expect(emulator.calls.apiCalls()).toBe(2);
  });

  it('decodes SOQL escapes: quotes, backslashes, newlines, and \\_ \\% only inside LIKE', async () => {
    emulator.insert('Contact', { LastName: "O'Brien\\", Social_Handle__c: 'a_b%c\nd' });
    emulator.insert('Contact', { LastName: 'plain', Social_Handle__c: 'aXbYc\nd' });
    const conn = connect(emulator);
    const exact = await conn.query("SELECT LastName FROM Contact WHERE LastName = 'O\\'Brien\\\\'");
    expect(exact.records.map((r) => r.LastName)).toEqual(["O'Brien\\"]);
    const like = await conn.query("SELECT LastName FROM Contact WHERE Social_Handle__c LIKE 'a\\_b\\%c\\nd'");
    expect(like.records.map((r) => r.LastName)).toEqual(["O'Brien\\"]);
    const wild = await conn.query("SELECT LastName FROM Contact WHERE Social_Handle__c LIKE 'a_b_c%'");
    expect(wild.totalSize).toBe(2);
    const bad = await rejection(conn.query("SELECT LastName FROM Contact WHERE LastName = 'a\\_b'"));
    expect(bad.errorCode).toBe('MALFORMED_QUERY');
  });

  it('LIKE takes regex-special characters literally, - and / included (a LIKE with "-" once failed with UNKNOWN_EXCEPTION)', async () => {
    emulator.insert('Contact', { LastName: 'a-b/c.d*e' });
    const conn = connect(emulator);
    const found = await conn.query("SELECT LastName FROM Contact WHERE LastName LIKE 'a-b/c.d*e'");
    expect(found.records.map((r) => r.LastName)).toEqual(['a-b/c.d*e']);
    expect((await conn.query("SELECT LastName FROM Contact WHERE LastName LIKE '-'")).totalSize).toBe(0);
  });

  it.each(["\\u00e9", '\\x41', '\\a', '\\0', '\\ ', "\\é"])('refuses the undocumented escape %s (MALFORMED_QUERY), and takes non-ASCII raw', async (escape) => {
    emulator.insert('Contact', { LastName: 'Zoë 日本 🎉' });
    const conn = connect(emulator);
    const bad = await rejection(conn.query(`SELECT LastName FROM Contact WHERE LastName = 'a${escape}b'`));
    expect(bad.errorCode).toBe('MALFORMED_QUERY');
    const raw = await conn.query("SELECT LastName FROM Contact WHERE LastName = 'Zoë 日本 🎉'");
    expect(raw.records.map((r) => r.LastName)).toEqual(['Zoë 日本 🎉']);
  });

  it('rejects what it does not understand loudly', async () => {
    const conn = connect(emulator);
    expect((await rejection(conn.query('SELECT Id FROM Case WHERE Subject = 1 AND Status = 2 OR Id = 3'))).errorCode).toBe('MALFORMED_QUERY');
    expect((await rejection(conn.query("SELECT Id FROM Case WHERE Subject = 'a' AND Status = 'b' OR Origin = 'c'"))).errorCode).toBe('MALFORMED_QUERY');
    expect((await rejection(conn.query('SELECT Nope__c FROM Case'))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(conn.query('SELECT Id FROM Nope'))).errorCode).toBe('INVALID_TYPE');
    expect((await rejection(conn.query("SELECT Id FROM CaseComment WHERE CommentBody = 'x'"))).errorCode).toBe('INVALID_FIELD');
    expect((await rejection(conn.query("SELECT Id FROM Case WHERE IsClosed = 'false'"))).errorCode).toBe('INVALID_QUERY_FILTER_OPERATOR');
    expect((await rejection(conn.query('SELECT COUNT(Id) FROM Case'))).errorCode).toBe('MALFORMED_QUERY');
  });

  it('answers child relationship subqueries and semi-joins', async () => {
    const withComments = emulator.insert('Case', { Subject: 'a' });
    const without = emulator.insert('Case', { Subject: 'b' });
    emulator.insert('CaseComment', { ParentId: withComments.Id, CommentBody: 'one\ntwitter:1' });
    emulator.insert('CaseComment', { ParentId: withComments.Id, CommentBody: 'two\ntwitter:2', IsPublished: true });
    const conn = connect(emulator);
    const cases = await conn.query(`SELECT Id, (SELECT CommentBody FROM CaseComments WHERE IsPublished = false) FROM Case WHERE Id IN ('${withComments.Id}','${without.Id}') ORDER BY Subject`);
    expect(cases.records.map((r) => r.CaseComments)).toEqual([
      { totalSize: 1, done: true, records: [{ attributes: { type: 'CaseComment', url: expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/CaseComment\/00a/) as unknown }, CommentBody: 'one\ntwitter:1' }] },
      null,
    ]);
    const semi = await conn.query('SELECT Subject FROM Case WHERE Id IN (SELECT ParentId FROM CaseComment)');
    expect(semi.records.map((r) => r.Subject)).toEqual(['a']);
    expect((await rejection(conn.query('SELECT Id, (SELECT Id FROM Nope) FROM Case'))).errorCode).toBe('INVALID_TYPE');
  });

  it('reads open statuses from CaseStatus', async () => {
    const conn = connect(emulator);
    const statuses = await conn.query<{ MasterLabel: string; IsClosed: boolean }>('SELECT MasterLabel, IsClosed FROM CaseStatus');
    expect(statuses.records.map((s) => [s.MasterLabel, s.IsClosed])).toEqual([['New', false], ['Working', false], ['Escalated', false], ['Closed', true]]);
  });

  it('pages beyond 2,000 records with done:false and nextRecordsUrl, each page one API call', async () => {
    for (let i = 0; i < 2500; i += 1) emulator.insert('Contact', { LastName: `L${i}` });
    const conn = connect(emulator);
    const first = await conn.request<{ done: boolean; totalSize: number; records: unknown[]; nextRecordsUrl: string }>(
      `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Contact')}`,
    );
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(2000);
    expect(first.totalSize).toBe(2500);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[0-9A-Za-z]+-2000$/);
    const rest = await conn.queryMore(first.nextRecordsUrl);
    expect(rest.done).toBe(true);
    expect(rest.records).toHaveLength(500);
    const all = await conn.query('SELECT Id FROM Contact', { autoFetch: true, maxFetch: 10_000 });
    expect(all.records).toHaveLength(2500);
    expect(emulator.calls.apiCalls()).toBe(4);
  });

  it('answers 431 when URI and headers together exceed 16,384 bytes', async () => {
    const conn = connect(emulator);
    const ids = Array.from({ length: 600 }, (_, i) => `'twitter:${String(i).padStart(6, '0')}'`).join(',');
    const soql = `SELECT Id FROM Contact WHERE Social_Author_Id__c IN (${ids})`;
    const url = `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`;
    expect(Buffer.byteLength(url)).toBeLessThan(16_384);
    const error = await rejection(conn.request({ method: 'GET', url, headers: { 'X-Padding': 'p'.repeat(16_384 - Buffer.byteLength(url)) } }));
    expect(error.errorCode).toBe('ERROR_HTTP_431');
    await conn.query(soql);
  });

  it('answers 414 for request URIs over 16,384 bytes', async () => {
    const conn = connect(emulator);
    const ids = Array.from({ length: 1200 }, (_, i) => `'twitter:${String(i).padStart(6, '0')}'`).join(',');
    const error = await rejection(conn.query(`SELECT Id FROM Contact WHERE Social_Author_Id__c IN (${ids})`));
    expect(error.errorCode).toBe('ERROR_HTTP_414');
    expect(emulator.calls.apiCalls()).toBe(0);
  });
});
