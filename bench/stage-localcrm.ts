/**
 * Micro-benchmark of the embedded local CRM alone (issue 11 item 5).
 *
 * `tsx bench/stage-localcrm.ts record <posts.jsonl> <calls.jsonl>` runs the real sync (local CRM +
 * memory state, fixed clock) and writes every call the engine made to the local CRM, one JSON line
 * each (`{ op: 'lookup' | 'apply' | 'idle', arg }`). `tsx bench/stage-localcrm.ts replay <calls.jsonl>
 * [--keep crm.json] [--posts N]` replays them against a fresh local CRM file (`flush` durability, the same clock)
 * and prints one JSON line: CPU µs per post (per input post with `--posts`, else per post looked up) and per call kind, heap used after a full collection, the
 * size of the written file. Only the calls are timed (not reading the recording), so the figures are
 * the local CRM's own; peak RSS is the CRM's plus one call at a time. Replaying the same calls gives the same CRM file, so `--keep` lets two
 * builds' files be compared byte for byte.
 */
import { copyFileSync, createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { localCrmAdapter } from '../src/adapters/local/index.js';
import { directCallContext, type CrmAdapter, type LookupRequest, type WritePlan } from '../src/adapters/types.js';
import { jsonlSource } from '../src/sources/jsonl/index.js';
import { memoryStateStore } from '../src/state/index.js';
import { createSync } from '../src/sync/create-sync.js';
import { PIPELINE_BATCH_SIZE, SYNTHETIC_BRAND_CONFIG } from './pipeline.js';
import { isMainModule } from './twitter-text.js';
import { tuneHeapForSyncJob } from '../src/runtime/heap.js';

/** The clock of recorded and replayed runs, so the CRM files of two replays can be compared. */
export const STAGE_NOW = new Date('2026-11-01T00:00:00.000Z');

/** One recorded call. */
export type RecordedCall = { readonly op: 'lookup'; readonly arg: LookupRequest } | { readonly op: 'apply'; readonly arg: WritePlan } | { readonly op: 'idle' };

/** Wraps a CRM so every lookup, apply and idle is passed to `record` before it runs. */
export function recordingCrm(inner: CrmAdapter, record: (call: RecordedCall) => void): CrmAdapter {
  return {
    name: inner.name,
    describe: (ctx) => inner.describe(ctx),
    lookup: (request, ctx) => {
      record({ op: 'lookup', arg: request });
      return inner.lookup(request, ctx);
    },
    apply: (plan, ctx) => {
      record({ op: 'apply', arg: plan });
      return inner.apply(plan, ctx);
    },
    idle: async () => {
      record({ op: 'idle' });
      await inner.idle?.();
    },
    close: () => inner.close?.() ?? Promise.resolve(),
  };
}

async function record(input: string, output: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-stage-local-'));
  const out = createWriteStream(output);
  try {
    const crm = recordingCrm(localCrmAdapter({ path: join(dir, 'crm.json'), durability: 'flush', now: () => STAGE_NOW }), (call) => {
      out.write(`${JSON.stringify(call)}\n`);
    });
    const state = memoryStateStore();
    const sync = createSync({ source: jsonlSource({ path: input }), crm, state, brand: SYNTHETIC_BRAND_CONFIG, batchSize: PIPELINE_BATCH_SIZE });
    try {
      const report = await sync.run();
      process.stdout.write(`${JSON.stringify({ posts: report.postsRead, cases: report.casesCreated, comments: report.commentsAdded, contacts: report.contactsCreated })}\n`);
    } finally {
      await sync.close();
      await crm.close?.();
      await state.close();
    }
  } finally {
    await new Promise((resolve) => out.end(resolve));
    await rm(dir, { recursive: true, force: true });
  }
}

const cpuMicros = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return used.user + used.system;
};

/** The calls of a recording, one at a time (so replaying holds one call in memory, not the file). */
async function* readCalls(input: string): AsyncGenerator<RecordedCall> {
  const lines = createInterface({ input: createReadStream(input, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) if (line.length > 0) yield JSON.parse(line) as RecordedCall;
}

async function replay(input: string, keep: string | undefined, inputPosts: number | undefined): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-stage-local-'));
  const path = join(dir, 'crm.json');
  const micros = { open: 0, lookup: 0, apply: 0, idle: 0, close: 0 };
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = v8.getHeapStatistics().used_heap_size;
  let looked = 0;
  try {
    let from = process.cpuUsage();
    const crm = localCrmAdapter({ path, durability: 'flush', now: () => STAGE_NOW });
    micros.open = cpuMicros(from);
    for await (const call of readCalls(input)) {
      if (call.op === 'lookup') looked += call.arg.externalPostIds.length;
      from = process.cpuUsage();
      if (call.op === 'lookup') await crm.lookup(call.arg, directCallContext);
      else if (call.op === 'apply') await crm.apply(call.arg, directCallContext);
      else await crm.idle?.();
      micros[call.op] += cpuMicros(from);
    }
    gc?.();
    const heapMb = (v8.getHeapStatistics().used_heap_size - heapBefore) / 1024 / 1024;
    from = process.cpuUsage();
    await crm.close();
    micros.close = cpuMicros(from);
    const total = micros.open + micros.lookup + micros.apply + micros.idle + micros.close;
    const fileBytes = statSync(path).size;
    if (keep !== undefined) copyFileSync(path, keep);
    const posts = inputPosts ?? looked;
    const perPost = (us: number): number => Math.round((us / posts) * 10) / 10;
    process.stdout.write(
      `${JSON.stringify({
        posts,
        cpuMicrosPerPost: perPost(total),
        lookup: perPost(micros.lookup),
        apply: perPost(micros.apply),
        idle: perPost(micros.idle),
        close: perPost(micros.close),
        crmHeapMbAfterGc: Math.round(heapMb),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        fileMb: Math.round(fileBytes / 1024 / 102.4) / 10,
      })}\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url, 'stage-localcrm')) {
  tuneHeapForSyncJob(); // as in a sync job's process (bench/pipeline.ts)
  const [mode, input, ...rest] = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const at = rest.indexOf(name);
    return at === -1 ? undefined : rest[at + 1];
  };
  const posts = flag('--posts');
  const run =
    mode === 'record' && input !== undefined && rest[0] !== undefined
      ? record(input, rest[0])
      : mode === 'replay' && input !== undefined
        ? replay(input, flag('--keep'), posts === undefined ? undefined : Number(posts))
        : Promise.reject(new Error('usage: tsx bench/stage-localcrm.ts record <posts.jsonl> <calls.jsonl> | replay <calls.jsonl> [--keep crm.json] [--posts N]'));
  run.catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
