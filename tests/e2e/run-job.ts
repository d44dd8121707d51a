import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
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

/**
 * A temp folder `scc-<label>-…` with a copy of the bundled bad-lines input (4 posts, 4 broken lines)
 * and a job config on it: local CRM and file state in the folder, brand AcmeHelp. What the --watch
 * and signal tests run (they append to `input`).
 */
export function watchedInputJob(label: string): { dir: string; input: string; config: string } {
  const dir = tempDir(label);
  const input = join(dir, 'posts.jsonl');
  copyFileSync(join(ROOT, 'examples/data/bad-lines.jsonl'), input);
  const config = writeConfig(dir, {
    source: { type: 'jsonl', path: input },
    crm: { type: 'local', path: join(dir, 'crm.json') },
    state: { type: 'file', path: join(dir, 'state.json') },
    brand: { handles: ['AcmeHelp'] },
  });
  return { dir, input, config };
}

/** A started job's stderr, collected as it comes (the job's progress lines: `batch 1: …`). */
export interface JobStderr {
  /** All of it so far. */
  text(): string;
  /** Resolves once what came so far matches `pattern`. */
  waitFor(pattern: RegExp): Promise<void>;
}

/** Collects `child`'s stderr (spawned with a piped stderr). */
export function collectStderr(child: ChildProcess): JobStderr {
  let text = '';
  const waiting: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    for (const w of [...waiting]) {
      if (w.pattern.test(text)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    text: () => text,
    waitFor: (pattern) => (pattern.test(text) ? Promise.resolve() : new Promise((resolve) => waiting.push({ pattern, resolve }))),
  };
}
