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

// The contract's call budget is for Contacts, Cases and comments: social objects (on by default where the
// org has them, +1 to +3 calls an apply) are proven by e2e-sample, kill9 and faults tests.
describeCrmAdapterContract({
  name: 'salesforce (loopback emulator, real jsforce)',
  create: () => ({
    adapter: salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, loginUrl: emulator.url, socialObjects: 'off' }),
  }),
  unknownIds: { case: '500000000000404AAA', contact: '003000000000404AAA' },
});

describeCrmAdapterContract({
  name: 'salesforce, comments as FeedItem (loopback emulator, real jsforce)',
  create: () => ({
    adapter: salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, comments: { object: 'FeedItem', published: true }, socialObjects: 'off' }),
  }),
  unknownIds: { case: '500000000000404AAA', contact: '003000000000404AAA' },
});

// Social objects on (the emulated org has Social Customer Service; mode auto): the same contract, call budget included.
describeCrmAdapterContract({
  name: 'salesforce, social objects on (loopback emulator, real jsforce)',
  create: () => ({
    adapter: salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, loginUrl: emulator.url, socialObjects: 'auto' }),
  }),
  unknownIds: { case: '500000000000404AAA', contact: '003000000000404AAA' },
});
