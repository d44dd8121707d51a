/** The emulated Metadata API's upsertMetadata for PermissionSet, driven by the real jsforce. */
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

const objectPerms = (object: string, p: Partial<Record<'allowCreate' | 'allowRead' | 'allowEdit' | 'allowDelete', boolean>>) => ({
  object, allowCreate: false, allowRead: false, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false, ...p,
});

describe('Metadata API upsertMetadata (PermissionSet)', () => {
  it('creates, then updates by fullName (created: true, then false), merging what it names', async () => {
    const conn = connect(emulator);
    const first = await conn.metadata.upsert('PermissionSet', { fullName: 'Ps_One', label: 'One', fieldPermissions: [{ field: 'Case.Social_Post_Id__c', editable: true, readable: true }], objectPermissions: [objectPerms('Case', { allowRead: true, allowCreate: true })] });
    expect(first).toMatchObject({ fullName: 'Ps_One', success: true, created: true });
    const second = await conn.metadata.upsert('PermissionSet', { fullName: 'Ps_One', label: 'One', fieldPermissions: [{ field: 'Contact.Social_Handle__c', editable: false, readable: true }] });
    expect(second).toMatchObject({ success: true, created: false });
    expect(Object.fromEntries(emulator.permissionSet('Ps_One')?.fields ?? [])).toEqual({
      'Case.Social_Post_Id__c': { readable: true, editable: true },
      'Contact.Social_Handle__c': { readable: true, editable: false },
    });
  });

  it.each([
    ['edit without read', { fieldPermissions: [{ field: 'Case.Social_Post_Id__c', editable: true, readable: false }] }, 'FIELD_INTEGRITY_EXCEPTION'],
    ['an unknown field', { fieldPermissions: [{ field: 'Case.Nope__c', editable: true, readable: true }] }, 'INVALID_CROSS_REFERENCE_KEY'],
    ['an unknown object', { objectPermissions: [objectPerms('Nope__c', { allowRead: true })] }, 'INVALID_CROSS_REFERENCE_KEY'],
    ['create without read', { objectPermissions: [objectPerms('Contact', { allowCreate: true })] }, 'FIELD_INTEGRITY_EXCEPTION'],
    ['delete without edit', { objectPermissions: [objectPerms('Contact', { allowRead: true, allowDelete: true })] }, 'FIELD_INTEGRITY_EXCEPTION'],
  ])('refuses %s', async (_what, extra, code) => {
    const result = await connect(emulator).metadata.upsert('PermissionSet', { fullName: 'Ps_Bad', label: 'Bad', ...extra });
    expect(result).toMatchObject({ success: false, errors: [expect.objectContaining({ statusCode: code })] });
    expect(emulator.permissionSet('Ps_Bad')).toBeUndefined();
  });
});
