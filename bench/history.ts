/**
 * Memory flat with history: the engine with the SQLite state and a CRM that holds nothing in the
 * process (the remote stand-in), replaying 200,000 and 1,000,000 generated posts (~50,000 authors),
 * each run in its own `node` process on the built worker so its peak RSS is its own; beside each
 * throughput, the floor of merely reading and parsing the same file, measured in the same run; and
 * the embedded figure (local CRM + SQLite state) at the smaller size.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { FloorResult } from './floor.js';
import { corePinning, type CorePinning } from './one-core.js';
import { writePostsJsonl } from './generate-posts.js';
import { PipelineResultSchema, type InterleavedResult, type PipelineResult, type PipelineStores } from './pipeline.js';

const run = promisify(execFile);

/** Sizes of the history runs and the author pool they draw from. */
export interface HistoryPlan {
  readonly small: number;
  readonly large: number;
  readonly authors: number;
}

/** Issue 11's throughput goal for the engine with the SQLite state, on one core. */
export const ENGINE_GOAL_POSTS_PER_SECOND = 30_000;

/** The default plan (issue 11) and the `--quick` one. */
export const HISTORY_PLAN: HistoryPlan = { small: 200_000, large: 1_000_000, authors: 50_000 };
export const QUICK_HISTORY_PLAN: HistoryPlan = { small: 4_000, large: 20_000, authors: 2_000 };

/** What one size measured. */
export interface HistorySize {
  readonly engine: PipelineResult;
  readonly floor: FloorResult;
  readonly embedded?: PipelineResult;
  /** Floor and engine alternated in one process (the smaller size only): the ratio to trust on a loaded machine. */
  readonly interleaved?: InterleavedResult;
}

/** Both sizes. */
export interface HistoryResult {
  readonly plan: HistoryPlan;
  /** How the workers ran: pinned to one CPU (the goal is on one core) or not. */
  readonly pinning: Pick<CorePinning, 'cpu' | 'label'>;
  readonly small: HistorySize;
  readonly large: HistorySize;
}

const FloorSchema = z.object({ posts: z.number(), seconds: z.number(), postsPerSecond: z.number(), cpuSeconds: z.number().optional(), postsPerCpuSecond: z.number().optional() });
const InterleavedSchema = z.object({ rounds: z.number(), floor: z.array(FloorSchema), engine: z.array(PipelineResultSchema), cpuRatio: z.number(), wallRatio: z.number() });
/** Engine runs of the interleaved measurement. */
const INTERLEAVED_ROUNDS = 2;

async function child(worker: string, args: readonly string[], pinning: CorePinning): Promise<string> {
  const [command, ...before] = [...pinning.prefix, process.execPath];
  const { stdout } = await run(command ?? process.execPath, [...before, worker, ...args], { maxBuffer: 16 * 1024 * 1024 });
  return stdout.trim().split('\n').at(-1) ?? '';
}

async function engineRun(worker: string, input: string, stores: PipelineStores, pinning: CorePinning): Promise<PipelineResult> {
  const line = await child(worker, [input, '--stores', stores], pinning);
  const parsed = PipelineResultSchema.safeParse(JSON.parse(line));
  if (!parsed.success) throw new Error(`pipeline worker (${stores}) printed an unexpected line: ${line.slice(0, 200)}`);
  return parsed.data as PipelineResult;
}

async function measure(worker: string, count: number, authors: number, withEmbedded: boolean, pinning: CorePinning): Promise<HistorySize> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-bench-history-'));
  try {
    const input = join(dir, 'posts.jsonl');
    await writePostsJsonl(input, count, 1, authors);
    const handle = await open(input, 'r');
    await handle.sync(); // else the kernel writes the fresh input back during the timed runs
    await handle.close();
    const floor = FloorSchema.parse(JSON.parse(await child(worker, [input, '--floor'], pinning))) as FloorResult;
    const engine = await engineRun(worker, input, 'sqlite', pinning);
    const embedded = withEmbedded ? await engineRun(worker, input, 'embedded-sqlite', pinning) : undefined;
    const interleaved = withEmbedded ? (InterleavedSchema.parse(JSON.parse(await child(worker, [input, '--interleaved', String(INTERLEAVED_ROUNDS)], pinning))) as unknown as InterleavedResult) : undefined;
    return { engine, floor, ...(embedded === undefined ? {} : { embedded }), ...(interleaved === undefined ? {} : { interleaved }) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs the plan with the built worker at `worker`. */
export async function measureHistory(worker: string, plan: HistoryPlan, log: (line: string) => void): Promise<HistoryResult> {
  const pinning = corePinning();
  log(`history: workers ${pinning.label}`);
  log(`history: ${plan.small.toLocaleString('en-US')} posts (engine + SQLite state, embedded local CRM + SQLite state, floor; then floor and engine alternated in one process)…`);
  const small = await measure(worker, plan.small, plan.authors, true, pinning);
  log(`history: ${plan.large.toLocaleString('en-US')} posts (engine + SQLite state, floor)…`);
  const large = await measure(worker, plan.large, plan.authors, false, pinning);
  return { plan, pinning: { cpu: pinning.cpu, label: pinning.label }, small, large };
}

const round = (n: number, digits = 0): number => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (floor: FloorResult, r: PipelineResult): number => (r.postsPerSecond > 0 ? floor.postsPerSecond / r.postsPerSecond : 0);
const cpuRatio = (floor: FloorResult, r: PipelineResult): number => ((r.postsPerCpuSecond ?? 0) > 0 ? (floor.postsPerCpuSecond ?? 0) / (r.postsPerCpuSecond ?? 1) : 0);

/** The table of the history runs. */
export function historyTable(h: HistoryResult): string[] {
  const row = (label: string, r: PipelineResult, floor: FloorResult): string =>
    `  ${label.padEnd(34)} ${fmt(r.postsPerSecond).padStart(8)} posts/s ${fmt(ratio(floor, r), 1).padStart(5)}× floor  ${fmt(r.postsPerCpuSecond ?? 0).padStart(8)} posts/CPU-s ${fmt(cpuRatio(floor, r), 1).padStart(5)}× floor  peak RSS ${fmt(r.peakRssMb, 1).padStart(6)} MB  state ${fmt((r.stateBytes ?? 0) / 1024 / 1024, 1)} MB`;
  const growth = h.small.engine.peakRssMb > 0 ? (h.large.engine.peakRssMb / h.small.engine.peakRssMb - 1) * 100 : 0;
  return [
    `History: remote CRM stand-in + SQLite state, built worker on plain node, workers ${h.pinning.label}, ${fmt(h.plan.authors)} authors (goal: peak RSS ≤ 150 MB, within 10 % from ${fmt(h.plan.small)} to ${fmt(h.plan.large)}; within 10× of the floor)`,
    `  floor (read + JSON.parse) ${fmt(h.plan.small)}: ${fmt(h.small.floor.postsPerSecond)} posts/s, ${fmt(h.small.floor.postsPerCpuSecond ?? 0)} posts/CPU-s; ${fmt(h.plan.large)}: ${fmt(h.large.floor.postsPerSecond)} posts/s, ${fmt(h.large.floor.postsPerCpuSecond ?? 0)} posts/CPU-s`,
    row(`engine + SQLite, ${fmt(h.plan.small)}`, h.small.engine, h.small.floor),
    row(`engine + SQLite, ${fmt(h.plan.large)}`, h.large.engine, h.large.floor),
    goalLine(h),
    ...(h.small.embedded === undefined ? [] : [row(`local CRM + SQLite, ${fmt(h.plan.small)}`, h.small.embedded, h.small.floor)]),
    ...interleavedLines(h),
    `  peak RSS growth ${fmt(h.plan.small)} → ${fmt(h.plan.large)}: ${fmt(growth, 1)} %; SQLite state ${fmt(stateKbPer1000(h.large.engine), 1)} KB per 1,000 posts`,
  ];
}

function interleavedLines(h: HistoryResult): string[] {
  const i = h.small.interleaved;
  if (i === undefined) return [];
  const list = (values: readonly number[]): string => values.map((v) => fmt(v)).join(', ');
  return [
    `  alternated in one process (${fmt(h.plan.small)} posts, ${i.rounds} engine runs): floor ${list(i.floor.map((f) => f.postsPerCpuSecond ?? 0))} posts/CPU-s; engine + SQLite ${list(i.engine.map((e) => e.postsPerCpuSecond ?? 0))} posts/CPU-s`,
    `  engine within ${fmt(i.cpuRatio, 1)}× of the floor in CPU time (medians; wall clock ${fmt(i.wallRatio, 1)}×)`,
  ];
}

/** CPU µs per post of a run (0 when it measured no CPU time). */
const cpuMicrosPerPost = (r: PipelineResult): number => ((r.postsPerCpuSecond ?? 0) > 0 ? 1e6 / (r.postsPerCpuSecond ?? 1) : 0);

/** Where each size stands against {@link ENGINE_GOAL_POSTS_PER_SECOND}: posts/s (wall clock) and CPU µs/post beside the goal's. */
export function goalLine(h: HistoryResult): string {
  const at = (label: string, r: PipelineResult): string => `${label}: ${fmt(r.postsPerSecond)} posts/s, ${fmt(cpuMicrosPerPost(r), 1)} CPU µs/post (${fmt(r.postsPerCpuSecond ?? 0)} posts/CPU-s)`;
  const goalMicros = 1e6 / ENGINE_GOAL_POSTS_PER_SECOND;
  return `  goal ${fmt(ENGINE_GOAL_POSTS_PER_SECOND)} posts/s on one core = ${fmt(goalMicros, 1)} CPU µs/post; engine + SQLite ${at(fmt(h.plan.small), h.small.engine)}; ${at(fmt(h.plan.large), h.large.engine)}`;
}

const stateKbPer1000 = (r: PipelineResult): number => (r.posts > 0 ? ((r.stateBytes ?? 0) / 1024 / r.posts) * 1000 : 0);

/** The `pipeline.*` keys of issue 11 for `--json`. */
export function historyJson(h: HistoryResult): Record<string, number> {
  const { small, large } = h;
  return {
    postsPerSecond200k: round(small.engine.postsPerSecond),
    postsPerSecond1M: round(large.engine.postsPerSecond),
    peakRssMb200k: round(small.engine.peakRssMb, 1),
    peakRssMb1M: round(large.engine.peakRssMb, 1),
    floorPostsPerSecond: round(large.floor.postsPerSecond),
    floorPostsPerSecond200k: round(small.floor.postsPerSecond),
    floorRatio200k: round(ratio(small.floor, small.engine), 2),
    floorRatio1M: round(ratio(large.floor, large.engine), 2),
    embeddedPostsPerSecond200k: round(small.embedded?.postsPerSecond ?? 0),
    embeddedPeakRssMb200k: round(small.embedded?.peakRssMb ?? 0, 1),
    embeddedFloorRatio200k: small.embedded === undefined ? 0 : round(ratio(small.floor, small.embedded), 2),
    sqliteStateKbPer1000Posts: round(stateKbPer1000(large.engine), 1),
    postsPerCpuSecond200k: round(small.engine.postsPerCpuSecond ?? 0),
    postsPerCpuSecond1M: round(large.engine.postsPerCpuSecond ?? 0),
    floorPostsPerCpuSecond: round(large.floor.postsPerCpuSecond ?? 0),
    floorCpuRatio200k: round(cpuRatio(small.floor, small.engine), 2),
    floorCpuRatio1M: round(cpuRatio(large.floor, large.engine), 2),
    cpuMicrosPerPost200k: round(cpuMicrosPerPost(small.engine), 1),
    cpuMicrosPerPost1M: round(cpuMicrosPerPost(large.engine), 1),
    goalPostsPerSecond: ENGINE_GOAL_POSTS_PER_SECOND,
    // 1 when the workers ran pinned to one CPU (the goal's condition), 0 when they ran unpinned.
    pinnedToOneCore: h.pinning.cpu === undefined ? 0 : 1,
    ...(small.interleaved === undefined ? {} : { interleavedCpuRatio: round(small.interleaved.cpuRatio, 2), interleavedWallRatio: round(small.interleaved.wallRatio, 2) }),
  };
}
