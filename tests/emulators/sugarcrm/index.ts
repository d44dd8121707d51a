/** The loopback SugarCRM emulator for tests. */
export { startSugarEmulator, type FaultKind, type SugarEmulator, type SugarEmulatorOptions, type EmulatorStats } from './server.js';
export { defaultModuleDefs, DEFAULT_DROPDOWNS, type ModuleDefs, type FieldDef } from './vardefs.js';
export type { SugarRecord } from './records.js';
