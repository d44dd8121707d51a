/** The setup check reads the modules' metadata and reports missing fields and dropdown values. */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultModuleDefs, startSugarEmulator, type SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { adapterFor } from './fixtures.js';
import { hookContext } from './hook-context.js';

let emulator: SugarEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('SugarCRM setup check', () => {
  it('is ready on an instance with every field and value', async () => {
    emulator = await startSugarEmulator();
    const adapter = adapterFor(emulator);
    const report = await adapter.check(hookContext(adapter));
    expect(report.items.filter((i) => !i.ok)).toEqual([]);
    expect(report).toMatchObject({ service: 'sugarcrm', ready: true });
    expect(report.items.map((i) => i.what)).toContain('Cases.status value "Assigned"');
    expect(emulator.stats.byRoute['GET /metadata']).toBe(1);
  });

  it('names missing custom fields, a typo in crm.fields, and missing dropdown values', async () => {
    const modules = defaultModuleDefs();
    delete modules['Cases']?.['social_thread_key_c'];
    emulator = await startSugarEmulator({ modules, dropdowns: { case_status_dom: ['New', 'Closed'] } });
    const adapter = adapterFor(emulator, { fields: { contactHandle: 'twiter' }, statuses: { new: 'New', reopen: 'Open_Assigned', closed: ['Closed'] } });
    const report = await adapter.check(hookContext(adapter));
    expect(report.ready).toBe(false);
    const missing = report.items.filter((i) => !i.ok).map((i) => i.what);
    expect(missing).toEqual(['Cases.social_thread_key_c (thread key (crm.fields.caseThreadKey))', 'Contacts.twiter (handle (crm.fields.contactHandle))', 'Cases.status value "Open_Assigned"']);
    expect(report.items.find((i) => i.what.startsWith('Cases.status value "Open'))?.fix).toContain('case_status_dom');
  });

  it('reports a refused login as a failed item instead of throwing', async () => {
    emulator = await startSugarEmulator({ platforms: ['base'] });
    const adapter = adapterFor(emulator);
    const report = await adapter.check(hookContext(adapter));
    expect(report.ready).toBe(false);
    expect(report.items[0]?.detail).toContain('Configure API Platforms');
  });
});
