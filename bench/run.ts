/**
 * `npm run bench [-- --json] [--quick] [--sizes 50000,100000]`: the benchmarks of the README ("Performance").
 *
 * - pipeline: posts/s and peak RSS of a full sync (JSONL file → engine → local CRM file + file state),
 *   each size in its own child process (plain node on the worker built by bench/bundle-worker.ts) so
 *   its peak RSS is its own (the input is written here first);
 * - engine: the same input with the CRM and state outside the process, so RSS shows the engine alone;
 * - history: 200,000 and 1,000,000 posts into the remote stand-in with the SQLite state, beside the
 *   floor of reading + parsing the same file, and local CRM + SQLite state (bench/history.ts);
 * - local: CRM calls per 1,000 posts, batched vs a naive per-record flow;
 * - sugarcrm: HTTP round trips per 1,000 new posts (loopback Sugar emulator), and the speed-up at 100 ms a round trip;
 * - twcs: thread fidelity on the real support-conversation sample (skipped when absent);
 * - twitter: X requests per 1,000 mentions, user look-ups, with parents outside the window.
 *
 * Prints a table; with `--json` the last stdout line is one JSON object with every figure.
 * `--history-only` runs the history part alone (its `pipeline.*` keys): the expensive one.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { z } from 'zod';
import { writePostsJsonl } from './generate-posts.js';
import { compareLocalCalls, type LocalComparison } from './naive-baseline.js';
import { benchSugar, sugarTable } from './sugarcrm.js';
import { PipelineResultSchema, type PipelineResult, type PipelineStores } from './pipeline.js';
import { twcsFidelity, type FidelityResult } from './twcs-fidelity.js';
import { salesforceBench, type SalesforceBench } from './salesforce.js';
import { twitterRequests, twitterTable } from './twitter-requests.js';
import { bundlePipelineWorker } from './bundle-worker.js';
import { HISTORY_PLAN, historyJson, historyTable, measureHistory, QUICK_HISTORY_PLAN, type HistoryPlan } from './history.js';

const DEFAULT_SIZES = [50_000, 100_000, 200_000];
const QUICK_SIZES = [2_000, 4_000, 8_000];
/** The project's stated throughput goal on one core. */
const GOAL_POSTS_PER_SECOND = 20_000;

const SizesSchema = z
  .string()
  .transform((s) => s.split(',').map((x) => Number(x.trim().replace(/_/g, ''))))
  .pipe(z.array(z.number().int().positive().max(50_000_000)).min(1));

/** Parsed command line of the bench. */
interface BenchArgs {
  readonly json: boolean;
  readonly sizes: readonly number[];
  readonly localPosts: number;
  readonly quick: boolean;
  /** Absent: `--no-history`. */
  readonly history: HistoryPlan | undefined;
  /** `--history-only`: the history runs (issue 11's pipeline.* keys) and nothing else. */
  readonly historyOnly: boolean;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  let json = false;
  let quick = false;
  let history = true;
  let historyOnly = false;
  let sizes: number[] | undefined;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--quick') quick = true;
    else if (arg === '--no-history') history = false;
    else if (arg === '--history-only') historyOnly = true;
    else if (arg === '--sizes' || arg.startsWith('--sizes=')) {
      const value = arg === '--sizes' ? argv[(i += 1)] : arg.slice('--sizes='.length);
      const parsed = SizesSchema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(`--sizes wants positive integers separated by commas, got '${value ?? ''}'`);
      sizes = parsed.data;
    } else throw new Error(`unknown argument '${arg}' (use --json, --quick, --sizes N,N,…, --no-history, --history-only)`);
  }
  const plan = quick ? QUICK_HISTORY_PLAN : HISTORY_PLAN;
  if (historyOnly && !history) throw new Error('--history-only and --no-history exclude each other');
  return { json, sizes: sizes ?? (quick ? QUICK_SIZES : DEFAULT_SIZES), localPosts: quick ? 1_000 : 5_000, quick, history: history ? plan : undefined, historyOnly };
}

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The built worker (set in main). */
let workerPath = '';

/** What one input size measured: the default embedded stores, and the engine alone. */
interface SizeResult {
  readonly embedded: PipelineResult;
  readonly external: PipelineResult;
}

/** Syncs `input` in a fresh Node process (`bench/pipeline.ts`, with tsx) and reads its JSON line. */
async function pipelineInChild(input: string, stores: PipelineStores): Promise<PipelineResult> {
  const { stdout } = await run(process.execPath, [workerPath, input, '--stores', stores], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  const parsed = PipelineResultSchema.safeParse(JSON.parse(last));
  if (!parsed.success) throw new Error(`pipeline worker (${stores}) printed an unexpected line: ${last.slice(0, 200)}`);
  return parsed.data as PipelineResult;
}

/** Waits until the file's bytes are on disk. */
async function flushToDisk(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `count` synthetic posts (seed 1) to a temp file here, syncs them in both store modes, removes the file. */
async function measureSize(count: number): Promise<SizeResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-bench-input-'));
  try {
    const input = join(dir, 'posts.jsonl');
    await writePostsJsonl(input, count, 1);
    await flushToDisk(input); // else the kernel writes the fresh input back during the timed run, slowing its fsyncs
    return { embedded: await pipelineInChild(input, 'embedded'), external: await pipelineInChild(input, 'external') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pad = (s: string, w: number): string => s.padStart(w);

/** RSS the sync added per post, KiB: (peak − base) / posts. */
const growthKbPerPost = (r: PipelineResult): number => (r.posts > 0 ? ((r.peakRssMb - r.baseRssMb) * 1024) / r.posts : 0);

function pipelineTable(results: readonly PipelineResult[]): string[] {
  const lines = [
    'Pipeline: JSONL file → engine → local CRM file + file state (durability flush, batch 500, seed 1)',
    `${pad('posts', 10)} ${pad('seconds', 9)} ${pad('posts/s', 9)} ${pad('base RSS MB', 12)} ${pad('peak RSS MB', 12)} ${pad('KB/post', 8)} ${pad('CRM calls/1000', 15)} ${pad('dead', 6)}`,
  ];
  for (const r of results) {
    lines.push(
      `${pad(fmt(r.posts), 10)} ${pad(fmt(r.seconds, 2), 9)} ${pad(fmt(r.postsPerSecond), 9)} ${pad(fmt(r.baseRssMb, 1), 12)} ${pad(fmt(r.peakRssMb, 1), 12)} ${pad(fmt(growthKbPerPost(r), 2), 8)} ${pad(fmt((r.report.crmCalls / r.posts) * 1000, 2), 15)} ${pad(fmt(r.report.deadLettered), 6)}`,
    );
  }
  lines.push(
    `Goal: ≥ ${fmt(GOAL_POSTS_PER_SECOND)} posts/s on one core, memory flat as input grows. KB/post = (peak − base RSS) / posts:`,
    '  the embedded local CRM and file state keep their records in memory, so this stays above 0.',
  );
  return lines;
}

function engineTable(results: readonly PipelineResult[]): string[] {
  const lines = [
    'Engine alone: same input, CRM and state outside the process (stand-ins that hold nothing; see bench/external-stores.ts)',
    `${pad('posts', 10)} ${pad('seconds', 9)} ${pad('posts/s', 9)} ${pad('base RSS MB', 12)} ${pad('peak RSS MB', 12)} ${pad('KB/post', 8)}`,
  ];
  for (const r of results) {
    lines.push(
      `${pad(fmt(r.posts), 10)} ${pad(fmt(r.seconds, 2), 9)} ${pad(fmt(r.postsPerSecond), 9)} ${pad(fmt(r.baseRssMb, 1), 12)} ${pad(fmt(r.peakRssMb, 1), 12)} ${pad(fmt(growthKbPerPost(r), 2), 8)}`,
    );
  }
  return lines;
}

function localTable(local: LocalComparison): string[] {
  return [
    `CRM calls per 1,000 posts (local CRM, ${fmt(local.posts)} synthetic posts)`,
    `  batched (500 posts a batch)     ${pad(fmt(local.callsPer1000, 2), 10)}`,
    `  naive per-record (batch of 1)   ${pad(fmt(local.naiveCallsPer1000, 2), 10)}`,
  ];
}

function salesforceTable(sf: SalesforceBench): string[] {
  return [
    'Salesforce (loopback emulator, real jsforce; API calls as Salesforce counts them, a Composite is one)',
    `  calls per 1,000 new posts (new authors)  ${pad(fmt(sf.callsPer1000), 8)}   goal ≤ 5`,
    `  naive per-record flow                    ${pad(fmt(sf.naiveCallsPer1000), 8)}`,
    `  calls per 1,000 replies (comments)       ${pad(fmt(sf.callsPer1000Replies), 8)}`,
    `  the same with social objects on          ${pad(fmt(sf.callsPer1000Social), 8)}   replies ${fmt(sf.callsPer1000RepliesSocial)}`,
    `  speedup at 100 ms per call               ${pad(fmt(sf.speedupAt100ms, 1), 8)}   goal ≥ 100 (naive ${fmt(sf.secondsPerPost.naive, 3)} s/post on ${fmt(sf.secondsPerPost.naivePosts)}, ours ${fmt(sf.secondsPerPost.ours, 4)} s/post on ${fmt(sf.secondsPerPost.oursPosts)})`,
  ];
}

function twcsTable(outcome: { result: FidelityResult } | { skipped: string }): string[] {
  if ('skipped' in outcome) return [`Thread fidelity (twcs): skipped — ${outcome.skipped}`];
  const r = outcome.result;
  const reasons = (counts: Readonly<Record<string, number>>): string =>
    Object.entries(counts).map(([k, v]) => `${v} ${k}`).join('; ') || '—';
  return [
    `Thread fidelity (twcs sample, ${fmt(r.posts)} tweets → ${fmt(r.cases)} Cases, ${fmt(r.comments)} comments, ${r.crmCalls} CRM calls)`,
    `  customer tweets                      ${pad(fmt(r.customerTweets), 7)}   synced ${fmt(r.customerTweetsSynced)}`,
    `  on their own Case in their thread    ${pad(fmt(r.customerTweetsOnOwnCase), 7)}   share ${fmt(r.ownCaseShare * 100, 2)}%`,
    `  ignored                              ${pad(fmt(r.customerIgnored), 7)}   ${reasons(r.ignoredReasons)}`,
    `  dead-lettered                        ${pad(fmt(r.customerDeadLettered), 7)}   ${reasons(r.deadLetterReasons)}`,
    `  Cases mixing two customers           ${pad(fmt(r.mixedCases), 7)}   (must be 0)`,
    `  Cases opened by a brand tweet        ${pad(fmt(r.brandOpenedCases), 7)}   (must be 0)`,
    `  brand replies                        ${pad(fmt(r.brandReplies), 7)}   outbound comments ${fmt(r.outboundComments)}`,
    `  brand replies to synced customers    ${pad(fmt(r.brandRepliesToSyncedCustomers), 7)}   as outbound comments ${fmt(r.brandRepliesToSyncedCustomersOutbound)}`,
  ];
}

async function main(argv: readonly string[]): Promise<void> {
  const args = parseArgs(argv);
  workerPath = await bundlePipelineWorker();
  if (args.historyOnly && args.history !== undefined) {
    const history = await measureHistory(workerPath, args.history, (line) => process.stderr.write(`${line}\n`));
    console.log(historyTable(history).join('\n'));
    if (args.json) console.log(JSON.stringify({ pipeline: historyJson(history) }));
    return;
  }
  const sizes = [...args.sizes].sort((a, b) => a - b);
  const pipeline: PipelineResult[] = [];
  const engine: PipelineResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`pipeline: ${fmt(size)} posts…\n`);
    const measured = await measureSize(size);
    pipeline.push(measured.embedded);
    engine.push(measured.external);
  }
  const history = args.history === undefined ? undefined : await measureHistory(workerPath, args.history, (line) => process.stderr.write(`${line}\n`));
  process.stderr.write(`local: ${fmt(args.localPosts)} posts, batched and per-record…\n`);
  const local = await compareLocalCalls(args.localPosts);
  process.stderr.write('sugarcrm: round trips and latency (emulator)…\n');
  const sugarcrm = await benchSugar(args.quick);
  process.stderr.write('twcs: thread fidelity…\n');
  const twcs = await twcsFidelity();
  process.stderr.write('salesforce: calls per 1,000 posts and speedup at 100 ms (emulator)…\n');
  const salesforce = await salesforceBench(args.localPosts < 5_000);
  process.stderr.write('twitter: requests per 1,000 mentions…\n');
  const twitter = await twitterRequests();

  const historyLines = history === undefined ? [] : [...historyTable(history), ''];
  console.log([...pipelineTable(pipeline), '', ...engineTable(engine), '', ...historyLines, ...localTable(local), '', ...twcsTable(twcs), '', ...salesforceTable(salesforce), '', ...sugarTable(sugarcrm), '', ...twitterTable(twitter)].join('\n'));
  if (!args.json) return;
  const largest = pipeline.at(-1);
  const summary = {
    pipeline: largest === undefined ? {} : {
      posts: largest.posts,
      postsPerSecond: round(largest.postsPerSecond, 0),
      peakRssMb: round(largest.peakRssMb),
      baseRssMb: round(largest.baseRssMb),
      rssGrowthKbPerPost: round(growthKbPerPost(largest), 2),
      rssBySize: Object.fromEntries(pipeline.map((r) => [String(r.posts), round(r.peakRssMb)])),
      postsPerSecondBySize: Object.fromEntries(pipeline.map((r) => [String(r.posts), round(r.postsPerSecond, 0)])),
      crmCallsPer1000: round((largest.report.crmCalls / largest.posts) * 1000, 2),
      ...(history === undefined ? {} : historyJson(history)),
    },
    engine: {
      postsPerSecondBySize: Object.fromEntries(engine.map((r) => [String(r.posts), round(r.postsPerSecond, 0)])),
      rssBySize: Object.fromEntries(engine.map((r) => [String(r.posts), round(r.peakRssMb)])),
    },
    local: { posts: local.posts, callsPer1000: round(local.callsPer1000, 2), naiveCallsPer1000: round(local.naiveCallsPer1000, 2) },
    salesforce: {
      callsPer1000: salesforce.callsPer1000,
      naiveCallsPer1000: salesforce.naiveCallsPer1000,
      callsPer1000Replies: salesforce.callsPer1000Replies,
      callsPer1000Social: salesforce.callsPer1000Social,
      callsPer1000RepliesSocial: salesforce.callsPer1000RepliesSocial,
      speedupAt100ms: salesforce.speedupAt100ms,
    },
    sugarcrm,
    twcs: 'skipped' in twcs ? { skipped: twcs.skipped } : {
      posts: twcs.result.posts,
      customerTweets: twcs.result.customerTweets,
      ownCaseShare: round(twcs.result.ownCaseShare, 4),
      mixedCases: twcs.result.mixedCases,
      brandOpenedCases: twcs.result.brandOpenedCases,
      outboundComments: twcs.result.outboundComments,
      brandReplies: twcs.result.brandReplies,
      customerIgnored: twcs.result.customerIgnored,
      customerDeadLettered: twcs.result.customerDeadLettered,
    },
    twitter,
  };
  console.log(JSON.stringify(summary));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
