/**
 * Issue 11's throughput goal is "on one core": the history workers run pinned to a single CPU with
 * `taskset` (util-linux) where it is there, so the engine's JavaScript, V8's background threads
 * (garbage collection, compilation) and SQLite all share that one core, as on a one-core host. Where
 * `taskset` is missing (macOS, Windows, minimal images) the workers run unpinned and the bench says so.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** How the bench runs its workers: `prefix` goes before `node` on the command line. */
export interface CorePinning {
  /** The CPU the workers are pinned to; undefined: not pinned. */
  readonly cpu: number | undefined;
  /** Command and arguments before the worker's `node` (empty when not pinned). */
  readonly prefix: readonly string[];
  /** Plain words for the bench's table, e.g. `pinned to CPU 0 (taskset)`. */
  readonly label: string;
}

/** The first CPU of a `Cpus_allowed_list` value such as `0-1`, `2,4-7` (undefined if none). */
export function firstAllowedCpu(list: string): number | undefined {
  const match = /^\s*(\d+)/.exec(list);
  return match === null ? undefined : Number(match[1]);
}

/** The first CPU this process may run on (Linux: `/proc/self/status`), or undefined. */
function allowedCpu(): number | undefined {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const line = /^Cpus_allowed_list:\s*(.*)$/m.exec(status);
    return line === null ? undefined : firstAllowedCpu(line[1] ?? '');
  } catch {
    return undefined;
  }
}

/** Whether `taskset -c cpu` runs here (present, and the CPU may be used). */
function tasksetWorks(cpu: number): boolean {
  try {
    execFileSync('taskset', ['-c', String(cpu), process.execPath, '-e', ''], { stdio: 'ignore', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** The pinning of this machine: `SCC_BENCH_UNPINNED=1` turns it off (to compare). */
export function corePinning(env: NodeJS.ProcessEnv = process.env): CorePinning {
  const unpinned: CorePinning = { cpu: undefined, prefix: [], label: 'not pinned (taskset unavailable): the workers may use every core' };
  if (env.SCC_BENCH_UNPINNED === '1') return { ...unpinned, label: 'not pinned (SCC_BENCH_UNPINNED=1): the workers may use every core' };
  if (process.platform !== 'linux') return unpinned;
  const cpu = allowedCpu();
  if (cpu === undefined || !tasksetWorks(cpu)) return unpinned;
  return { cpu, prefix: ['taskset', '-c', String(cpu)], label: `pinned to CPU ${cpu} (taskset): one core` };
}
