import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { salesforceAdapter, type SalesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import type { ServiceUsage } from '../../../src/calls/types.js';
import { INSTANCE, LIMIT_INFO, V, describeReply } from './nock-fixtures.js';

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body?: { allOrNone?: boolean; records: Record<string, unknown>[] };
  httpHeaders?: Record<string, string>;
}
interface CompositeBody {
  allOrNone: boolean;
  collateSubrequests: boolean;
  compositeRequest: Sub[];
}

const usage: ServiceUsage[] = [];
const counting = countingCallContext();
const ctx = {
  call: counting.call,
  reportUsage: (u: ServiceUsage) => void usage.push(u),
  get calls() {
    return counting.calls;
  },
  reset: () => counting.reset(),
};
let adapter: SalesforceAdapter;
const bodies: CompositeBody[] = [];

/** Answers each Composite with `reply(body)` and records the body. */
function composite(reply: (body: CompositeBody) => unknown, times = 1) {
  return nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dxx!T', 'content-type': 'application/json' } })
    .post(`${V}/composite`)
    .times(times)
    .reply(200, (_uri, raw) => {
      bodies.push(raw as CompositeBody);
      return reply(raw as CompositeBody);
    }, LIMIT_INFO);
}

const queryOf = (sub: Sub): string => decodeURIComponent(sub.url.split('?q=')[1] ?? '');
const sub = (body: CompositeBody, i: number): Sub => body.compositeRequest[i] as Sub;
const ok = (records: unknown[], referenceId: string, status = 200) => ({ body: records, httpHeaders: {}, httpStatusCode: status, referenceId });
const query = (records: unknown[], referenceId: string) => ok({ totalSize: records.length, done: true, records } as never, referenceId);

beforeAll(() => nock.disableNetConnect());
beforeEach(async () => {
  bodies.length = 0;
  usage.length = 0;
  adapter = salesforceAdapter({ instanceUrl: INSTANCE, auth: { flow: 'access_token', accessToken: '00Dxx!T' } });
  composite((b) => describeReply(b));
  await adapter.describe(ctx);
  ctx.reset();
  bodies.length = 0;
});
afterEach(() => {
  nock.cleanAll();
});

describe('describe on the wire', () => {
  it('reads Case, Contact, CaseComment, the social objects and CaseStatus in ONE Composite call, and reports the usage', async () => {
    composite((b) => describeReply(b));
    const caps = await adapter.describe(ctx);
    expect(ctx.calls).toBe(1);
    const body = bodies[0] as CompositeBody;
    expect(body.allOrNone).toBe(false);
    expect(body.collateSubrequests).toBe(false);
    expect(body.compositeRequest.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET ${V}/sobjects/Case/describe`,
      `GET ${V}/sobjects/Contact/describe`,
      `GET ${V}/sobjects/CaseComment/describe`,
      `GET ${V}/sobjects/SocialPersona/describe`,
      `GET ${V}/sobjects/SocialPost/describe`,
      `GET ${V}/query?q=SELECT%20ApiName%2C%20MasterLabel%2C%20IsClosed%20FROM%20CaseStatus`,
    ]);
    expect(caps).toMatchObject({ name: 'salesforce', closedStatuses: ['Closed'], newCaseStatus: 'New', reopenStatus: 'Working' });
    expect(caps.fieldLimits).toEqual({ caseSubject: 255, caseDescription: 32_000, commentBodyBytes: 3_800, contactLastName: 80, contactFirstName: 40 });
    expect(usage.at(-1)).toEqual({ used: 1200, limit: 15000, name: 'api-usage' });
  });
});

describe('lookup on the wire', () => {
  it('asks Contacts and Cases in one Composite call with escaped IN-lists, then the comments of the Cases found', async () => {
    composite((b) => ({
      compositeResponse: [
        query([{ attributes: { type: 'Contact' }, Id: '003xx000004TmiQAAS', FirstName: 'Ann', LastName: "O'Brien", Email: 'ann@example.com', Social_Author_Id__c: 'twitter:42', Social_Handle__c: 'ann' }], sub(b, 0).referenceId),
        query([{ attributes: { type: 'Case' }, Id: '500xx000001abcDAAQ', CaseNumber: '00001001', Subject: 'Help', Status: 'New', IsClosed: false, ContactId: '003xx000004TmiQAAS', ParentId: null, Social_Post_Id__c: 'twitter:1', Social_Thread_Key__c: 'twitter:1', CreatedDate: '2024-05-01T10:00:00.000+0000', ClosedDate: null }], sub(b, 1).referenceId),
      ],
    }));
    composite((b) => ({
      compositeResponse: [
        query(
          [
            { attributes: { type: 'CaseComment' }, Id: '00axx000000001AAA', ParentId: '500xx000001abcDAAQ', CommentBody: '@ann: still broken\nhttps://x.com/ann/status/2' },
            { attributes: { type: 'CaseComment' }, Id: '00axx000000002AAA', ParentId: '500xx000001abcDAAQ', CommentBody: 'Agent note, no marker' },
          ],
          sub(b, 0).referenceId,
        ),
      ],
    }));
    const found = await adapter.lookup(
      { identities: [{ provider: 'twitter', id: '42', handle: "ann'); DELETE", displayName: "Ann O'Brien", email: 'ann@example.com' }], contactIds: ['not-an-id'], threadKeys: ['twitter:1'], externalPostIds: ['twitter:1', 'twitter:2'] },
      ctx,
    );
    expect(ctx.calls).toBe(2);
    const [first, second] = bodies as [CompositeBody, CompositeBody];
    expect(first.compositeRequest.map((s) => s.method)).toEqual(['GET', 'GET']);
    expect(queryOf(sub(first, 0))).toBe(
      "SELECT Id, FirstName, LastName, Email, Social_Author_Id__c, Social_Handle__c FROM Contact WHERE (Social_Author_Id__c IN ('twitter:42') OR Social_Handle__c IN ('ann\\'); DELETE') OR Email IN ('ann@example.com') OR Name IN ('Ann O\\'Brien'))",
    );
    expect(queryOf(sub(first, 1))).toBe(
      "SELECT Id, Subject, Status, IsClosed, ContactId, ParentId, Social_Post_Id__c, Social_Thread_Key__c, CreatedDate, ClosedDate FROM Case WHERE (Social_Thread_Key__c IN ('twitter:1') OR Social_Post_Id__c IN ('twitter:1','twitter:2'))",
    );
    expect(queryOf(sub(second, 0))).toBe("SELECT Id, ParentId, CommentBody FROM CaseComment WHERE ParentId IN ('500xx000001abcDAAQ')");
    expect(found.contacts).toEqual([
      { id: '003xx000004TmiQAAS', firstName: 'Ann', lastName: "O'Brien", email: 'ann@example.com', handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '42' }] },
    ]);
    expect(found.cases).toEqual([
      { id: '500xx000001abcDAAQ', subject: 'Help', status: 'New', isClosed: false, contactId: '003xx000004TmiQAAS', parentId: undefined, externalPostId: 'twitter:1', threadKey: 'twitter:1', createdAt: '2024-05-01T10:00:00.000Z', closedAt: undefined },
    ]);
    expect(found.comments).toEqual([{ id: '00axx000000001AAA', caseId: '500xx000001abcDAAQ', externalPostId: 'twitter:2' }]);
  });

  it('a failed query subrequest throws its Salesforce code (INVALID_FIELD when a custom field is missing)', async () => {
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => ({ body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'Social_Author_Id__c' on entity 'Contact'" }], httpHeaders: {}, httpStatusCode: 400, referenceId: s.referenceId })) }));
    const error = (await adapter.lookup({ identities: [{ provider: 'twitter', id: '1', handle: 'a' }], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx).catch((e: unknown) => e)) as Error & { errorCode?: string };
    expect(error.errorCode).toBe('INVALID_FIELD');
  });
});

describe('apply on the wire', () => {
  const contact = { key: 'twitter:42', fields: { firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com', handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} } };
  const caseFields = (key: string) => ({ externalPostId: key, threadKey: 'twitter:1', subject: 'Help', description: 'd', status: 'New', priority: 'High' as const, origin: 'Twitter', createdAt: '2024-05-01T10:00:00.000Z', custom: { Product__c: 'X' } });

  it('one Composite: Contacts upserted by External ID, Cases by External ID related through the parents’ External IDs, comments created', async () => {
    // The lookup saw neither Case: both are new, so their comment needs no check.
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => query([], s.referenceId)) }));
    await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: ['twitter:1', 'twitter:2', 'twitter:3'] }, ctx);
    ctx.reset();
    bodies.length = 0;
    composite((b) => ({
      compositeResponse: [
        ok([{ id: '003xx000004TmiQAAS', success: true, errors: [], created: true }], sub(b, 0).referenceId),
        ok([{ id: '500xx000001abcDAAQ', success: true, errors: [], created: true }], sub(b, 1).referenceId),
        ok([{ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject must not say help', fields: ['Subject'] }] }], sub(b, 2).referenceId),
        ok([{ id: '00axx000000001AAA', success: true, errors: [] }, { success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: twitter:2 not found for field Social_Post_Id__c in entity Case', fields: [] }] }], sub(b, 3).referenceId),
      ],
    }));
    const result = await adapter.apply(
      {
        contacts: [contact],
        cases: [
          { key: 'twitter:1', contact: { externalKey: 'twitter:42' }, fields: caseFields('twitter:1') },
          { key: 'twitter:2', contact: { externalKey: 'twitter:42' }, parent: { externalKey: 'twitter:1' }, fields: caseFields('twitter:2') },
        ],
        reopens: [],
        comments: [
          { key: 'twitter:3', case: { externalKey: 'twitter:1' }, fields: { externalPostId: 'twitter:3', body: '@ann: thanks\nhttps://x.com/ann/status/3', outbound: false, createdAt: '2024-05-01T10:00:00.000Z' } },
          { key: 'twitter:4', case: { externalKey: 'twitter:2' }, fields: { externalPostId: 'twitter:4', body: 'no url', outbound: true, createdAt: '2024-05-01T10:00:00.000Z' } },
        ],
      },
      ctx,
    );
    expect(ctx.calls).toBe(1);
    const body = bodies[0] as CompositeBody;
    expect(body).toMatchObject({ allOrNone: false, collateSubrequests: false });
    expect(body.compositeRequest.map((s) => `${s.method} ${s.url}`)).toEqual([
      `PATCH ${V}/composite/sobjects/Contact/Social_Author_Id__c`,
      `PATCH ${V}/composite/sobjects/Case/Social_Post_Id__c`,
      `PATCH ${V}/composite/sobjects/Case/Social_Post_Id__c`,
      `POST ${V}/composite/sobjects`,
    ]);
    expect(sub(body, 0).body).toEqual({
      allOrNone: false,
      records: [{ attributes: { type: 'Contact' }, Social_Author_Id__c: 'twitter:42', LastName: 'Lee', FirstName: 'Ann', Email: 'ann@example.com', Social_Handle__c: 'ann' }],
    });
    expect(sub(body, 1).body?.records).toEqual([
      { attributes: { type: 'Case' }, Social_Post_Id__c: 'twitter:1', Contact: { Social_Author_Id__c: 'twitter:42' }, Social_Thread_Key__c: 'twitter:1', Subject: 'Help', Description: 'd', Status: 'New', Priority: 'High', Origin: 'Twitter', Product__c: 'X' },
    ]);
    expect(sub(body, 2).body?.records[0]).toMatchObject({ Social_Post_Id__c: 'twitter:2', Parent: { Social_Post_Id__c: 'twitter:1' }, Contact: { Social_Author_Id__c: 'twitter:42' } });
    expect(sub(body, 3).body?.records).toEqual([
      { attributes: { type: 'CaseComment' }, Parent: { Social_Post_Id__c: 'twitter:1' }, CommentBody: '@ann: thanks\nhttps://x.com/ann/status/3', IsPublished: false },
      { attributes: { type: 'CaseComment' }, Parent: { Social_Post_Id__c: 'twitter:2' }, CommentBody: 'no url\ntwitter:4', IsPublished: false },
    ]);
    expect(result.contacts).toEqual([{ key: 'twitter:42', ok: true, id: '003xx000004TmiQAAS', created: true }]);
    expect(result.cases[0]).toEqual({ key: 'twitter:1', ok: true, id: '500xx000001abcDAAQ', created: true });
    expect(result.cases[1]).toMatchObject({ ok: false, error: { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', field: 'Subject' } });
    expect(result.comments[0]).toEqual({ key: 'twitter:3', ok: true, id: '00axx000000001AAA', created: true });
    expect(result.comments[1]).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_FAILED' } });
  });

  it('reopens by id, updates a matched Contact by id (External ID set only when it has none), and a row lock comes back as a retryable item failure (the engine sends it again after its backoff, not the adapter at once)', async () => {
    composite((b) => ({
      compositeResponse: [
        query([{ attributes: { type: 'Contact' }, Id: '003xx000004TmiQAAS', LastName: 'Lee', Email: 'ann@example.com', Social_Author_Id__c: null, Social_Handle__c: null }], sub(b, 0).referenceId),
      ],
    }));
    await adapter.lookup({ identities: [{ provider: 'twitter', id: '42', handle: 'ann', email: 'ann@example.com' }], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
    composite((b) => ({
      compositeResponse: [
        ok([{ id: '003xx000004TmiQAAS', success: true, errors: [] }], sub(b, 0).referenceId),
        ok([{ success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record', fields: [] }] }], sub(b, 1).referenceId),
      ],
    }));
    bodies.length = 0;
    ctx.reset();
    const result = await adapter.apply({ contacts: [{ ...contact, id: '003xx000004TmiQAAS' }], cases: [], reopens: [{ key: 'twitter:9', id: '500xx000001abcDAAQ', status: 'Working' }], comments: [] }, ctx);
    expect(ctx.calls).toBe(1);
    const body = bodies[0] as CompositeBody;
    expect(body.compositeRequest.map((s) => `${s.method} ${s.url}`)).toEqual([`PATCH ${V}/composite/sobjects`, `PATCH ${V}/composite/sobjects`]);
    expect(sub(body, 0).body?.records).toEqual([
      { attributes: { type: 'Contact' }, id: '003xx000004TmiQAAS', Social_Author_Id__c: 'twitter:42', LastName: 'Lee', FirstName: 'Ann', Email: 'ann@example.com', Social_Handle__c: 'ann' },
    ]);
    expect(sub(body, 1).body?.records).toEqual([{ attributes: { type: 'Case' }, id: '500xx000001abcDAAQ', Status: 'Working' }]);
    expect(result.contacts).toEqual([{ key: 'twitter:42', ok: true, id: '003xx000004TmiQAAS', created: false }]);
    expect(result.reopens).toMatchObject([{ key: 'twitter:9', ok: false, error: { code: 'UNABLE_TO_LOCK_ROW', retryable: true } }]);
  });

  it('more than 200 records: collections of 200, at most 5 per Composite call', async () => {
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => ok((s.body?.records ?? []).map((_r, i) => ({ id: `003xx0000${s.referenceId}${String(i).padStart(5, '0')}`.slice(0, 18).padEnd(18, 'A'), success: true, errors: [], created: true })), s.referenceId)) }), 2);
    const contacts = Array.from({ length: 1_001 }, (_, i) => ({ ...contact, key: `twitter:${i}` }));
    const result = await adapter.apply({ contacts, cases: [], reopens: [], comments: [] }, ctx);
    expect(ctx.calls).toBe(2);
    expect(bodies.map((b) => b.compositeRequest.map((s) => s.body?.records.length))).toEqual([[200, 200, 200, 200, 200], [1]]);
    expect(result.contacts.every((r) => r.ok)).toBe(true);
  });
});
