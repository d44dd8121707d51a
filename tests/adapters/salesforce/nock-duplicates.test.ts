import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { salesforceAdapter, type DuplicatePolicy } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { INSTANCE, LIMIT_INFO, V, describeReply } from './nock-fixtures.js';

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body?: { records: Record<string, unknown>[] };
  httpHeaders?: Record<string, string>;
}
type Body = { compositeRequest: Sub[] };
const bodies: Body[] = [];
const composite = (reply: (b: Body) => unknown) =>
  nock(INSTANCE).post(`${V}/composite`).reply(200, (_u, raw) => {
    bodies.push(raw as Body);
    return reply(raw as Body);
  }, LIMIT_INFO);
const ok = (body: unknown, referenceId: string) => ({ body, httpHeaders: {}, httpStatusCode: 200, referenceId });
const DUPLICATE = '003xx000009DupAAAA';
const duplicateError = {
  success: false,
  errors: [
    {
      statusCode: 'DUPLICATES_DETECTED',
      message: 'Use one of these records?',
      fields: [],
      duplicateResult: {
        allowSave: true,
        duplicateRule: 'Standard_Contact_Duplicate_Rule',
        duplicateRuleEntityType: 'Contact',
        errorMessage: 'Use one of these records?',
        matchResults: [{ entityType: 'Contact', errors: [], matchEngine: 'FuzzyMatchEngine', matchRecords: [{ additionalInformation: [], fieldDiffs: [], matchConfidence: 100, record: { attributes: { type: 'Contact', url: `${V}/sobjects/Contact/${DUPLICATE}` }, Id: DUPLICATE } }], rule: 'Standard_Contact_Match_Rule_v1_1', size: 1, success: true }],
      },
    },
  ],
};
const plan = {
  contacts: [{ key: 'twitter:42', fields: { lastName: 'Lee', email: 'ann@example.com', handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} } }],
  cases: [{ key: 'twitter:1', contact: { externalKey: 'twitter:42' }, fields: { externalPostId: 'twitter:1', threadKey: 'twitter:1', subject: 's', description: 'd', status: 'New', priority: 'Low' as const, origin: 'Twitter', createdAt: '2024-01-01T00:00:00.000Z', custom: {} } }],
  reopens: [],
  comments: [],
};

async function adapterWith(duplicates: DuplicatePolicy) {
  const adapter = salesforceAdapter({ instanceUrl: INSTANCE, auth: { flow: 'access_token', accessToken: 'T' }, duplicates });
  composite((b) => describeReply(b as never));
  await adapter.describe(countingCallContext());
  bodies.length = 0;
  return adapter;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('DUPLICATES_DETECTED from the org’s duplicate rules', () => {
  it('fail (default): the Contact and its Case fail; the message names the duplicate', async () => {
    const adapter = await adapterWith('fail');
    composite((b) => ({ compositeResponse: [ok([duplicateError], b.compositeRequest[0]?.referenceId ?? ''), ok([{ success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: twitter:42 not found', fields: [] }] }], b.compositeRequest[1]?.referenceId ?? '')] }));
    const result = await adapter.apply(plan, countingCallContext());
    expect(result.contacts[0]).toMatchObject({ ok: false, error: { code: 'DUPLICATES_DETECTED' } });
    expect(result.contacts[0]?.error?.message).toContain(DUPLICATE);
    expect(result.cases[0]).toMatchObject({ ok: false, error: { code: 'DEPENDENCY_FAILED' } });
    expect(bodies[0]?.compositeRequest[0]?.httpHeaders).toBeUndefined();
  });

  it('allowSave: the Contact subrequests carry Sforce-Duplicate-Rule-Header: allowSave=true', async () => {
    const adapter = await adapterWith('allowSave');
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s, i) => ok([{ id: i === 0 ? '003xx000004TmiQAAS' : '500xx000001abcDAAQ', success: true, errors: [], created: true }], s.referenceId)) }));
    const result = await adapter.apply(plan, countingCallContext());
    expect(bodies[0]?.compositeRequest[0]?.httpHeaders).toEqual({ 'Sforce-Duplicate-Rule-Header': 'allowSave=true' });
    expect(bodies[0]?.compositeRequest[1]?.httpHeaders).toBeUndefined();
    expect(result.cases[0]).toMatchObject({ ok: true, created: true });
  });

  it('useDuplicate: the reported Contact is used (External ID set on it) and the Case is sent again with its id', async () => {
    const adapter = await adapterWith('useDuplicate');
    composite((b) => ({ compositeResponse: [ok([duplicateError], b.compositeRequest[0]?.referenceId ?? ''), ok([{ success: false, errors: [{ statusCode: 'INVALID_FIELD', message: 'Foreign key external ID: twitter:42 not found', fields: [] }] }], b.compositeRequest[1]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s, i) => ok([{ id: i === 0 ? DUPLICATE : '500xx000001abcDAAQ', success: true, errors: [], created: i === 1 }], s.referenceId)) }));
    const ctx = countingCallContext();
    const result = await adapter.apply(plan, ctx);
    expect(ctx.calls).toBe(2);
    const second = bodies[1]?.compositeRequest ?? [];
    expect(second.map((s) => `${s.method} ${s.url}`)).toEqual([`PATCH ${V}/composite/sobjects`, `PATCH ${V}/composite/sobjects/Case/Social_Post_Id__c`]);
    expect(second[0]?.body?.records[0]).toMatchObject({ id: DUPLICATE, Social_Author_Id__c: 'twitter:42' });
    expect(second[1]?.body?.records[0]).toMatchObject({ ContactId: DUPLICATE });
    expect(result.contacts[0]).toEqual({ key: 'twitter:42', ok: true, id: DUPLICATE, created: false });
    expect(result.cases[0]).toEqual({ key: 'twitter:1', ok: true, id: '500xx000001abcDAAQ', created: true });
  });
});
