/**
 * Social objects mode on the wire: the lookup asks SocialPost / SocialPersona by ExternalPostId /
 * ExternalId in its FIRST Composite call (beside Contacts and Cases), and apply creates the missing
 * SocialPersonas, then the SocialPosts (PersonaId from the first round, ReplyToId of a known
 * SocialPost), as sObject Collections creates: exact bodies and call counts pinned. Also: the
 * permission set's upsertMetadata envelope.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { salesforceAdapter, type SalesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { INSTANCE, LIMIT_INFO, V, describeReply } from './nock-fixtures.js';

interface Sub {
  method: string;
  url: string;
  referenceId: string;
  body?: { allOrNone?: boolean; records: Record<string, unknown>[] };
}
interface CompositeBody {
  compositeRequest: Sub[];
}

const ctx = countingCallContext();
const bodies: CompositeBody[] = [];
let adapter: SalesforceAdapter;

function composite(reply: (body: CompositeBody) => unknown) {
  return nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dxx!T' } })
    .post(`${V}/composite`)
    .reply(200, (_uri, raw) => {
      bodies.push(raw as CompositeBody);
      return reply(raw as CompositeBody);
    }, LIMIT_INFO);
}
const queryOf = (sub: Sub | undefined): string => decodeURIComponent(sub?.url.split('?q=')[1] ?? '');
const reply = (body: unknown, referenceId: string, status = 200) => ({ body, httpHeaders: {}, httpStatusCode: status, referenceId });
const rows = (records: unknown[], referenceId: string) => reply({ totalSize: records.length, done: true, records }, referenceId);
const created = (ids: string[], referenceId: string) => reply(ids.map((id) => ({ id, success: true, errors: [] })), referenceId, 200);

const CASE_ID = '500xx000001abcDAAQ';
const CONTACT_ID = '003xx000004TmiQAAS';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(async () => {
  bodies.length = 0;
  adapter = salesforceAdapter({ instanceUrl: INSTANCE, auth: { flow: 'access_token', accessToken: '00Dxx!T' } });
  composite((b) => describeReply(b, true));
  await adapter.describe(ctx);
  ctx.reset();
  bodies.length = 0;
});
afterEach(() => nock.cleanAll());

describe('social objects on the wire', () => {
  it('lookup: SocialPost and SocialPersona queries ride in the first Composite call; apply: personas, then posts', async () => {
    // Lookup round 1: Contacts, Cases, SocialPosts, SocialPersonas — one call. The parent post twitter:1 has its SocialPost already.
    composite((b) => ({
      compositeResponse: [
        rows([], b.compositeRequest[0]?.referenceId ?? ''),
        rows([{ attributes: { type: 'Case' }, Id: '500xx0000000000AAA', Subject: 'First', Status: 'New', IsClosed: false, ContactId: null, ParentId: null, Social_Post_Id__c: 'twitter:1', Social_Thread_Key__c: 'twitter:1', CreatedDate: '2025-03-01T08:00:00.000+0000', ClosedDate: null }], b.compositeRequest[1]?.referenceId ?? ''),
        rows([{ attributes: { type: 'SocialPost' }, Id: '0STxx0000000001AAA', ExternalPostId: '1', Provider: 'Twitter', ParentId: '500xx0000000000AAA' }], b.compositeRequest[2]?.referenceId ?? ''),
        rows([], b.compositeRequest[3]?.referenceId ?? ''),
      ],
    }));
    // (round 2 of the lookup: the comments of the Case found)
    composite((b) => ({ compositeResponse: [rows([], b.compositeRequest[0]?.referenceId ?? '')] }));
    await adapter.lookup({ identities: [{ provider: 'twitter', id: '42', handle: 'ann', displayName: 'Ann Lee' }], contactIds: [], threadKeys: ['twitter:1'], externalPostIds: ['twitter:1', 'twitter:2'] }, ctx);
    expect(ctx.calls).toBe(2);
    const first = bodies[0] as CompositeBody;
    expect(queryOf(first.compositeRequest[2])).toBe("SELECT Id, ExternalPostId, Provider, ParentId FROM SocialPost WHERE ExternalPostId IN ('1','2')");
    expect(queryOf(first.compositeRequest[3])).toBe("SELECT Id, ExternalId, Provider, ParentId FROM SocialPersona WHERE ExternalId IN ('42')");

    // Apply: Contact + Case upserts (one call), then the persona (one call), then the post (one call).
    ctx.reset();
    bodies.length = 0;
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s, i) => reply([{ id: i === 0 ? CONTACT_ID : CASE_ID, success: true, created: true, errors: [] }], s.referenceId)) }));
    composite((b) => ({ compositeResponse: [created(['0PNxx0000000001AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['0STxx0000000002AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    const result = await adapter.apply(
      {
        contacts: [{ key: 'twitter:42', fields: { lastName: 'Lee', firstName: 'Ann', handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '42' }], followers: 7, custom: {} } }],
        cases: [
          {
            key: 'twitter:2',
            contact: { externalKey: 'twitter:42' },
            parent: { id: '500xx0000000000AAA' },
            fields: { externalPostId: 'twitter:2', threadKey: 'twitter:1', subject: 'Router down', description: 'My router is down\nhttps://x.com/ann/status/2', status: 'New', priority: 'Medium', origin: 'Twitter', createdAt: '2025-03-01T09:00:00.000Z', custom: {} },
          },
        ],
        reopens: [],
        comments: [],
      },
      ctx,
    );
    expect(result.cases[0]).toMatchObject({ ok: true, id: CASE_ID });
    expect(ctx.calls).toBe(3);
    const [, personas, posts] = bodies as [CompositeBody, CompositeBody, CompositeBody];
    expect(personas.compositeRequest).toEqual([
      {
        method: 'POST',
        url: `${V}/composite/sobjects`,
        referenceId: 's0',
        body: {
          allOrNone: false,
          records: [{ attributes: { type: 'SocialPersona' }, ParentId: CONTACT_ID, Name: 'ann', Provider: 'Twitter', ExternalId: '42', RealName: 'Ann Lee', Followers: 7, ProfileUrl: 'https://x.com/ann' }],
        },
      },
    ]);
    expect(posts.compositeRequest[0]?.body?.records).toEqual([
      {
        attributes: { type: 'SocialPost' },
        Name: 'Router down',
        ExternalPostId: '2',
        Provider: 'Twitter',
        MessageType: 'Reply',
        IsOutbound: false,
        Content: 'My router is down\nhttps://x.com/ann/status/2',
        Handle: 'ann',
        ParentId: CASE_ID,
        WhoId: CONTACT_ID,
        PersonaId: '0PNxx0000000001AAA',
        ReplyToId: '0STxx0000000001AAA',
        Posted: '2025-03-01T09:00:00.000Z',
        PostUrl: 'https://x.com/ann/status/2',
      },
    ]);
  });

  it('a failed SocialPost round (its write may have happened) is never resent blindly: the next apply looks for the post first, and finds it', async () => {
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => rows([], s.referenceId)) }));
    await adapter.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: ['twitter:9'] }, ctx);
    const plan = {
      contacts: [],
      cases: [],
      reopens: [],
      comments: [{ key: 'twitter:9', case: { id: CASE_ID }, fields: { externalPostId: 'twitter:9', body: 'Thanks, fixed!', outbound: true, createdAt: '2025-03-01T10:00:00.000Z' } }],
    };
    // The comment: its Case's comments are checked (one call), then it is created (one call); the SocialPost round gets a 503.
    composite((b) => ({ compositeResponse: [rows([], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['00axx0000000009AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    const failed = nock(INSTANCE).post(`${V}/composite`).reply(503, '<html>Service Unavailable</html>', { 'Content-Type': 'text/html' });
    ctx.reset();
    bodies.length = 0;
    const error = await adapter.apply(plan, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(failed.isDone()).toBe(true);
    expect(bodies.length).toBe(2);
    nock.cleanAll();
    // The rerun: the SocialPost is looked for (it was written after all) and not created again.
    ctx.reset();
    bodies.length = 0;
    composite((b) => ({ compositeResponse: [rows([{ attributes: { type: 'SocialPost' }, Id: '0STxx0000000009AAA', ExternalPostId: '9', Provider: 'Twitter', ParentId: CASE_ID }], b.compositeRequest[0]?.referenceId ?? '')] }));
    const again = await adapter.apply(plan, ctx);
    expect(again.comments[0]).toMatchObject({ ok: true, id: '00axx0000000009AAA', created: false });
    expect(bodies.map((b) => b.compositeRequest.map((s) => `${s.method} ${queryOf(s) || s.url}`))).toEqual([["GET SELECT Id, ExternalPostId, Provider, ParentId FROM SocialPost WHERE ExternalPostId IN ('9')"]]);
  });
});

describe('social objects: comments and refusals on the wire', () => {
  const inboundPlan = {
    contacts: [],
    cases: [],
    reopens: [],
    comments: [{ key: 'twitter:9', case: { id: CASE_ID }, fields: { externalPostId: 'twitter:9', body: '@ann: still down\nhttps://x.com/ann/status/9', outbound: false, createdAt: '2025-03-01T10:00:00.000Z' } }],
  };
  const lookupWithPosts = async (): Promise<void> => {
    // Round 1: no Contact, no Case; no SocialPost for twitter:9; the author's SocialPersona exists.
    composite((b) => ({
      compositeResponse: b.compositeRequest.map((s) =>
        queryOf(s).includes('FROM SocialPersona') ? rows([{ attributes: { type: 'SocialPersona' }, Id: '0PNxx0000000042AAA', ExternalId: '42', Provider: 'Twitter', ParentId: CONTACT_ID }], s.referenceId) : rows([], s.referenceId),
      ),
    }));
    await adapter.lookup(
      { identities: [{ provider: 'twitter', id: '42', handle: 'ann' }], contactIds: [], threadKeys: [], externalPostIds: ['twitter:9'], posts: [{ key: 'twitter:9', outbound: false, author: { provider: 'twitter', id: '42', handle: 'ann' } }] },
      ctx,
    );
  };

  it("an inbound comment's SocialPost names its author (PersonaId, Handle) when the lookup request told who wrote it", async () => {
    await lookupWithPosts();
    composite((b) => ({ compositeResponse: [rows([], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['00axx0000000009AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['0STxx0000000009AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    bodies.length = 0;
    const result = await adapter.apply(inboundPlan, ctx);
    expect(result.comments[0]).toMatchObject({ ok: true, created: true });
    expect(bodies[2]?.compositeRequest[0]?.body?.records[0]).toMatchObject({ ExternalPostId: '9', IsOutbound: false, Handle: 'ann', PersonaId: '0PNxx0000000042AAA', MessageType: 'Reply' });
  });

  it('a refused SocialPost create is a warning of the apply (the comment is ok), and is sent again by the next apply', async () => {
    await lookupWithPosts();
    composite((b) => ({ compositeResponse: [rows([], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['00axx0000000009AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({
      compositeResponse: [reply([{ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Posts need a topic', fields: [] }] }], b.compositeRequest[0]?.referenceId ?? '')],
    }));
    const result = await adapter.apply(inboundPlan, ctx);
    expect(result.comments[0]).toMatchObject({ ok: true, id: '00axx0000000009AAA' });
    expect(result.warnings).toEqual([{ postId: 'twitter:9', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: expect.stringContaining('SocialPost not created (FIELD_CUSTOM_VALIDATION_EXCEPTION: Posts need a topic)') as unknown as string }]);
    // The next apply (next batch, nothing else to write) sends the SocialPost again, and it lands.
    bodies.length = 0;
    composite((b) => ({ compositeResponse: [created(['0STxx0000000009AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    const next = await adapter.apply({ contacts: [], cases: [], reopens: [], comments: [] }, ctx);
    expect(next.warnings).toBeUndefined();
    expect(bodies.map((b) => b.compositeRequest.map((s) => s.body?.records.map((r) => r['ExternalPostId'])))).toEqual([[['9']]]);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('social objects without a lookup first: riders in the write Composites', () => {
  it('the SocialPost/SocialPersona checks ride in the first write Composite, the persona with the comment create: 4 calls', async () => {
    const first = { externalPostId: 'twitter:20', threadKey: 'twitter:20', subject: 'Down', description: 'Down again', status: 'New', priority: 'Medium' as const, origin: 'Twitter', createdAt: '2025-03-01T09:00:00.000Z', custom: {} };
    const plan = {
      contacts: [{ key: 'twitter:42', fields: { lastName: 'Lee', handles: [{ provider: 'twitter', handle: 'ann' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} } }],
      cases: [{ key: 'twitter:20', contact: { externalKey: 'twitter:42' }, fields: first }],
      reopens: [],
      comments: [{ key: 'twitter:21', case: { externalKey: 'twitter:20' }, fields: { externalPostId: 'twitter:21', body: 'We are on it', outbound: true, createdAt: '2025-03-01T09:05:00.000Z' } }],
    };
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => (s.method === 'GET' ? rows([], s.referenceId) : reply([{ id: s.url.includes('/Contact/') ? CONTACT_ID : CASE_ID, success: true, created: true, errors: [] }], s.referenceId))) }));
    composite((b) => ({ compositeResponse: b.compositeRequest.map((s) => created([s.referenceId === 'p0' ? '0PNxx0000000042AAA' : '00axx0000000021AAA'], s.referenceId)) }));
    composite((b) => ({ compositeResponse: [created(['0STxx0000000020AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    composite((b) => ({ compositeResponse: [created(['0STxx0000000021AAA'], b.compositeRequest[0]?.referenceId ?? '')] }));
    const result = await adapter.apply(plan, ctx);
    expect(result.comments[0]).toMatchObject({ ok: true, created: true });
    expect(ctx.calls).toBe(4);
    const shape = bodies.map((b) => b.compositeRequest.map((s) => `${s.method} ${queryOf(s) || s.url.replace(V, '')} ${s.body?.records.map((r) => (r['attributes'] as { type: string }).type).join(',') ?? ''}`.trim()));
    expect(shape).toEqual([
      [
        "GET SELECT Id, ExternalPostId, Provider, ParentId FROM SocialPost WHERE ExternalPostId IN ('20','21')",
        "GET SELECT Id, ExternalId, Provider, ParentId FROM SocialPersona WHERE ExternalId IN ('42')",
        'PATCH /composite/sobjects/Contact/Social_Author_Id__c Contact',
        'PATCH /composite/sobjects/Case/Social_Post_Id__c Case',
      ],
      ['POST /composite/sobjects SocialPersona', 'POST /composite/sobjects CaseComment'],
      ['POST /composite/sobjects SocialPost'],
      ['POST /composite/sobjects SocialPost'],
    ]);
    expect(bodies[2]?.compositeRequest[0]?.body?.records[0]).toMatchObject({ ExternalPostId: '20', PersonaId: '0PNxx0000000042AAA', WhoId: CONTACT_ID });
    expect(bodies[3]?.compositeRequest[0]?.body?.records[0]).toMatchObject({ ExternalPostId: '21', IsOutbound: true, ReplyToId: '0STxx0000000020AAA' });
  });
});

describe('the permission set on the wire (Metadata API upsertMetadata)', () => {
  it('--check --apply sends one upsertMetadata PermissionSet with fieldPermissions and objectPermissions', async () => {
    let envelope = '';
    let soapAction: unknown;
    nock(INSTANCE)
      .post('/services/Soap/m/62.0', (body: string) => {
        envelope = body;
        return true;
      })
      .reply(function upsertReply() {
        soapAction = this.req.headers['soapaction'];
        return [
          200,
          '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata"><soapenv:Body><upsertMetadataResponse><result><created>true</created><fullName>Social_CRM_Connector</fullName><success>true</success></result></upsertMetadataResponse></soapenv:Body></soapenv:Envelope>',
          { 'Content-Type': 'text/xml' },
        ];
      });
    composite((b) => describeReply(b, true));
    const report = await adapter.check?.(ctx, { apply: true });
    const item = report?.items.find((i) => i.what.startsWith('Permission set Social_CRM_Connector'));
    expect(item).toMatchObject({ ok: true, applied: true, detail: 'created through the Metadata API; not assigned yet' });
    expect(soapAction).toBe('""');
    expect(envelope).toContain('<soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata"><upsertMetadata><metadata xsi:type="PermissionSet">');
    expect(envelope).toMatch(/<metadata xsi:type="PermissionSet">/);
    expect(envelope).toContain('<fullName>Social_CRM_Connector</fullName><label>Social CRM Connector</label>');
    for (const field of ['Case.Social_Post_Id__c', 'Case.Social_Thread_Key__c', 'Contact.Social_Author_Id__c', 'Contact.Social_Handle__c']) {
      expect(envelope).toContain(`<fieldPermissions><field>${field}</field><editable>true</editable><readable>true</readable></fieldPermissions>`);
    }
    for (const object of ['Case', 'Contact', 'SocialPersona', 'SocialPost']) {
      expect(envelope).toContain(`<objectPermissions><object>${object}</object><allowCreate>true</allowCreate><allowRead>true</allowRead><allowEdit>true</allowEdit><allowDelete>false</allowDelete><viewAllRecords>false</viewAllRecords><modifyAllRecords>false</modifyAllRecords></objectPermissions>`);
    }
  });
});
