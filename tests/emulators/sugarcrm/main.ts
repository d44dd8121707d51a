/**
 * The Sugar emulator as its own process (kill -9 tests): `tsx tests/emulators/sugarcrm/main.ts
 * [options-json]` prints `{"url": …}` on one stdout line and serves until SIGTERM / SIGKILL.
 */
import { startSugarEmulator, type SugarEmulatorOptions } from './server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as SugarEmulatorOptions;
const emulator = await startSugarEmulator(options);
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);
process.on('SIGTERM', () => {
  void emulator.close().then(() => process.exit(0));
});
