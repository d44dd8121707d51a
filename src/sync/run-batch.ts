import { createHash } from 'node:crypto';
import type { ApplyResult, CrmAdapter, CrmCallContext, CrmCapabilities, LookupPost, LookupRequest, LookupResult } from '../adapters/types.js';
import type { DeadLetter } from '../model/dead-letter.js';
import { identityKey, type SocialIdentity } from '../model/social-post.js';
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
import { pageKeys, prepareBatch, type PreparedPost } from './prepare.js';
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
 * The newest identity of each author, by identity key: from their post with the latest `createdAt`
 * (the page is not in pure time order: parents come before their replies), the later one in the
 * page on a tie. Keys in order of each author's first post.
 */
function latestIdentities(posts: readonly { readonly post: SocialPost; readonly authorKey: string }[]): Map<string, SocialPost> {
  const newest = new Map<string, SocialPost>();
  for (const { post, authorKey } of posts) {
    const held = newest.get(authorKey);
    if (held === undefined || post.createdAt >= held.createdAt) newest.set(authorKey, post);
  }
  return newest;
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
  // One pass per list, each key computed once (these lists are built for every post of every batch).
  const rejected = input.rejected.map((dl) => ({ dl, key: rejectedKey(env.stream, dl) })); // one digest per line
  const keys = pageKeys(input.posts); // prepareBatch uses the same strings
  const postKeys = new Set<string>(keys.posts);
  for (const key of keys.parents) if (key !== undefined) postKeys.add(key);
  for (const r of rejected) postKeys.add(r.key);
  const known = await state.getPosts([...postKeys]);

  const fresh = rejected.filter((r) => !known.has(r.key));
  const freshRejected = fresh.map((r) => r.dl);
  const prepared = prepareBatch(input.posts, known, env.triage, keys);

  const active: PreparedPost[] = [];
  const writers: PreparedPost[] = []; // posts that may become a Case or comment
  const mentionedHandles: { provider: string; handle: string }[] = [];
  const parentAuthorKeys: string[] = [];
  const parentRecordAuthors: string[] = [];
  for (const p of prepared.posts) {
    const { action } = p.decision;
    if (action === 'ignore') continue;
    active.push(p);
    const { post } = p;
    if (action === 'case' || action === 'comment') writers.push(p);
    else if (action === 'outbound') for (const handle of post.mentions) mentionedHandles.push({ provider: post.provider, handle });
    if (post.inReplyTo?.authorId !== undefined) parentAuthorKeys.push(identityKey({ provider: post.provider, id: post.inReplyTo.authorId }));
    const rec = p.parentKey === undefined ? undefined : known.get(p.parentKey);
    if (rec !== undefined) parentRecordAuthors.push(rec.authorKey);
  }
  const newest = latestIdentities(writers);
  const customers: SocialIdentity[] = [];
  const customerKeys: string[] = []; // identity keys of `customers`, in the same order
  newest.forEach((post, key) => {
    customers.push(post.author);
    customerKeys.push(key);
  });

  const identityKeys = new Set<string>(customerKeys);
  for (const key of parentAuthorKeys) identityKeys.add(key);
  for (const key of parentRecordAuthors) identityKeys.add(key);
  const cache = await state.getIdentities([...identityKeys]);
  let lookup: LookupResult = { contacts: [], cases: [], comments: [] };
  if (active.length > 0) {
    const contactIds = new Set<string>();
    for (const key of customerKeys) {
      const record = cache.get(key);
      if (record !== undefined) contactIds.add(record.contactId);
    }
    const threadKeys = new Set<string>();
    const externalPostIds: string[] = [];
    const posts: LookupPost[] = [];
    for (const p of active) {
      threadKeys.add(p.threadKey);
      externalPostIds.push(p.key);
      posts.push({ key: p.key, outbound: p.decision.action === 'outbound', author: p.post.author });
    }
    const request: LookupRequest = {
      identities: customers,
      contactIds: [...contactIds],
      threadKeys: [...threadKeys],
      externalPostIds,
      openCasesOfMatchedContacts: env.rules.joinRecentOpenCaseMs !== undefined,
      mentionedHandles,
      posts,
    };
    lookup = await env.crm.lookup(request, env.call);
  }

  const authors = resolveAuthors(customers, lookup.contacts, cache, (identity) => env.mapper.contactDraft(identity), customerKeys);
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
  const records: PostRecord[] = [];
  for (const p of settlement.posts) records.push(p.record);
  for (const r of fresh) records.push({ postId: r.key, threadId: '', outcome: 'dead', authorKey: '' });
  await state.commit({
    stream: env.stream,
    checkpoint: input.checkpoint,
    posts: records,
    identities: settlement.identities,
    deadLetters: freshRejected.length === 0 ? [...settlement.deadLetters] : [...freshRejected, ...settlement.deadLetters],
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
