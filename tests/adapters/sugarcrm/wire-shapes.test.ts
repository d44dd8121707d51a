/**
 * The exact requests the adapter sends, pinned with nock against Sugar's documented shapes: the
 * password grant, `POST /<Module>/filter` bodies, `POST /bulk` bodies (data as a JSON-encoded string,
 * URLs starting with the version) and the `OAuth-Token` header (never `Authorization`).
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sugarcrmAdapter } from '../../../src/adapters/sugarcrm/index.js';
import { caseIdOf, contactIdOf } from '../../../src/adapters/sugarcrm/ids.js';
import { countingCallContext } from '../../../src/testing/index.js';

const BASE = 'https://acme.sugarondemand.com';
const auth = { username: 'sync-user', password: 'pw-secret', clientId: 'sugar', clientSecret: '', platform: 'social_sync' };
const TOKEN = { access_token: 'a1b2c3', expires_in: 3600, token_type: 'bearer', scope: null, refresh_token: 'r1', refresh_expires_in: 1209600, download_token: 'd1' };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

type Seen = { body: unknown; headers: Record<string, string | string[] | undefined> };

function tokenScope(): Seen[] {
  const seen: Seen[] = [];
  nock(BASE)
    .post('/rest/v11/oauth2/token', (body: unknown) => {
      seen.push({ body, headers: {} });
      return true;
    })
    .reply(200, TOKEN);
  return seen;
}

function capture(path: string, replies: unknown[]): Seen[] {
  const seen: Seen[] = [];
  for (const reply of replies) {
    nock(BASE)
      .post(path, (body: unknown) => {
        seen.push({ body, headers: {} });
        return true;
      })
      .reply(function reply200() {
        const last = seen.at(-1);
        if (last) last.headers = this.req.headers;
        return [200, reply];
      });
  }
  return seen;
}

const who = { provider: 'twitter', id: '42', handle: 'AnaSupport', displayName: 'Ana López', email: 'Ana@Example.com' };

describe('SugarCRM wire shapes', () => {
  it('logs in once with the documented password grant and sends the token as OAuth-Token only', async () => {
    const login = tokenScope();
    const contacts = capture('/rest/v11/Contacts/filter', [{ next_offset: -1, records: [] }]);
    const adapter = sugarcrmAdapter({ baseUrl: BASE, auth });
    await adapter.lookup({ identities: [who], contactIds: ['c-9'], threadKeys: [], externalPostIds: [] }, countingCallContext());
    expect(login.map((s) => s.body)).toEqual([
      { grant_type: 'password', username: 'sync-user', password: 'pw-secret', client_id: 'sugar', client_secret: '', platform: 'social_sync' },
    ]);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.headers['oauth-token']).toBe('a1b2c3');
    expect(contacts[0]?.headers['authorization']).toBeUndefined();
    expect(contacts[0]?.headers['content-type']).toMatch(/application\/json/);
    expect(contacts[0]?.body).toEqual({
      filter: [
        {
          $or: [
            { social_author_id_c: { $in: ['twitter:42'] } },
            { twitter: { $in: ['AnaSupport', 'anasupport', '@AnaSupport', '@anasupport'] } },
            { email: { $equals: 'ana@example.com' } },
            { $and: [{ first_name: { $equals: 'Ana' } }, { last_name: { $equals: 'López' } }] },
            { id: { $in: ['c-9'] } },
          ],
        },
      ],
      max_num: 200,
      offset: 0,
      fields: 'first_name,last_name,email,twitter,social_author_id_c',
    });
  });

  it('pages Cases and Notes through next_offset until -1', async () => {
    tokenScope();
    const record = (id: string) => ({ id, date_modified: '2026-01-01T00:00:00+00:00', status: 'New', social_post_id_c: `twitter:${id}`, social_thread_key_c: 'twitter:t' });
    const cases = capture('/rest/v11/Cases/filter', [
      { next_offset: 200, records: [record('1')] },
      { next_offset: -1, records: [record('2')] },
    ]);
    const notes = capture('/rest/v11/Notes/filter', [{ next_offset: -1, records: [{ id: 'n1', parent_type: 'Cases', parent_id: '1', social_post_id_c: 'twitter:9' }] }]);
    const adapter = sugarcrmAdapter({ baseUrl: BASE, auth });
    const found = await adapter.lookup({ identities: [], contactIds: [], threadKeys: ['twitter:t'], externalPostIds: ['twitter:9'] }, countingCallContext());
    expect(found.cases.map((c) => c.id)).toEqual(['1', '2']);
    expect(found.comments).toEqual([{ id: 'n1', caseId: '1', externalPostId: 'twitter:9' }]);
    expect(cases.map((s) => (s.body as { offset: number }).offset)).toEqual([0, 200]);
    expect((cases[0]?.body as { filter: unknown }).filter).toEqual([
      { $or: [{ social_thread_key_c: { $in: ['twitter:t'] } }, { social_post_id_c: { $in: ['twitter:9'] } }] },
    ]);
    expect(notes[0]?.body).toEqual({ filter: [{ social_post_id_c: { $in: ['twitter:9'] } }], max_num: 200, offset: 0, fields: 'parent_type,parent_id,social_post_id_c' });
  });

  it('writes through POST /bulk with versioned URLs, JSON-encoded data and deterministic ids', async () => {
    tokenScope();
    const contactId = contactIdOf('twitter:42');
    const caseId = caseIdOf('twitter:100');
    const bulk = capture('/rest/v11/bulk', [
      [{ status: 200, contents: { id: contactId }, headers: {} }],
      [{ status: 422, contents: { error: 'invalid_parameter', error_message: `Record already exists: ${caseId} in module: Cases` }, headers: {} }],
    ]);
    const adapter = sugarcrmAdapter({ baseUrl: BASE, auth, accountId: 'acc-1', caseSource: 'Twitter' });
    const result = await adapter.apply(
      {
        contacts: [{ key: 'twitter:42', fields: { firstName: 'Ana', lastName: 'López', email: 'ana@example.com', handles: [{ provider: 'twitter', handle: 'AnaSupport' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} } }],
        cases: [
          {
            key: 'twitter:100',
            contact: { externalKey: 'twitter:42' },
            fields: { externalPostId: 'twitter:100', threadKey: 'twitter:100', subject: 'Order late', description: 'My order is late', status: 'New', priority: 'High', origin: 'Twitter', createdAt: '2026-01-01T00:00:00Z', custom: { lead_c: 'x', empty_c: null } },
          },
        ],
        reopens: [],
        comments: [],
      },
      countingCallContext(),
    );
    expect(result.contacts).toEqual([{ key: 'twitter:42', ok: true, id: contactId, created: true }]);
    expect(result.cases).toEqual([{ key: 'twitter:100', ok: true, id: caseId, created: false }]);
    expect(bulk[0]?.headers['oauth-token']).toBe('a1b2c3');
    const [contactsBody, casesBody] = bulk.map((s) => s.body as { requests: { url: string; method: string; data: string }[] });
    expect(contactsBody?.requests.map((r) => [r.url, r.method, typeof r.data])).toEqual([['/v11/Contacts', 'POST', 'string']]);
    expect(JSON.parse(contactsBody?.requests[0]?.data ?? '')).toEqual({
      id: contactId,
      last_name: 'López',
      first_name: 'Ana',
      twitter: 'AnaSupport',
      social_author_id_c: 'twitter:42',
      email: [{ email_address: 'ana@example.com', primary_address: true }],
    });
    expect(JSON.parse(casesBody?.requests[0]?.data ?? '')).toEqual({
      lead_c: 'x',
      id: caseId,
      name: 'Order late',
      description: 'My order is late',
      status: 'New',
      priority: 'P1',
      primary_contact_id: contactId,
      social_post_id_c: 'twitter:100',
      social_thread_key_c: 'twitter:100',
      account_id: 'acc-1',
      source: 'Twitter',
    });
  });

  it('says what to register where when the platform is unknown, without the password', async () => {
    nock(BASE).post('/rest/v11/oauth2/token').reply(422, { error: 'invalid_parameter', error_message: 'EXCEPTION_INVALID_PLATFORM' });
    const adapter = sugarcrmAdapter({ baseUrl: BASE, auth });
    const error = await adapter.lookup({ identities: [who], contactIds: [], threadKeys: [], externalPostIds: [] }, countingCallContext()).catch((e: unknown) => e);
    expect(String(error)).toContain('Admin > Configure API Platforms');
    expect(String(error)).toContain("'social_sync'");
    expect(String(error)).not.toContain('pw-secret');
    expect(adapter.classifyError(error)).toMatchObject({ authFailed: true, retryable: false, reason: expect.stringContaining('Admin > Configure API Platforms') });
  });
});
