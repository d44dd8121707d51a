import { afterAll, beforeAll } from 'vitest';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { describeCrmAdapterContract } from '../../../src/testing/crm-adapter-contract.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';

let emulator: SalesforceEmulator;
beforeAll(async () => {
  emulator = await startSalesforceEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describeCrmAdapterContract({
  name: 'salesforce (loopback emulator, real jsforce)',
  create: () => ({
    adapter: salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, loginUrl: emulator.url }),
  }),
  unknownIds: { case: '500000000000404AAA', contact: '003000000000404AAA' },
});

describeCrmAdapterContract({
  name: 'salesforce, comments as FeedItem (loopback emulator, real jsforce)',
  create: () => ({
    adapter: salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, comments: { object: 'FeedItem', published: true } }),
  }),
  unknownIds: { case: '500000000000404AAA', contact: '003000000000404AAA' },
});
