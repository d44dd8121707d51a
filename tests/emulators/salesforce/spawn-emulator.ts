import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultPlan } from './faults.js';
import type { SalesforceEmulatorOptions } from './options.js';
import type { EmulatorSnapshot } from './snapshot.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** An emulator running in its own process (survives a kill -9 of the job under test). */
export interface EmulatorProcess {
  url: string;
  accessToken: string;
  pid: number;
  snapshot(options?: { stable?: boolean }): Promise<EmulatorSnapshot>;
  calls(): Promise<{ apiCalls: number; byEndpoint: Record<string, number> }>;
  setFault(plan: FaultPlan | undefined): Promise<void>;
  stop(): Promise<void>;
}

async function waitForFile(path: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!existsSync(path)) {
    if (child.exitCode !== null) throw new Error(`emulator process exited with ${child.exitCode}`);
    if (Date.now() - started > timeoutMs) throw new Error('emulator process did not start in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Starts `cli.ts` in a child process (node --import tsx) and waits for its port file. */
export async function spawnSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<EmulatorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-emulator-'));
  const portFile = join(dir, 'port.json');
  const optionsFile = join(dir, 'options.json');
  writeFileSync(optionsFile, JSON.stringify(options));
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port-file', portFile, '--options', optionsFile], {
    cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForFile(portFile, child, 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const info = JSON.parse(readFileSync(portFile, 'utf8')) as { url: string; accessToken: string; pid: number };
  const control = async (method: string, action: string, body?: string): Promise<Response> =>
    fetch(`${info.url}/__emulator/${action}`, { method, ...(body !== undefined ? { body } : {}) });
  return {
    ...info,
    snapshot: async (o) => (await (await control('GET', o?.stable ? 'stable-snapshot' : 'snapshot')).json()) as EmulatorSnapshot,
    calls: async () => (await (await control('GET', 'calls')).json()) as { apiCalls: number; byEndpoint: Record<string, number> },
    setFault: async (plan) => {
      await control('POST', 'faults', plan ? JSON.stringify(plan) : '');
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
