/**
 * Salesforce figures (DESIGN.md `salesforce`): API calls as Salesforce counts them (the loopback
 * emulator's count; a Composite is one call, token requests are none) per 1,000 new posts by new
 * authors, beside a naive per-record flow through the same jsforce; the same for 1,000 replies
 * joining existing Cases; and seconds per post at 100 ms latency per call, naive ÷ ours.
 * Run alone: `tsx bench/salesforce.ts [--quick] [--json]`.
 */
import { Connection } from 'jsforce';
import { salesforceAdapter } from '../src/adapters/salesforce/index.js';
import type { SocialPostInput } from '../src/model/social-post.js';
import { arraySource } from '../src/sources/array-source.js';
import { createSync } from '../src/sync/create-sync.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../tests/emulators/salesforce/index.js';
import { SYNTHETIC_BRAND_CONFIG } from './pipeline.js';

/** The figures. */
export interface SalesforceBench {
  readonly callsPer1000: number;
  readonly naiveCallsPer1000: number;
  readonly callsPer1000Replies: number;
  /** `callsPer1000` with social objects on (a SocialPersona and a SocialPost per post). */
  readonly callsPer1000Social: number;
  /** `callsPer1000Replies` with social objects on. */
  readonly callsPer1000RepliesSocial: number;
  readonly speedupAt100ms: number;
  /** Seconds per post at 100 ms latency, and the post counts measured. */
  readonly secondsPerPost: { readonly ours: number; readonly naive: number; readonly oursPosts: number; readonly naivePosts: number };
}

const START = Date.parse('2025-03-01T09:00:00.000Z');

/** `count` new posts by `count` new authors, each opening a Case (`offset` keeps runs apart). */
function newPosts(count: number, offset: number): SocialPostInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(7_000_000_000 + offset + i),
    provider: 'twitter',
    text: `@AcmeHelp my router ${i} keeps dropping the connection, please help`,
    createdAt: new Date(START + (offset + i) * 1000).toISOString(),
    author: { provider: 'twitter', id: String(5_000_000 + offset + i), handle: `customer${offset + i}`, displayName: `Customer ${offset + i}` },
    mentions: ['AcmeHelp'],
  }));
}

/** A reply by each author to their own first post: it joins their open Case as a comment. */
function replies(firsts: readonly SocialPostInput[]): SocialPostInput[] {
  return firsts.map((p, i) => ({
    ...p,
    id: String(8_000_000_000 + i),
    text: '@AcmeHelp still not working after the restart',
    createdAt: new Date(Date.parse(p.createdAt) + 3_600_000).toISOString(),
    inReplyTo: { postId: p.id, authorId: p.author.id },
  }));
}

const apiCalls = (emulator: SalesforceEmulator): number => emulator.calls.entries.filter((e) => e.kind === 'data').reduce((n, e) => n + e.apiCalls, 0);

async function syncPosts(emulator: SalesforceEmulator, posts: readonly SocialPostInput[], socialObjects: 'off' | 'on' = 'off'): Promise<{ calls: number; seconds: number }> {
  const before = apiCalls(emulator);
  const crm = salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url, socialObjects });
  const sync = createSync({ source: arraySource([...posts], 'bench-sf'), crm, brand: SYNTHETIC_BRAND_CONFIG, batchSize: 1_000 });
  const started = performance.now();
  try {
    const report = await sync.run();
    if (report.deadLettered > 0) throw new Error(`salesforce bench: ${report.deadLettered} dead letters`);
  } finally {
    await sync.close();
  }
  return { calls: apiCalls(emulator) - before, seconds: (performance.now() - started) / 1000 };
}

/** The naive per-record flow: query Contact, create Contact, query Case, create Case, one post after another. */
async function naiveSync(emulator: SalesforceEmulator, posts: readonly SocialPostInput[]): Promise<{ calls: number; seconds: number }> {
  const conn = new Connection({ instanceUrl: emulator.url, accessToken: emulator.accessToken, version: '62.0' });
  const before = apiCalls(emulator);
  const started = performance.now();
  for (const post of posts) {
    const key = `twitter:${post.author.id}`;
    const found = await conn.query<{ Id: string }>(`SELECT Id FROM Contact WHERE Social_Author_Id__c = '${key}'`);
    const contactId = found.records[0]?.Id ?? (await conn.sobject('Contact').create({ LastName: post.author.handle, Social_Author_Id__c: key })).id;
    const caseKey = `twitter:${post.id}`;
    const existing = await conn.query<{ Id: string }>(`SELECT Id FROM Case WHERE Social_Post_Id__c = '${caseKey}'`);
    if (existing.records.length === 0) await conn.sobject('Case').create({ Subject: post.text.slice(0, 255), ContactId: contactId, Social_Post_Id__c: caseKey, Origin: 'Twitter', Status: 'New' });
  }
  return { calls: apiCalls(emulator) - before, seconds: (performance.now() - started) / 1000 };
}

/** Measures every figure, each on a fresh emulator. `quick`: fewer posts at 100 ms. */
export async function salesforceBench(quick = false): Promise<SalesforceBench> {
  const fresh = async <T>(latencyMs: number, run: (e: SalesforceEmulator) => Promise<T>): Promise<T> => {
    const emulator = await startSalesforceEmulator({ latencyMs, dailyApiLimit: 10_000_000 });
    try {
      return await run(emulator);
    } finally {
      await emulator.close();
    }
  };
  const say = (what: string): void => void process.stderr.write(`salesforce bench: ${what}\n`);
  const firsts = newPosts(1_000, 0);
  say('1,000 new posts, ours and naive');
  const ours = await fresh(0, (e) => syncPosts(e, firsts));
  const naive = await fresh(0, (e) => naiveSync(e, firsts));
  const joined = await fresh(0, async (e) => {
    await syncPosts(e, firsts);
    return syncPosts(e, replies(firsts));
  });
  say('the same with social objects on');
  const oursSocial = await fresh(0, (e) => syncPosts(e, firsts, 'on'));
  const joinedSocial = await fresh(0, async (e) => {
    await syncPosts(e, firsts, 'on');
    return syncPosts(e, replies(firsts), 'on');
  });
  const [oursPosts, naivePosts] = quick ? [2_000, 50] : [10_000, 500];
  say(`ours on ${oursPosts} posts at 100 ms per call`);
  const fast = await fresh(100, (e) => syncPosts(e, newPosts(oursPosts, 100_000)));
  say(`ours: ${fast.seconds.toFixed(1)} s; naive on ${naivePosts} posts at 100 ms per call`);
  const slow = await fresh(100, (e) => naiveSync(e, newPosts(naivePosts, 200_000)));
  say(`naive: ${slow.seconds.toFixed(1)} s`);
  const perPost = { ours: fast.seconds / oursPosts, naive: slow.seconds / naivePosts };
  return {
    callsPer1000: ours.calls,
    naiveCallsPer1000: naive.calls,
    callsPer1000Replies: joined.calls,
    callsPer1000Social: oursSocial.calls,
    callsPer1000RepliesSocial: joinedSocial.calls,
    speedupAt100ms: Math.round((perPost.naive / perPost.ours) * 10) / 10,
    secondsPerPost: { ...perPost, oursPosts, naivePosts },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick');
  salesforceBench(quick).then(
    (result) => {
      if (process.argv.includes('--json')) console.log(JSON.stringify({ salesforce: result }));
      else console.log(result);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
