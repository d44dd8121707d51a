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

interface CompositeReply {
  compositeResponse: { body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }[];
}
const V = '/services/data/v62.0';

describe('POST /composite with the real jsforce', () => {
  it('runs collections upserts with external-id relationships and @{ref} references as one API call', async () => {
    const conn = connect(emulator);
    const reply = await conn.requestPost<CompositeReply>(`${V}/composite`, {
      allOrNone: false,
      collateSubrequests: false,
      compositeRequest: [
        { method: 'PATCH', url: `${V}/composite/sobjects/Contact/Social_Author_Id__c`, referenceId: 'contacts', body: { allOrNone: false, records: [{ attributes: { type: 'Contact' }, LastName: 'Ng', Social_Author_Id__c: 'twitter:1' }] } },
        { method: 'PATCH', url: `${V}/composite/sobjects/Case/Social_Post_Id__c`, referenceId: 'cases', body: { allOrNone: false, records: [{ attributes: { type: 'Case' }, Subject: 'Help', Social_Post_Id__c: 'twitter:p1', Contact: { Social_Author_Id__c: 'twitter:1' } }] } },
        { method: 'POST', url: `${V}/sobjects/CaseComment`, referenceId: 'comment', body: { ParentId: '@{cases[0].id}', CommentBody: 'hello\nhttps://x.com/i/status/p2' } },
        { method: 'GET', url: `${V}/sobjects/Case/@{cases[0].id}?fields=Id,ContactId`, referenceId: 'readBack' },
      ],
    });
    expect(reply.compositeResponse.map((r) => [r.referenceId, r.httpStatusCode])).toEqual([['contacts', 200], ['cases', 200], ['comment', 201], ['readBack', 200]]);
    const caseId = emulator.records('Case')[0]?.Id;
    expect(reply.compositeResponse[2]?.httpHeaders.Location).toBe(`${V}/sobjects/CaseComment/${emulator.records('CaseComment')[0]?.Id}`);
    expect(emulator.records('CaseComment')[0]?.ParentId).toBe(caseId);
    expect(reply.compositeResponse[3]?.body).toMatchObject({ Id: caseId, ContactId: emulator.records('Contact')[0]?.Id });
    expect(emulator.calls.apiCalls()).toBe(1);
    expect(emulator.apiUsage().used).toBe(1);
  });

  it('halts a subrequest whose reference failed, and rolls everything back with allOrNone', async () => {
    const conn = connect(emulator);
    const partial = await conn.requestPost<CompositeReply>(`${V}/composite`, {
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'x' } },
        { method: 'POST', url: `${V}/sobjects/Case`, referenceId: 'dependent', body: { ContactId: '@{bad.id}' } },
        { method: 'POST', url: `${V}/sobjects/Case`, referenceId: 'independent', body: { Subject: 'fine' } },
      ],
    });
    expect(partial.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400, 201]);
    expect(partial.compositeResponse[0]?.body).toEqual([{ message: 'Required fields are missing: [LastName]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] }]);
    expect((partial.compositeResponse[1]?.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(emulator.records('Case')).toHaveLength(1);
    const atomic = await conn.requestPost<CompositeReply>(`${V}/composite`, {
      allOrNone: true,
      compositeRequest: [
        { method: 'POST', url: `${V}/sobjects/Case`, referenceId: 'first', body: { Subject: 'rolled back' } },
        { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'bad', body: { FirstName: 'x' } },
      ],
    });
    expect(atomic.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect((atomic.compositeResponse[0]?.body as { errorCode: string }[])[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(emulator.records('Case')).toHaveLength(1);
  });

  it('enforces 25 subrequests and 5 collections/queries, charging nothing applied', async () => {
    const conn = connect(emulator);
    const posts = Array.from({ length: 26 }, (_, i) => ({ method: 'POST', url: `${V}/sobjects/Case`, referenceId: `c${i}`, body: { Subject: String(i) } }));
    expect((await rejection(conn.requestPost(`${V}/composite`, { compositeRequest: posts }))).errorCode).toBe('LIMIT_EXCEEDED');
    const queries = Array.from({ length: 6 }, (_, i) => ({ method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+Case`, referenceId: `q${i}` }));
    expect((await rejection(conn.requestPost(`${V}/composite`, { compositeRequest: queries }))).errorCode).toBe('LIMIT_EXCEEDED');
    expect((await rejection(conn.requestPost(`${V}/composite`, { compositeRequest: [{ method: 'GET', url: `${V}/limits` }] }))).errorCode).toBe('JSON_PARSER_ERROR');
    expect(emulator.records('Case')).toHaveLength(0);
  });
});
