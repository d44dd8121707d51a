/**
 * SugarCRM round trips: HTTP requests (logins included) per 1,000 new posts by new authors, counted
 * by the loopback emulator, for the batched sync (engine batches of 1,000 posts, `bulkSize` 200) and
 * for a per-record flow (the same engine with batches of one post and one sub-request per bulk call);
 * and seconds per post at 100 ms latency per round trip, per-record on a few hundred posts ÷ batched
 * on 10,000. `tsx bench/sugarcrm.ts [--quick]` prints the JSON.
 */
import { sugarcrmAdapter } from '../src/adapters/sugarcrm/index.js';
import type { SocialPostInput } from '../src/model/social-post.js';
import { arraySource } from '../src/sources/array-source.js';
import { createSync } from '../src/sync/create-sync.js';
import { startSugarEmulator } from '../tests/emulators/sugarcrm/index.js';

const BRAND = { handles: ['AcmeHelp'], ids: ['900000000000000001'] };
const AUTH = { username: 'admin', password: 'password', clientId: 'sugar', clientSecret: '', platform: 'social_sync' };

/** `count` top-level complaints, each by a new author. */
export function newAuthorPosts(count: number, offset = 0): SocialPostInput[] {
  const start = Date.parse('2026-10-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i + 1;
    const id = String(1_990_000_000_000_000_000n + BigInt(n));
    return {
      id,
      provider: 'twitter',
      kind: 'post',
      text: `@AcmeHelp my internet has been down since this morning, please help (order ${n})`,
      createdAt: new Date(start + n * 1000).toISOString(),
      author: { provider: 'twitter', id: String(5_000_000_000 + n), handle: `bench_user_${n}`, displayName: `Bench User${n}` },
      threadId: id,
      mentions: ['AcmeHelp'],
    } as SocialPostInput;
  });
}

/** One measured sync. */
interface Measured {
  readonly posts: number;
  readonly roundTrips: number;
  readonly seconds: number;
  readonly casesCreated: number;
}

async function measure(posts: number, options: { batchSize: number; bulkSize: number; latencyMs?: number }): Promise<Measured> {
  const emulator = await startSugarEmulator({ ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }) });
  try {
    const crm = sugarcrmAdapter({ baseUrl: emulator.url, auth: AUTH, bulkSize: options.bulkSize });
    const sync = createSync({ source: arraySource(newAuthorPosts(posts), 'bench-sugar'), crm, brand: BRAND, batchSize: options.batchSize });
    const started = performance.now();
    const report = await sync.run();
    const seconds = (performance.now() - started) / 1000;
    await sync.close();
    return { posts, roundTrips: emulator.stats.requests, seconds, casesCreated: report.casesCreated };
  } finally {
    await emulator.close();
  }
}

/** The `sugarcrm` figures of `npm run bench -- --json`. */
export interface SugarBenchResult {
  readonly posts: number;
  /** Batched: engine batches of 1,000, `bulkSize` 200. Goal ≤ 20. */
  readonly roundTripsPer1000: number;
  /** Batched with the default `bulkSize` (20). */
  readonly roundTripsPer1000DefaultBulkSize: number;
  /** Per-record flow: batches of one post, one sub-request per bulk call. */
  readonly naiveRoundTripsPer1000: number;
  readonly secondsPerPostNaiveAt100ms: number;
  readonly secondsPerPostAt100ms: number;
  /** Naive seconds per post ÷ ours, at 100 ms per round trip. Goal ≥ 20. */
  readonly speedupAt100ms: number;
  readonly naivePostsAt100ms: number;
  readonly postsAt100ms: number;
}

const per1000 = (m: Measured): number => (m.roundTrips / m.posts) * 1000;

/** Runs the SugarCRM benchmark (quick: fewer posts at 100 ms). */
export async function benchSugar(quick: boolean): Promise<SugarBenchResult> {
  const ours = await measure(1000, { batchSize: 1000, bulkSize: 200 });
  const ourDefault = await measure(1000, { batchSize: 1000, bulkSize: 20 });
  const naive = await measure(quick ? 100 : 1000, { batchSize: 1, bulkSize: 1 });
  const slowNaive = await measure(quick ? 30 : 500, { batchSize: 1, bulkSize: 1, latencyMs: 100 });
  const slowOurs = await measure(quick ? 2000 : 10_000, { batchSize: 1000, bulkSize: 200, latencyMs: 100 });
  for (const m of [ours, ourDefault, naive, slowNaive, slowOurs]) {
    if (m.casesCreated !== m.posts) throw new Error(`bench: ${m.posts} posts made ${m.casesCreated} Cases`);
  }
  const naivePerPost = slowNaive.seconds / slowNaive.posts;
  const oursPerPost = slowOurs.seconds / slowOurs.posts;
  const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    posts: 1000,
    roundTripsPer1000: round(per1000(ours), 2),
    roundTripsPer1000DefaultBulkSize: round(per1000(ourDefault), 2),
    naiveRoundTripsPer1000: round(per1000(naive), 2),
    secondsPerPostNaiveAt100ms: round(naivePerPost, 5),
    secondsPerPostAt100ms: round(oursPerPost, 5),
    speedupAt100ms: round(naivePerPost / oursPerPost, 1),
    naivePostsAt100ms: slowNaive.posts,
    postsAt100ms: slowOurs.posts,
  };
}

/** The bench table's lines for the SugarCRM figures. */
export function sugarTable(r: SugarBenchResult): string[] {
  return [
    'SugarCRM HTTP round trips per 1,000 new posts by new authors (loopback emulator, logins included)',
    `  batched (batches of 1,000, bulkSize 200)   ${r.roundTripsPer1000}   (goal ≤ 20)`,
    `  batched, default bulkSize 20               ${r.roundTripsPer1000DefaultBulkSize}`,
    `  naive per-record                           ${r.naiveRoundTripsPer1000}`,
    `  at 100 ms a round trip: ${r.secondsPerPostNaiveAt100ms} s/post naive (${r.naivePostsAt100ms} posts), ${r.secondsPerPostAt100ms} s/post batched (${r.postsAt100ms} posts): ×${r.speedupAt100ms} (goal ≥ 20)`,
  ];
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(JSON.stringify(await benchSugar(process.argv.includes('--quick'))));
}
