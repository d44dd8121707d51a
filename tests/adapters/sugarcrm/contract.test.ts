/** The CRM adapter contract, run by the SugarCRM adapter (real axios) against the loopback emulator. */
import { describeCrmAdapterContract } from '../../../src/testing/index.js';
import { emulatedSugar } from './fixtures.js';

describeCrmAdapterContract('sugarcrm (emulator)', async () => {
  const { emulator, adapter } = await emulatedSugar();
  return {
    adapter,
    cleanup: async () => {
      await adapter.close();
      await emulator.close();
    },
  };
});

describeCrmAdapterContract('sugarcrm (emulator, bulkSize 2, contacts also linked)', async () => {
  const { emulator, adapter } = await emulatedSugar({}, { bulkSize: 2, relateContact: 'both' });
  return {
    adapter,
    cleanup: async () => {
      await adapter.close();
      await emulator.close();
    },
  };
});
