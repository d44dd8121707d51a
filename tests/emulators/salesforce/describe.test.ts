import { afterEach, describe, expect, it } from 'vitest';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from './index.js';
import { connect, rejection } from './helpers.js';

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});
async function start(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  emulator = await startSalesforceEmulator(options);
  return emulator;
}

describe('describes', () => {
  it('Case and Contact carry the real field lengths and the configured custom fields', async () => {
    const conn = connect(await start());
    const caseDescribe = await conn.sobject('Case').describe();
    const field = (name: string) => caseDescribe.fields.find((f) => f.name === name);
    expect(field('Subject')).toMatchObject({ type: 'string', length: 255, createable: true, filterable: true });
    expect(field('Description')).toMatchObject({ type: 'textarea', length: 32000, filterable: false });
    expect(field('Social_Post_Id__c')).toMatchObject({ externalId: true, unique: true, custom: true, length: 255 });
    expect(field('Social_Thread_Key__c')).toMatchObject({ externalId: true, unique: false });
    expect(field('ContactId')).toMatchObject({ relationshipName: 'Contact', referenceTo: ['Contact'] });
    expect(field('Origin')?.picklistValues?.map((p) => p.value)).toEqual(['Phone', 'Email', 'Web', 'Twitter']);
    expect(caseDescribe.childRelationships.map((c) => c.relationshipName)).toContain('CaseComments');
    const contact = await conn.sobject('Contact').describe();
    expect(contact.fields.find((f) => f.name === 'LastName')).toMatchObject({ length: 80, nillable: false });
    const comment = await conn.sobject('CaseComment').describe();
    expect(comment.fields.find((f) => f.name === 'CommentBody')).toMatchObject({ length: 4000, filterable: false });
  });

  it('follows the options: no Twitter origin, other statuses, no social objects, absent custom fields', async () => {
    const conn = connect(await start({
      caseOrigins: ['Phone'], socialObjects: false,
      caseStatuses: [{ label: 'Open', isClosed: false, isDefault: true }, { label: 'Done', isClosed: true }],
      customFields: { Contact: [{ name: 'Social_Author_Id__c', externalId: true }] },
    }));
    const caseDescribe = await conn.sobject('Case').describe();
    expect(caseDescribe.fields.find((f) => f.name === 'Origin')?.picklistValues?.map((p) => p.value)).toEqual(['Phone']);
    expect(caseDescribe.fields.find((f) => f.name === 'Status')?.picklistValues?.map((p) => p.value)).toEqual(['Open', 'Done']);
    const contact = await conn.sobject('Contact').describe();
    expect(contact.fields.find((f) => f.name === 'Social_Author_Id__c')).toMatchObject({ externalId: true, unique: false });
    expect(contact.fields.some((f) => f.name === 'Social_Handle__c')).toBe(false);
    expect((await rejection(conn.sobject('SocialPost').describe())).errorCode).toBe('NOT_FOUND');
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name).sort()).toEqual(['Case', 'CaseComment', 'CaseStatus', 'Contact', 'FeedItem']);
    const created = await conn.sobject('Case').create({ Subject: 's' });
    const stored = await conn.sobject('Case').retrieve((created as { id: string }).id);
    expect(stored).toMatchObject({ Status: 'Open', IsClosed: false });
  });

  it('SocialPost and SocialPersona when the org has Social Customer Service', async () => {
    const conn = connect(await start());
    const post = await conn.sobject('SocialPost').describe();
    expect(post.fields.find((f) => f.name === 'ExternalPostId')).toMatchObject({ type: 'string', length: 255 });
    expect(post.fields.find((f) => f.name === 'ParentId')?.referenceTo).toContain('Case');
    const persona = await conn.sobject('SocialPersona').describe();
    expect(persona.fields.find((f) => f.name === 'Provider')?.picklistValues?.map((p) => p.value)).toContain('Twitter');
  });

  it('Metadata API createMetadata adds a CustomField the REST API then accepts', async () => {
    const emu = await start({ customFields: { Case: [] } });
    const conn = connect(emu);
    const result = await conn.metadata.create('CustomField', {
      fullName: 'Case.Social_Post_Id__c', label: 'Social Post Id', type: 'Text', length: 255, externalId: true, unique: true,
    });
    expect(result).toMatchObject({ fullName: 'Case.Social_Post_Id__c', success: true });
    const again = await conn.metadata.create('CustomField', { fullName: 'Case.Social_Post_Id__c', label: 'x', type: 'Text', length: 10 });
    expect(again).toMatchObject({ success: false, errors: [{ statusCode: 'DUPLICATE_DEVELOPER_NAME' }] });
    const describe = await conn.sobject('Case').describe();
    expect(describe.fields.find((f) => f.name === 'Social_Post_Id__c')).toMatchObject({ externalId: true, unique: true });
    await conn.sobject('Case').upsert([{ attributes: { type: 'Case' }, Social_Post_Id__c: 'p1', Subject: 's' }] as never, 'Social_Post_Id__c');
    expect(emu.records('Case')).toHaveLength(1);
  });
});
