/**
 * Micro-benchmark of the engine alone (src/sync, identity, threads, calls, limits): `tsx
 * bench/stage-engine.ts [POSTS=100000] [ROUNDS=2]` runs `runBatch` over generated posts (seed 1,
 * batches of 500) already validated in memory, with the triage decisions and CRM drafts computed
 * beforehand (a warm-up round fills them), the remote CRM stand-in and the in-memory state store.
 * What is left is the engine's own work (plus the stand-in's and the memory store's small share).
 * Prints CPU µs per post of each timed round, and the counts (to compare with the full bench).
 */
import { remoteLikeCrm } from './external-stores.js';
import { generatePosts } from './generate-posts.js';
import { SYNTHETIC_BRAND_CONFIG } from './pipeline.js';
import { isMainModule } from './twitter-text.js';
import { cpuSecondsSince } from './floor.js';
import { createCallContext } from '../src/limits/call-context.js';
import { limiterPool } from '../src/limits/call-limiter.js';
import { createMapper, type Mapper } from '../src/mapping/field-mapping.js';
import { SALESFORCE_FIELD_LIMITS } from '../src/mapping/field-limits.js';
import { emptyReport } from '../src/model/report.js';
import type { CaseDraft, CommentDraft, ContactDraft } from '../src/model/drafts.js';
import { identityKey, type SocialPost } from '../src/model/social-post.js';
import { validatePost } from '../src/model/validate.js';
import { memoryStateStore } from '../src/state/memory-store.js';
import { SyncEventEmitter } from '../src/sync/events.js';
import { runBatch, type BatchEnv } from '../src/sync/run-batch.js';
import { itemRetryPolicy } from '../src/sync/settle-retry.js';
import { parseSyncSettings } from '../src/sync/settings.js';
import { createTriage, type TriageDecision } from '../src/triage/triage.js';

const BATCH = 500;

/** A mapper that answers each post and author from what the real one answered the first time. */
function rememberingMapper(real: Mapper): Mapper {
  const cases = new WeakMap<SocialPost, CaseDraft>();
  const comments = new WeakMap<SocialPost, CommentDraft>();
  const contacts = new Map<string, ContactDraft>();
  return {
    caseDraft(post, ctx) {
      let d = cases.get(post);
      if (d === undefined) cases.set(post, (d = real.caseDraft(post, ctx)));
      return d;
    },
    commentDraft(post, ctx) {
      let d = comments.get(post);
      if (d === undefined) comments.set(post, (d = real.commentDraft(post, ctx)));
      return d;
    },
    contactDraft(identity) {
      const key = `${identityKey(identity)}\0${identity.handle}\0${identity.displayName ?? ''}`;
      let d = contacts.get(key);
      if (d === undefined) contacts.set(key, (d = real.contactDraft(identity)));
      return d;
    },
  };
}

/** One round: a fresh CRM stand-in and state, every page through `runBatch`. Resolves with CPU seconds and the report. */
async function round(pages: readonly SocialPost[][], triage: (post: SocialPost) => TriageDecision, mapper: Mapper): Promise<{ cpu: number; report: ReturnType<typeof emptyReport> }> {
  const settings = parseSyncSettings({ brand: SYNTHETIC_BRAND_CONFIG, batchSize: BATCH });
  const crm = remoteLikeCrm();
  const state = memoryStateStore();
  const limiters = limiterPool(settings.limits, undefined, crm.name);
  const call = createCallContext({ service: crm.name, limiter: limiters.get(crm.name), limits: settings.limits, hooks: crm });
  const capabilities = await crm.describe(call);
  const report = emptyReport(false, new Date());
  const env: BatchEnv = {
    stream: 'bench',
    crm,
    call,
    state,
    capabilities,
    triage,
    mapper,
    brand: { handles: SYNTHETIC_BRAND_CONFIG.handles, ids: SYNTHETIC_BRAND_CONFIG.ids },
    rules: { reopenWindowMs: settings.threads.reopenWindowDays * 86_400_000, joinRecentOpenCaseMs: undefined },
    events: new SyncEventEmitter(),
    report,
    itemRetry: itemRetryPolicy(settings.limits),
    dryRun: false,
  };
  const started = process.cpuUsage();
  for (let i = 0; i < pages.length; i += 1) await runBatch(env, { number: i + 1, posts: pages[i] ?? [], rejected: [], checkpoint: String(i + 1) });
  const cpu = cpuSecondsSince(started);
  await limiters.stop();
  return { cpu, report };
}

async function main(argv: readonly string[]): Promise<void> {
  const count = Number(argv[0] ?? '100000');
  const rounds = Number(argv[1] ?? '2');
  const settings = parseSyncSettings({ brand: SYNTHETIC_BRAND_CONFIG, batchSize: BATCH });
  const posts: SocialPost[] = [];
  for (const input of generatePosts(count, 1)) {
    const v = validatePost(input);
    if (v.ok) posts.push(v.post);
  }
  const pages: SocialPost[][] = [];
  for (let i = 0; i < posts.length; i += BATCH) pages.push(posts.slice(i, i + BATCH));
  const realTriage = createTriage(settings.triage, { handles: SYNTHETIC_BRAND_CONFIG.handles, ids: SYNTHETIC_BRAND_CONFIG.ids });
  const decisions = new Map<SocialPost, TriageDecision>(posts.map((p) => [p, realTriage(p)]));
  const triage = (post: SocialPost): TriageDecision => decisions.get(post) ?? realTriage(post);
  const mapper = rememberingMapper(createMapper(settings.mapping, SALESFORCE_FIELD_LIMITS)); // the stand-in's limits
  await round(pages, triage, mapper); // warm-up: fills the mapper's answers, lets the JIT settle
  for (let r = 0; r < rounds; r += 1) {
    const { cpu, report } = await round(pages, triage, mapper);
    const counts = { cases: report.casesCreated, comments: report.commentsAdded, outbound: report.outboundComments, contacts: report.contactsCreated, ignored: report.ignored, dead: report.deadLettered };
    process.stdout.write(`engine stage: ${((cpu / posts.length) * 1e6).toFixed(2)} CPU µs/post over ${posts.length} posts; ${JSON.stringify(counts)}\n`);
  }
}

if (isMainModule(import.meta.url, 'stage-engine')) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
