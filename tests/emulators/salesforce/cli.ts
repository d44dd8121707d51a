/**
 * Runs the emulator as its own process, so a kill -9 test can kill the job and keep the org:
 *
 *   node --import tsx tests/emulators/salesforce/cli.ts --port-file PATH [--options FILE.json] [--port N]
 *
 * Once listening it writes `{ "url", "accessToken", "pid" }` to the port file (atomically) and
 * runs until SIGTERM / SIGINT. Inspect or steer it over loopback: GET /__emulator/snapshot,
 * GET /__emulator/stable-snapshot, GET /__emulator/calls, POST /__emulator/faults (a FaultPlan as JSON),
 * POST /__emulator/expire-sessions.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { startSalesforceEmulator } from './emulator.js';
import type { SalesforceEmulatorOptions } from './options.js';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const portFile = argument('--port-file');
  if (!portFile) throw new Error('--port-file PATH is required');
  const optionsFile = argument('--options');
  const options = optionsFile ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as SalesforceEmulatorOptions) : {};
  const port = argument('--port');
  const emulator = await startSalesforceEmulator({ ...options, ...(port ? { port: Number(port) } : {}) });
  const temp = `${portFile}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ url: emulator.url, accessToken: emulator.accessToken, pid: process.pid }));
  renameSync(temp, portFile);
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`salesforce emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
