/** The emulator itself, driven by the real axios the way Sugar's documentation describes the API. */
import axios, { type AxiosInstance } from 'axios';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSugarEmulator, type SugarEmulator } from './index.js';

const login = { grant_type: 'password', client_id: 'sugar', client_secret: '', username: 'admin', password: 'password', platform: 'social_sync' };

let emu: SugarEmulator;
let http: AxiosInstance;
beforeEach(async () => {
  emu = await startSugarEmulator({ accessTtlSeconds: 60 });
  http = axios.create({ baseURL: `${emu.url}/rest/v11`, validateStatus: () => true });
});
afterEach(async () => {
  await emu.close();
});

async function token(body = login): Promise<{ access_token: string; refresh_token: string; expires_in: number }> {
  const reply = await http.post('/oauth2/token', body);
  expect(reply.status).toBe(200);
  return reply.data as { access_token: string; refresh_token: string; expires_in: number };
}

describe('Sugar emulator: tokens', () => {
  it('answers the documented token shape; only OAuth-Token authenticates', async () => {
    const t = await token();
    expect(t).toMatchObject({ expires_in: 60, token_type: 'bearer', scope: null, refresh_expires_in: 1_209_600 });
    expect((await http.get('/metadata', { headers: { 'OAuth-Token': t.access_token } })).status).toBe(200);
    const bearer = await http.get('/metadata', { headers: { Authorization: `Bearer ${t.access_token}` } });
    expect(bearer.status).toBe(401);
    expect(bearer.data).toEqual({ error: 'need_login', error_message: 'No valid authentication for user.' });
  });

  it('expires tokens, rotates refresh tokens and keeps one live session per user and platform', async () => {
    const first = await token();
    emu.advance(61_000);
    const expired = await http.get('/metadata', { headers: { 'OAuth-Token': first.access_token } });
    expect(expired.status).toBe(401);
    expect(expired.data.error).toBe('invalid_grant');
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'sugar', client_secret: '', platform: 'social_sync' } as never);
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    const reused = await http.post('/oauth2/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token, client_id: 'sugar', client_secret: '', platform: 'social_sync' });
    expect(reused.status).toBe(400);
    expect(reused.data.error).toBe('invalid_grant');
    const second = await token();
    expect((await http.get('/metadata', { headers: { 'OAuth-Token': refreshed.access_token } })).status).toBe(401);
    expect((await http.get('/metadata', { headers: { 'OAuth-Token': second.access_token } })).status).toBe(200);
    const other = await token({ ...login, platform: 'base' });
    expect((await http.get('/metadata', { headers: { 'OAuth-Token': second.access_token } })).status).toBe(200);
    expect(other.access_token).not.toBe(second.access_token);
  });

  it('refuses an unregistered platform with EXCEPTION_INVALID_PLATFORM and a bad password with need_login', async () => {
    const platform = await http.post('/oauth2/token', { ...login, platform: 'nope' });
    expect(platform.status).toBe(422);
    expect(platform.data).toEqual({ error: 'invalid_parameter', error_message: 'EXCEPTION_INVALID_PLATFORM' });
    const password = await http.post('/oauth2/token', { ...login, password: 'wrong' });
    expect(password.status).toBe(401);
    expect(password.data.error).toBe('need_login');
  });
});

describe('Sugar emulator: records', () => {
  let headers: Record<string, string>;
  beforeEach(async () => {
    headers = { 'OAuth-Token': (await token()).access_token };
  });

  it('creates with a client id, answers 422 on the repeat, drops unknown fields and ignores null', async () => {
    const id = '0b6f4f5e-0000-5000-8000-000000000001';
    const created = await http.post('/Cases', { id, name: 'x', status: 'New', typo_field_c: 'lost', description: null }, { headers });
    expect(created.status).toBe(200);
    expect(created.data).toMatchObject({ id, name: 'x', case_number: 1, _module: 'Cases' });
    expect(created.data).not.toHaveProperty('typo_field_c');
    const again = await http.post('/Cases', { id, name: 'x' }, { headers });
    expect(again.status).toBe(422);
    expect(again.data.error).toBe('invalid_parameter');
    expect(again.data.error_message).toMatch(/already exists/);
    const updated = await http.put(`/Cases/${id}`, { status: 'Closed', name: null }, { headers });
    expect(updated.data).toMatchObject({ status: 'Closed', name: 'x' });
    expect((await http.put('/Cases/nope', { status: 'New' }, { headers })).status).toBe(404);
  });

  it('filters with $in, $or (fields of one definition OR-ed), $equals, $and, and pages with next_offset', async () => {
    for (let i = 0; i < 5; i += 1) {
      await http.post('/Contacts', { last_name: `L${i}`, twitter: `Handle${i}`, email: [{ email_address: `p${i}@x.example`, primary_address: true }] }, { headers });
    }
    const body = { filter: [{ $or: [{ twitter: { $in: ['handle1', 'HANDLE2'] } }, { email: { $equals: 'P4@x.example' } }] }], max_num: 2, offset: 0, fields: 'last_name,twitter' };
    const page1 = await http.post('/Contacts/filter', body, { headers });
    expect(page1.data.records).toHaveLength(2);
    expect(page1.data.next_offset).toBe(2);
    expect(Object.keys(page1.data.records[0]).sort()).toEqual(['_module', 'date_modified', 'id', 'last_name', 'twitter']);
    const page2 = await http.post('/Contacts/filter', { ...body, offset: 2 }, { headers });
    expect(page2.data.next_offset).toBe(-1);
    const names = [...page1.data.records, ...page2.data.records].map((r: { last_name: string }) => r.last_name).sort();
    expect(names).toEqual(['L1', 'L2', 'L4']);
    const oneDefinition = await http.post('/Contacts/filter', { filter: [{ $or: [{ twitter: 'handle0', last_name: 'L3' }] }] }, { headers });
    expect(oneDefinition.data.records).toHaveLength(2);
    const and = await http.post('/Contacts/filter', { filter: [{ $and: [{ twitter: 'handle0' }, { last_name: { $equals: 'L3' } }] }] }, { headers });
    expect(and.data.records).toHaveLength(0);
    const unknown = await http.post('/Contacts/filter', { filter: [{ nope_c: 'x' }] }, { headers });
    expect(unknown.status).toBe(422);
  });

  it('runs bulk sub-requests in order, each with its own status, and links records', async () => {
    const reply = await http.post(
      '/bulk',
      {
        requests: [
          { url: '/v11/Contacts', method: 'POST', data: JSON.stringify({ id: 'c1', last_name: 'A' }) },
          { url: '/v11/Cases', method: 'POST', data: JSON.stringify({ id: 'k1', name: 'A', primary_contact_id: 'c1' }) },
          { url: '/v11/Cases', method: 'POST', data: JSON.stringify({ id: 'k1', name: 'again' }) },
          { url: '/v11/Cases/k1/link/contacts/c1', method: 'POST', data: '{}' },
          { url: '/v11/Cases/missing', method: 'PUT', data: JSON.stringify({ status: 'New' }) },
        ],
      },
      { headers },
    );
    expect(reply.status).toBe(200);
    expect(reply.data.map((r: { status: number }) => r.status)).toEqual([200, 200, 422, 200, 404]);
    expect(reply.data[2].contents.error).toBe('invalid_parameter');
    expect(emu.records.linked('Cases', 'k1', 'contacts')).toEqual(['c1']);
    expect(emu.stats.byRoute['POST /bulk']).toBe(1);
    expect(emu.stats.subRequests).toBe(5);
  });

  it('reports metadata and enum values, refuses modules the user may not touch', async () => {
    const meta = await http.get('/metadata', { headers, params: { type_filter: 'modules', module_filter: 'Cases,Notes' } });
    expect(Object.keys(meta.data.modules)).toEqual(['Cases', 'Notes']);
    expect(meta.data.modules.Cases.fields.status).toMatchObject({ type: 'enum', options: 'case_status_dom' });
    expect((await http.get('/Cases/enum/status', { headers })).data).toMatchObject({ New: 'New', Closed: 'Closed' });
    emu.setDenials({ Cases: ['create'] });
    const denied = await http.post('/Cases', { name: 'x' }, { headers });
    expect(denied.status).toBe(403);
    expect(denied.data.error).toBe('not_authorized');
  });

  it('injects faults: maintenance with Retry-After, proxy 502, and a write applied before the connection drops', async () => {
    emu.failNext('maintenance');
    const maintenance = await http.get('/metadata', { headers });
    expect(maintenance.status).toBe(503);
    expect(maintenance.headers['retry-after']).toBe('1');
    expect(maintenance.data.error).toBe('maintenance');
    emu.failNext('badGateway');
    expect((await http.get('/metadata', { headers })).status).toBe(502);
    emu.failNext('dropAfterWrite');
    await expect(http.post('/Cases', { id: 'dropped', name: 'y' }, { headers })).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|ERR_/) });
    expect(emu.records.get('Cases', 'dropped')).toMatchObject({ name: 'y' });
  });
});
