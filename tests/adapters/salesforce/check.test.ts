import { afterEach, describe, expect, it } from 'vitest';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { countingCallContext } from '../../../src/testing/call-counter.js';
import { startSalesforceEmulator, type SalesforceEmulator, type SalesforceEmulatorOptions } from '../../emulators/salesforce/index.js';

let emulator: SalesforceEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function adapterOn(options: SalesforceEmulatorOptions = {}, statuses?: { new?: string; reopen?: string }) {
  emulator = await startSalesforceEmulator(options);
  return salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, ...(statuses === undefined ? {} : { statuses }) });
}

describe('org check (--check [--apply])', () => {
  it('a ready org: every item ok, one describe call', async () => {
    const adapter = await adapterOn();
    const ctx = countingCallContext();
    const report = await adapter.check?.(ctx);
    expect(report?.ready, JSON.stringify(report?.items.filter((i) => !i.ok))).toBe(true);
    expect(ctx.calls).toBe(1);
    expect(report?.items.map((i) => i.what)).toEqual(
      expect.arrayContaining(['Case.Social_Post_Id__c (External ID, unique)', 'Contact.Social_Author_Id__c (External ID, unique)', 'Case.Origin picklist value "Twitter"']),
    );
  });

  it('says exactly what is missing: fields, External ID flag, picklist values, a closed status configured as reopen', async () => {
    const adapter = await adapterOn(
      { customFields: { Case: [{ name: 'Social_Post_Id__c' }], Contact: [] }, caseOrigins: ['Phone', 'Web'] },
      { reopen: 'Closed' },
    );
    const report = await adapter.check?.(countingCallContext());
    const bad = Object.fromEntries((report?.items ?? []).filter((i) => !i.ok).map((i) => [i.what, i.detail]));
    expect(report?.ready).toBe(false);
    expect(bad).toEqual({
      'Case.Social_Post_Id__c (External ID, unique)': 'not an External ID, not unique',
      'Case.Social_Thread_Key__c (External ID)': 'missing (or not visible to the API user)',
      'Contact.Social_Author_Id__c (External ID, unique)': 'missing (or not visible to the API user)',
      'Contact.Social_Handle__c (text)': 'missing (or not visible to the API user)',
      'Case.Origin picklist value "Twitter"': 'missing or inactive',
      'Case.Status value "Closed" (crm.statuses.reopen)': 'is a closed status',
    });
    for (const item of report?.items.filter((i) => !i.ok) ?? []) expect(item.fix).toMatch(/\S/);
  });

  it('--apply creates the missing custom fields, then the permission set, through the Metadata API', async () => {
    const adapter = await adapterOn({ customFields: { Case: [], Contact: [] } });
    const ctx = countingCallContext();
    const report = await adapter.check?.(ctx, { apply: true });
    expect(report?.ready, JSON.stringify(report?.items.filter((i) => !i.ok))).toBe(true);
    const permset = 'Permission set Social_CRM_Connector (read/edit on Case.Social_Post_Id__c, Case.Social_Thread_Key__c, Contact.Social_Author_Id__c, Contact.Social_Handle__c; create/read/edit on Case, Contact, SocialPersona, SocialPost)';
    expect(report?.items.filter((i) => i.applied).map((i) => i.what)).toEqual([
      'Case.Social_Post_Id__c (External ID, unique)',
      'Case.Social_Thread_Key__c (External ID)',
      'Contact.Social_Author_Id__c (External ID, unique)',
      'Contact.Social_Handle__c (text)',
      permset,
    ]);
    const item = report?.items.find((i) => i.what === permset);
    expect(item?.detail).toBe('created through the Metadata API; not assigned yet');
    expect(item?.fix).toMatch(/sf org assign permset --name Social_CRM_Connector/);
    expect(ctx.operations).toEqual(['describe', 'metadata-create', 'describe', 'metadata-upsert']);
    const set = emulator?.permissionSet('Social_CRM_Connector');
    expect(Object.fromEntries(set?.fields ?? [])).toEqual({
      'Case.Social_Post_Id__c': { readable: true, editable: true },
      'Case.Social_Thread_Key__c': { readable: true, editable: true },
      'Contact.Social_Author_Id__c': { readable: true, editable: true },
      'Contact.Social_Handle__c': { readable: true, editable: true },
    });
    expect([...(set?.objects.keys() ?? [])]).toEqual(['Case', 'Contact', 'SocialPersona', 'SocialPost']);
    expect(set?.objects.get('Case')).toEqual({ allowCreate: true, allowRead: true, allowEdit: true, allowDelete: false });

    // A second --apply updates the same permission set (upsert by fullName), creating nothing new.
    const again = await adapter.check?.(countingCallContext(), { apply: true });
    expect(again?.items.find((i) => i.what === permset)?.detail).toBe('updated through the Metadata API; not assigned yet');
  });

  it('--apply on an org without social objects grants Case and Contact only; without --apply no permission set is touched', async () => {
    const adapter = await adapterOn({ socialObjects: false });
    const plain = countingCallContext();
    await adapter.check?.(plain);
    expect(plain.operations).toEqual(['describe']);
    expect(emulator?.permissionSet('Social_CRM_Connector')).toBeUndefined();
    await adapter.check?.(countingCallContext(), { apply: true });
    expect([...(emulator?.permissionSet('Social_CRM_Connector')?.objects.keys() ?? [])]).toEqual(['Case', 'Contact']);
  });
});
