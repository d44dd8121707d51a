/**
 * Pipeline benchmark worker: one process per input size, so its peak RSS belongs to that sync alone.
 *
 * `tsx bench/pipeline.ts <posts.jsonl> [--stores embedded|external]` syncs a JSONL file (written
 * beforehand by the parent, so generating it costs this process nothing) end to end: `jsonlSource`
 * → engine → `localCrmAdapter` (file, `flush` durability) with a `fileStateStore` (file, `flush`),
 * into a temp folder that is removed afterwards; `--stores external` swaps both for stand-ins of
 * stores outside the process, to show the engine's own memory. Only the sync is timed (the run plus closing the CRM and state, i.e. their
 * final snapshot write). Prints one JSON line: `{ posts, seconds, postsPerSecond, baseRssMb,
 * peakRssMb, report }`.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { localCrmAdapter } from '../src/adapters/local/index.js';
import type { SyncReport } from '../src/model/report.js';
import { jsonlSource } from '../src/sources/jsonl/index.js';
import type { CrmAdapter } from '../src/adapters/types.js';
import { fileStateStore } from '../src/state/index.js';
import { sqliteStateStore } from '../src/state/sqlite/index.js';
import type { StateStore } from '../src/state/types.js';
import { createSync } from '../src/sync/create-sync.js';
import { checkpointOnlyState, remoteLikeCrm } from './external-stores.js';
import { cpuSecondsSince, measureFloor, type FloorResult } from './floor.js';
import { SYNTHETIC_BRANDS } from './generate-posts.js';
import { isMainModule } from './twitter-text.js';
import { tuneHeapForSyncJob } from '../src/runtime/heap.js';

/** Posts per batch: the local adapter's largest `apply`. */
export const PIPELINE_BATCH_SIZE = 500;

/** The brand accounts of the synthetic stream, as a sync's `brand` setting. */
export const SYNTHETIC_BRAND_CONFIG = {
  handles: SYNTHETIC_BRANDS.map((b) => b.handle),
  ids: SYNTHETIC_BRANDS.map((b) => b.id),
};

/** What one pipeline run measured. */
export interface PipelineResult {
  readonly posts: number;
  /** Wall-clock seconds of the sync alone. */
  readonly seconds: number;
  readonly postsPerSecond: number;
  /** Resident set size just before the sync started (Node, the loader and the code), MiB. */
  readonly baseRssMb: number;
  /** Peak resident set size of the process, MiB. */
  readonly peakRssMb: number;
  readonly report: SyncReport;
  /** Size of the state file(s) after the run, bytes (0 for the stand-in). */
  readonly stateBytes?: number;
  /** CPU seconds of the process (user + system) during the sync, and posts per CPU second. */
  readonly cpuSeconds?: number;
  readonly postsPerCpuSecond?: number;
}

/** Schema of the worker's output line, for the parent process. */
export const PipelineResultSchema = z.object({
  posts: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  postsPerSecond: z.number().nonnegative(),
  baseRssMb: z.number().nonnegative(),
  peakRssMb: z.number().nonnegative(),
  report: z.object({ postsRead: z.number(), crmCalls: z.number(), deadLettered: z.number() }).loose(),
  stateBytes: z.number().nonnegative().optional(),
  cpuSeconds: z.number().nonnegative().optional(),
  postsPerCpuSecond: z.number().nonnegative().optional(),
});

/**
 * Where the sync keeps its records: `embedded` = the file-backed local CRM and file state store;
 * `external` = stand-ins for a remote CRM and an out-of-process state (see external-stores.ts), to
 * measure the engine's own memory; `sqlite` = the remote stand-in with the SQLite state (production
 * on one machine: the state is all the connector keeps); `embedded-sqlite` = local CRM + SQLite state.
 */
export const PIPELINE_STORES = ['embedded', 'external', 'sqlite', 'embedded-sqlite'] as const;
/** One of {@link PIPELINE_STORES}. */
export type PipelineStores = (typeof PIPELINE_STORES)[number];

/** Opens the CRM and state of `stores` in `dir`. */
function openStores(stores: PipelineStores, dir: string): { crm: CrmAdapter; state: StateStore } {
  if (stores === 'external') return { crm: remoteLikeCrm(), state: checkpointOnlyState() };
  const sqliteState = (): StateStore => sqliteStateStore({ path: join(dir, 'state.db'), durability: 'flush' });
  if (stores === 'sqlite') return { crm: remoteLikeCrm(), state: sqliteState() };
  if (stores === 'embedded-sqlite') return { crm: localCrmAdapter({ path: join(dir, 'crm.json'), durability: 'flush' }), state: sqliteState() };
  return {
    crm: localCrmAdapter({ path: join(dir, 'crm.json'), durability: 'flush' }),
    state: fileStateStore({ path: join(dir, 'state.json'), durability: 'flush' }),
  };
}

/**
 * Syncs the posts of `input` into `stores` (files in a temp folder, removed afterwards). Resolves
 * with the timing of the sync and the process's RSS before and at peak.
 */
export async function runPipeline(input: string, stores: PipelineStores = 'embedded'): Promise<PipelineResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-bench-'));
  try {
    const { crm, state } = openStores(stores, dir);
    const sync = createSync({ source: jsonlSource({ path: input }), crm, state, brand: SYNTHETIC_BRAND_CONFIG, batchSize: PIPELINE_BATCH_SIZE });
    const baseRssMb = process.memoryUsage.rss() / 1024 / 1024;
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let report: SyncReport;
    try {
      report = await sync.run();
    } finally {
      await sync.close();
      await crm.close?.();
      await state.close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = cpuSecondsSince(cpu);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const posts = report.postsRead;
    const stateBytes = await stateSize(dir);
    return { posts, seconds, postsPerSecond: seconds > 0 ? posts / seconds : 0, baseRssMb, peakRssMb, report, stateBytes, cpuSeconds, postsPerCpuSecond: cpuSeconds > 0 ? posts / cpuSeconds : 0 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Bytes of the state's files in `dir` (after close: the SQLite file, or the JSON state and its journal). */
async function stateSize(dir: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(dir)) if (name.startsWith('state.')) bytes += (await stat(join(dir, name))).size;
  return bytes;
}

/** Floor and engine (remote stand-in + SQLite state) measured alternately in one process. */
export interface InterleavedResult {
  readonly rounds: number;
  readonly floor: readonly FloorResult[];
  readonly engine: readonly PipelineResult[];
  /** Median floor CPU posts/s ÷ median engine CPU posts/s: the engine's distance from the floor, in CPU time. */
  readonly cpuRatio: number;
  /** The same from wall-clock time (moves with the machine's load). */
  readonly wallRatio: number;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * Floor, engine, floor, engine, …, floor in this one process (`rounds` engine runs, one more floor):
 * a loaded machine slows both alike, and CPU time (`process.cpuUsage()`) leaves out the time other
 * processes had the core, so the ratio holds where wall-clock ratios wander.
 */
export async function measureInterleaved(input: string, rounds: number): Promise<InterleavedResult> {
  const n = Number.isInteger(rounds) && rounds > 0 ? rounds : 2;
  const floor: FloorResult[] = [await measureFloor(input)];
  const engine: PipelineResult[] = [];
  for (let i = 0; i < n; i += 1) {
    engine.push(await runPipeline(input, 'sqlite'));
    floor.push(await measureFloor(input));
  }
  const cpuRatio = median(floor.map((f) => f.postsPerCpuSecond ?? 0)) / Math.max(1e-9, median(engine.map((e) => e.postsPerCpuSecond ?? 0)));
  const wallRatio = median(floor.map((f) => f.postsPerSecond)) / Math.max(1e-9, median(engine.map((e) => e.postsPerSecond)));
  return { rounds: n, floor, engine, cpuRatio, wallRatio };
}

const isStores = (value: string | undefined): value is PipelineStores => PIPELINE_STORES.some((s) => s === value);

async function main(argv: readonly string[]): Promise<void> {
  const [input, flag, stores] = argv;
  if (input !== undefined && flag === '--floor' && argv.length === 2) {
    process.stdout.write(`${JSON.stringify(await measureFloor(input))}\n`);
    return;
  }
  if (input !== undefined && flag === '--interleaved' && argv.length <= 3) {
    process.stdout.write(`${JSON.stringify(await measureInterleaved(input, Number(stores ?? '2')))}\n`);
    return;
  }
  const usage = `usage: tsx bench/pipeline.ts <posts.jsonl> [--stores ${PIPELINE_STORES.join('|')} | --floor | --interleaved [ROUNDS]]\n`;
  if (input === undefined || (flag !== undefined && (flag !== '--stores' || !isStores(stores))) || argv.length > 3) {
    process.stderr.write(usage);
    process.exitCode = 2;
    return;
  }
  const result = await runPipeline(input, isStores(stores) ? stores : 'embedded');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (isMainModule(import.meta.url, 'pipeline')) {
  tuneHeapForSyncJob(); // the worker is a sync job's process: the heap tuning the job sets for its users
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
