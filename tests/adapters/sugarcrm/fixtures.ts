/** Shared set-up of the SugarCRM adapter tests: an emulator and an adapter pointed at it. */
import { sugarcrmAdapter, type SugarCrmAdapter, type SugarCrmAdapterOptions } from '../../../src/adapters/sugarcrm/index.js';
import { startSugarEmulator, type SugarEmulator, type SugarEmulatorOptions } from '../../emulators/sugarcrm/index.js';

/** Credentials the emulator accepts by default. */
export const TEST_AUTH = { username: 'admin', password: 'password', clientId: 'sugar', clientSecret: '', platform: 'social_sync' } as const;

/** An adapter for `emulator`, with the parent-Case field the emulator has. */
export function adapterFor(emulator: Pick<SugarEmulator, 'url'>, options: Partial<SugarCrmAdapterOptions> = {}): SugarCrmAdapter {
  return sugarcrmAdapter({ baseUrl: emulator.url, auth: TEST_AUTH, fields: { caseParent: 'social_parent_case_id_c' }, ...options });
}

/** An emulator and an adapter for it. */
export async function emulatedSugar(
  emulatorOptions: SugarEmulatorOptions = {},
  adapterOptions: Partial<SugarCrmAdapterOptions> = {},
): Promise<{ emulator: SugarEmulator; adapter: SugarCrmAdapter }> {
  const emulator = await startSugarEmulator(emulatorOptions);
  return { emulator, adapter: adapterFor(emulator, adapterOptions) };
}
