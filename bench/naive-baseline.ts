/**
 * CRM calls per 1,000 posts: our batched sync beside a naive per-record flow, on the local CRM.
 *
 * The naive flow is simulated honestly as the same engine with `batchSize: 1`: every post costs one
 * lookup (is the author a Contact? is there a Case in the thread?) and one write, which is exactly
 * what a per-record integration (a Zap, a flow trigger, a webhook handler) does. Same posts, same
 * rules, same CRM; only the batching differs. `describe` (asked once per sync) is counted in both.
 */
import { localCrmAdapter } from '../src/adapters/local/index.js';
import type { SyncReport } from '../src/model/report.js';
import { arraySource } from '../src/sources/array-source.js';
import { createSync } from '../src/sync/create-sync.js';
import { generatePosts } from './generate-posts.js';
import { PIPELINE_BATCH_SIZE, SYNTHETIC_BRAND_CONFIG } from './pipeline.js';

/** Calls per 1,000 posts of one sync. */
export interface LocalCallsResult {
  readonly posts: number;
  readonly batchSize: number;
  readonly crmCalls: number;
  readonly callsPer1000: number;
  readonly report: SyncReport;
}

/** Calls per 1,000 posts of the batched sync and of the per-record flow. */
export interface LocalComparison {
  readonly posts: number;
  readonly callsPer1000: number;
  readonly naiveCallsPer1000: number;
}

/** Syncs `count` synthetic posts (seed 1) into an in-memory local CRM with the given batch size. */
export async function measureLocalCalls(count: number, batchSize: number): Promise<LocalCallsResult> {
  const crm = localCrmAdapter();
  const sync = createSync({ source: arraySource([...generatePosts(count, 1)], 'bench'), crm, brand: SYNTHETIC_BRAND_CONFIG, batchSize });
  try {
    const report = await sync.run();
    return { posts: count, batchSize, crmCalls: report.crmCalls, callsPer1000: (report.crmCalls / count) * 1000, report };
  } finally {
    await sync.close();
    await crm.close();
  }
}

/** Runs both flows on the same `count` posts (default 5,000). */
export async function compareLocalCalls(count = 5000): Promise<LocalComparison> {
  const ours = await measureLocalCalls(count, PIPELINE_BATCH_SIZE);
  const naive = await measureLocalCalls(count, 1);
  return { posts: count, callsPer1000: ours.callsPer1000, naiveCallsPer1000: naive.callsPer1000 };
}
