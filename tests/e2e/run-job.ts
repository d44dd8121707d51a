import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Project root. */
export const ROOT = resolve(import.meta.dirname, '../..');
const JOB = join(ROOT, 'examples/sync-job.ts');

/** Output of one job run. */
export interface JobRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A fresh temp directory. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `scc-${label}-`));
}

/** Writes a JSON job config into `dir` and returns its path. */
export function writeConfig(dir: string, config: Record<string, unknown>, name = 'job.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

/** Node arguments that run the job's TypeScript directly (one process, so a kill reaches it). */
export function jobArgs(args: readonly string[]): string[] {
  return ['--import', 'tsx', JOB, ...args];
}

/** Runs the sync job to completion. */
export function runJob(args: readonly string[], env: NodeJS.ProcessEnv = {}): JobRun {
  const r = spawnSync(process.execPath, jobArgs(args), { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The SyncReport the job printed last with `--json`. */
export function lastJson(run: JobRun): Record<string, unknown> {
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as Record<string, unknown>;
}

/**
 * Starts the job and SIGKILLs it once it has reported `afterBatch` batches (plus `delayMs`), or lets it
 * finish if it ends first. Resolves with how it ended.
 */
export function runJobAndKill(args: readonly string[], afterBatch: number, delayMs: number): Promise<{ killed: boolean; status: number | null }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, jobArgs(args), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let killed = false;
    let buffer = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      buffer += chunk;
      const m = [...buffer.matchAll(/batch (\d+):/g)].at(-1);
      if (!killed && m !== undefined && Number(m[1]) >= afterBatch) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.on('error', fail);
    child.on('exit', (status, signal) => done({ killed: signal === 'SIGKILL', status }));
  });
}
