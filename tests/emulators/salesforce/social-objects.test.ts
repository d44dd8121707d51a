/** The emulated org's SocialPost and SocialPersona: describes with the Field Reference's lengths, SOQL on their fields, creates validated. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator } from './index.js';
import { connect } from './helpers.js';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(async () => {
  await emulator.close();
});

interface SaveResult {
  success: boolean;
  id?: string;
  errors: { statusCode: string; fields?: string[] }[];
}

describe('SocialPost and SocialPersona', () => {
  it('describe: the lengths and types of the Field Reference; ExternalPostId / ExternalId are not External IDs', async () => {
    const conn = connect(emulator);
    const post = await conn.sobject('SocialPost').describe();
    const f = (name: string) => post.fields.find((x) => x.name === name);
    expect([f('ExternalPostId')?.length, f('Handle')?.length, f('Name')?.length, f('Headline')?.length, f('Content')?.length]).toEqual([255, 255, 255, 255, 32_000]);
    expect(f('Content')?.type).toBe('textarea');
    expect(f('ExternalPostId')).toMatchObject({ type: 'string', externalId: false, idLookup: false });
    expect(f('MessageType')?.picklistValues?.map((p) => p.value)).toEqual(['Comment', 'Direct', 'Post', 'PrivateMessage', 'Reply', 'Retweet', 'Tweet']);
    const persona = await conn.sobject('SocialPersona').describe();
    expect(persona.fields.find((x) => x.name === 'ExternalId')).toMatchObject({ type: 'string', length: 255, externalId: false });
    expect(persona.fields.find((x) => x.name === 'Followers')?.type).toBe('int');
  });

  it('creates through sObject Collections, finds them by ExternalPostId / ExternalId IN (…), refuses values too long or off the picklist', async () => {
    const conn = connect(emulator);
    const contact = emulator.insert('Contact', { LastName: 'Lee', Social_Author_Id__c: 'twitter:42' });
    const kase = emulator.insert('Case', { Subject: 's', Social_Post_Id__c: 'twitter:1' });
    const [persona] = (await conn.request({ method: 'POST', url: `/services/data/v${emulator.apiVersion}/composite/sobjects`, body: JSON.stringify({ allOrNone: false, records: [{ attributes: { type: 'SocialPersona' }, Name: 'ann', Provider: 'Twitter', ExternalId: '42', ParentId: contact.Id }] }), headers: { 'content-type': 'application/json' } })) as SaveResult[];
    expect(persona?.success).toBe(true);
    const results = (await conn.request({
      method: 'POST',
      url: `/services/data/v${emulator.apiVersion}/composite/sobjects`,
      body: JSON.stringify({
        allOrNone: false,
        records: [
          { attributes: { type: 'SocialPost' }, Name: 'p', ExternalPostId: '1', Provider: 'Twitter', MessageType: 'Post', ParentId: kase.Id, PersonaId: persona?.id },
          { attributes: { type: 'SocialPost' }, Name: 'p', ExternalPostId: '2', Provider: 'Twitter', Handle: 'h'.repeat(256), ParentId: kase.Id },
          { attributes: { type: 'SocialPost' }, Name: 'p', ExternalPostId: '3', Provider: 'Twitter', MessageType: 'Toot', ParentId: kase.Id },
        ],
      }),
      headers: { 'content-type': 'application/json' },
    })) as SaveResult[];
    expect(results.map((r) => r.success)).toEqual([true, false, false]);
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: 'STRING_TOO_LONG', fields: ['Handle'] });
    expect(results[2]?.errors[0]).toMatchObject({ statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['MessageType'] });
    const found = await conn.query<{ Id: string; ExternalPostId: string; ParentId: string }>("SELECT Id, ExternalPostId, Provider, ParentId FROM SocialPost WHERE ExternalPostId IN ('1','2','3')");
    expect(found.records.map((r) => [r.ExternalPostId, r.ParentId])).toEqual([['1', kase.Id]]);
    const personas = await conn.query<{ ExternalId: string }>("SELECT Id, ExternalId, Provider, ParentId FROM SocialPersona WHERE ExternalId IN ('42')");
    expect(personas.records.map((r) => r.ExternalId)).toEqual(['42']);
  });
});
