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

  it('--apply creates the missing custom fields through the Metadata API and checks again', async () => {
    const adapter = await adapterOn({ customFields: { Case: [], Contact: [] } });
    const ctx = countingCallContext();
    const report = await adapter.check?.(ctx, { apply: true });
    expect(report?.ready, JSON.stringify(report?.items.filter((i) => !i.ok))).toBe(true);
    expect(report?.items.filter((i) => i.applied).map((i) => i.what)).toEqual([
      'Case.Social_Post_Id__c (External ID, unique)',
      'Case.Social_Thread_Key__c (External ID)',
      'Contact.Social_Author_Id__c (External ID, unique)',
      'Contact.Social_Handle__c (text)',
    ]);
    expect(ctx.operations).toEqual(['describe', 'metadata-create', 'describe']);
  });
});
