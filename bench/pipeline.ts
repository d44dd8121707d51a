/**
 * Pipeline benchmark worker: one process per input size, so its peak RSS belongs to that size.
 *
 * `tsx bench/pipeline.ts <count>` writes `<count>` synthetic posts (seed 1) to a temp JSONL file,
 * then syncs it end to end: `jsonlSource` → engine → `localCrmAdapter` (file, `flush` durability)
 * with a `fileStateStore` (file, `flush`). Only the sync is timed (the run plus closing the CRM and
 * state, i.e. their final snapshot write), not the generation. Prints one
 * JSON line: `{ posts, seconds, postsPerSecond, peakRssMb, report }`. The temp folder is removed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { localCrmAdapter } from '../src/adapters/local/index.js';
import type { SyncReport } from '../src/model/report.js';
import { jsonlSource } from '../src/sources/jsonl/index.js';
import { fileStateStore } from '../src/state/index.js';
import { createSync } from '../src/sync/create-sync.js';
import { SYNTHETIC_BRANDS, writePostsJsonl } from './generate-posts.js';
import { isMainModule } from './twitter-text.js';

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
  /** Peak resident set size of the whole process (generation included), MiB. */
  readonly peakRssMb: number;
  readonly report: SyncReport;
}

/** Schema of the worker's output line, for the parent process. */
export const PipelineResultSchema = z.object({
  posts: z.number().int().nonnegative(),
  seconds: z.number().nonnegative(),
  postsPerSecond: z.number().nonnegative(),
  peakRssMb: z.number().nonnegative(),
  report: z.object({ postsRead: z.number(), crmCalls: z.number(), deadLettered: z.number() }).loose(),
});

/**
 * Generates `count` posts and syncs them through the file-backed local CRM and state store in a temp
 * folder (removed afterwards). Resolves with the timing of the sync and the process's peak RSS.
 */
export async function runPipeline(count: number): Promise<PipelineResult> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-bench-'));
  try {
    const input = join(dir, 'posts.jsonl');
    await writePostsJsonl(input, count, 1);
    const crm = localCrmAdapter({ path: join(dir, 'crm.json'), durability: 'flush' });
    const state = fileStateStore({ path: join(dir, 'state.json'), durability: 'flush' });
    const sync = createSync({ source: jsonlSource({ path: input }), crm, state, brand: SYNTHETIC_BRAND_CONFIG, batchSize: PIPELINE_BATCH_SIZE });
    const started = process.hrtime.bigint();
    let report: SyncReport;
    try {
      report = await sync.run();
    } finally {
      await sync.close();
      await crm.close();
      await state.close();
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    return { posts: count, seconds, postsPerSecond: seconds > 0 ? count / seconds : 0, peakRssMb, report };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const count = Number(argv[0]);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write('usage: tsx bench/pipeline.ts <count>\n');
    process.exitCode = 2;
    return;
  }
  const result = await runPipeline(count);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
