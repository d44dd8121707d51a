import { createHash } from 'node:crypto';
import type { ApplyResult, CrmAdapter, CrmCallContext, CrmCapabilities, LookupRequest, LookupResult } from '../adapters/types.js';
import type { DeadLetter } from '../model/dead-letter.js';
import { externalPostId, identityKey, type SocialIdentity } from '../model/social-post.js';
import { resolveAuthors } from '../identity/resolve-authors.js';
import type { Mapper } from '../mapping/field-mapping.js';
import type { BrandConfig } from '../triage/brand.js';
import type { TriageDecision } from '../triage/triage.js';
import type { SocialPost } from '../model/social-post.js';
import type { PostRecord, StateStore } from '../state/types.js';
import { CaseIndex, viewOfCrmCase } from '../threads/case-index.js';
import type { ThreadRules } from '../threads/route.js';
import type { SyncEventEmitter } from './events.js';
import { settleBatch } from './settle.js';
import { applyWithItemRetries, type ItemRetryPolicy } from './settle-retry.js';
import { emitSettlement } from './settle-events.js';
import { countSettlement, type ReportCounters } from './settle-report.js';
import { prepareBatch } from './prepare.js';
import { routeBatch } from './route-batch.js';

/** Everything that stays the same from one batch to the next. */
export interface BatchEnv {
  readonly stream: string;
  /** The CRM (in dry-run: the `dryRunCrm` wrapper around it). */
  readonly crm: CrmAdapter;
  /** The run's call context for the CRM. */
  readonly call: CrmCallContext;
  readonly state: StateStore;
  readonly capabilities: CrmCapabilities;
  readonly triage: (post: SocialPost) => TriageDecision;
  readonly mapper: Mapper;
  readonly brand: BrandConfig;
  readonly rules: ThreadRules;
  readonly events: SyncEventEmitter;
  readonly report: ReportCounters;
  /** Extra `apply` rounds for item failures the CRM marked retryable, and the wait before each. */
  readonly itemRetry: ItemRetryPolicy;
  /** Dry-run: each plan is announced (`planned`) before the wrapper's `apply` answers it. */
  readonly dryRun: boolean;
}

/** One page from the source. */
export interface BatchInput {
  readonly number: number;
  readonly posts: readonly SocialPost[];
  readonly rejected: readonly DeadLetter[];
  readonly checkpoint: string | null;
}

/**
 * State key under which a rejected input item is remembered, so a replay does not dead-letter it
 * twice: its line (or id) and a digest of its content, so a *different* bad line at the same number
 * (the input file was replaced) is dead-lettered in its turn.
 */
const rejectedKey = (stream: string, dl: DeadLetter): string => {
  const digest = createHash('sha256').update(JSON.stringify(dl.payload ?? null) ?? 'null').digest('hex').slice(0, 16);
  return `rejected:${stream}:${dl.line ?? dl.postId}:${digest}`;
};

/**
 * The newest identity of each author: from their post with the latest `createdAt` (the page is not in
 * pure time order: parents come before their replies), the later one in the page on a tie.
 */
function latestIdentities(posts: readonly { post: SocialPost }[]): SocialIdentity[] {
  const newest = new Map<string, SocialPost>();
  for (const { post } of posts) {
    const key = identityKey(post.author);
    const held = newest.get(key);
    if (held === undefined || post.createdAt >= held.createdAt) newest.set(key, post);
  }
  return [...newest.values()].map((post) => post.author);
}

/**
 * Runs one page through the stages: dedupe, triage, threads, one batched CRM lookup, identity
 * resolution, routing, one `apply` of the whole plan (plus at most `itemRetry.rounds` more for the
 * items the CRM marked retryable and their dependants), settling the results (one outcome per post),
 * one atomic state commit with the new checkpoint, and only then the report counters and events.
 * Per-post failures become dead letters; the batch goes on. A batch that throws (an abort, a call
 * that gave up) changes neither the report nor the state: a rerun replays it.
 */
export async function runBatch(env: BatchEnv, input: BatchInput): Promise<void> {
  const { state, report, events } = env;
  const parentKeys = input.posts.flatMap((p) => (p.inReplyTo === undefined ? [] : [externalPostId({ provider: p.provider, id: p.inReplyTo.postId })]));
  const rejected = input.rejected.map((dl) => ({ dl, key: rejectedKey(env.stream, dl) })); // one digest per line
  const ownKeys = input.posts.map(externalPostId);
  const known = await state.getPosts([...new Set([...ownKeys, ...parentKeys, ...rejected.map((r) => r.key)])]);

  const fresh = rejected.filter((r) => !known.has(r.key));
  const freshRejected = fresh.map((r) => r.dl);
  const prepared = prepareBatch(input.posts, known, env.triage);

  const active = prepared.posts.filter((p) => p.decision.action !== 'ignore');
  const customers = latestIdentities(active.filter((p) => p.decision.action === 'case' || p.decision.action === 'comment'));
  const mentionedHandles = active
    .filter((p) => p.decision.action === 'outbound')
    .flatMap((p) => p.post.mentions.map((handle) => ({ provider: p.post.provider, handle })));
  const parentAuthorKeys = active.flatMap((p) => (p.post.inReplyTo?.authorId === undefined ? [] : [identityKey({ provider: p.post.provider, id: p.post.inReplyTo.authorId })]));
  const parentRecordAuthors = active.flatMap((p) => {
    const rec = p.parentKey === undefined ? undefined : known.get(p.parentKey);
    return rec === undefined ? [] : [rec.authorKey];
  });

  const cache = await state.getIdentities([...new Set([...customers.map(identityKey), ...parentAuthorKeys, ...parentRecordAuthors])]);
  let lookup: LookupResult = { contacts: [], cases: [], comments: [] };
  if (active.length > 0) {
    const cachedContactIds = customers.flatMap((c) => {
      const record = cache.get(identityKey(c));
      return record === undefined ? [] : [record.contactId];
    });
    const request: LookupRequest = {
      identities: customers,
      contactIds: [...new Set(cachedContactIds)],
      threadKeys: [...new Set(active.map((p) => p.threadKey))],
      externalPostIds: active.map((p) => p.key),
      openCasesOfMatchedContacts: env.rules.joinRecentOpenCaseMs !== undefined,
      mentionedHandles,
      posts: active.map((p) => ({ key: p.key, outbound: p.decision.action === 'outbound', author: p.post.author })),
    };
    lookup = await env.crm.lookup(request, env.call);
  }

  const authors = resolveAuthors(customers, lookup.contacts, cache, (identity) => env.mapper.contactDraft(identity));
  const index = new CaseIndex();
  for (const c of lookup.cases) {
    const view = viewOfCrmCase(c);
    if (view !== undefined) index.add(view);
  }

  const routed = routeBatch({ posts: prepared.posts, lookup, authors, cache, known, index, mapper: env.mapper, brand: env.brand, capabilities: env.capabilities, rules: env.rules });
  const plan = routed.plan.build();
  let result: ApplyResult = { contacts: [], cases: [], reopens: [], comments: [] };
  if (!routed.plan.isEmpty) {
    if (env.dryRun) events.emit('planned', { batch: input.number, plan });
    result = await applyWithItemRetries(env.crm, plan, env.call, env.itemRetry);
  }

  const settlement = settleBatch({ intents: routed.intents, authors, result, known: cache, at: new Date().toISOString() });
  const rejectedRecords: PostRecord[] = fresh.map((r) => ({ postId: r.key, threadId: '', outcome: 'dead', authorKey: '' }));
  await state.commit({
    stream: env.stream,
    checkpoint: input.checkpoint,
    posts: [...settlement.posts.map((p) => p.record), ...rejectedRecords],
    identities: [...settlement.identities],
    deadLetters: [...freshRejected, ...settlement.deadLetters],
  });
  countSettlement(report, settlement, { postsRead: input.posts.length, duplicates: prepared.duplicates, rejected: freshRejected.length });
  emitSettlement(events, settlement, freshRejected);
  for (const warning of result.warnings ?? []) {
    report.warnings += 1;
    events.emit('crmWarning', warning);
  }
  report.batches += 1;
  report.checkpoint = input.checkpoint;
}
