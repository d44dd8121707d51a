/**
 * Thread fidelity on real support conversations (the "Customer Support on Twitter" sample, twcs.csv):
 * syncs the tweets into an in-memory local CRM and checks the thread rules of DESIGN.md on the
 * result — each customer on their own Case per thread, no Case mixing two customers, no Case opened
 * by a brand tweet, brand answers landing as outbound comments.
 *
 * CLI: `tsx bench/twcs-fidelity.ts [twcs.csv]` prints the {@link FidelityResult} as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { localCrmAdapter } from '../src/adapters/local/index.js';
import { isBrandAuthor, type BrandConfig } from '../src/mapping/brand.js';
import { externalPostId, identityKey, type SocialPostInput } from '../src/model/social-post.js';
import { arraySource } from '../src/sources/array-source.js';
import { memoryStateStore } from '../src/state/index.js';
import type { PostRecord } from '../src/state/types.js';
import { createSync } from '../src/sync/create-sync.js';
import { convertTwcs, DEFAULT_TWCS_PATH } from './twcs-to-jsonl.js';
import { isMainModule } from './twitter-text.js';

/** What {@link measureThreadFidelity} found. Shares are in [0, 1]. */
export interface FidelityResult {
  /** All tweets given. */
  readonly posts: number;
  /** Tweets by customers (inbound: not by a brand account). */
  readonly customerTweets: number;
  /** Customer tweets that became a Case or a comment. */
  readonly customerTweetsSynced: number;
  /** Synced customer tweets whose (customer, thread) group sits wholly on one Case of that customer. */
  readonly customerTweetsOnOwnCase: number;
  /** `customerTweetsOnOwnCase / customerTweetsSynced` (1 when nothing was synced). */
  readonly ownCaseShare: number;
  /** Customer tweets deliberately not synced, and why (first reason → count). */
  readonly customerIgnored: number;
  readonly ignoredReasons: Readonly<Record<string, number>>;
  /** Customer tweets dead-lettered, and why (`stage/code` → count). */
  readonly customerDeadLettered: number;
  readonly deadLetterReasons: Readonly<Record<string, number>>;
  /** Cases holding posts (opening post or comments) of two or more different customers. Must be 0. */
  readonly mixedCases: number;
  /** Cases whose `externalPostId` is a brand tweet. Must be 0. */
  readonly brandOpenedCases: number;
  /** Comments with `outbound: true`. */
  readonly outboundComments: number;
  /** Brand tweets that reply to some tweet. */
  readonly brandReplies: number;
  /** Brand replies whose parent is a customer tweet that was synced to a Case or comment. */
  readonly brandRepliesToSyncedCustomers: number;
  /** Of those, the ones that are an outbound comment in the CRM. */
  readonly brandRepliesToSyncedCustomersOutbound: number;
  readonly cases: number;
  readonly comments: number;
  readonly crmCalls: number;
}

const ms = (p: SocialPostInput): number => Date.parse(p.createdAt);
const inc = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/**
 * Syncs `posts` (any order) into a fresh in-memory local CRM with the given brand handles (which are
 * also the brand's user ids, as in twcs), then measures thread fidelity from the CRM snapshot and
 * the state's post records.
 *
 * The posts are handed to the source in `createdAt` order (stable, so equal times keep their input
 * order). The engine only sorts within a batch; a live source delivers tweets in the order they were
 * written, and a reply must meet its parent first to find the parent's thread and Case. The twcs
 * file is grouped by conversation, not by time, so replaying it in file order would put answers in
 * earlier batches than the tweets they answer and measure the input order rather than the engine.
 */
export async function measureThreadFidelity(posts: readonly SocialPostInput[], brandHandles: readonly string[]): Promise<FidelityResult> {
  const brand: BrandConfig = { handles: [...brandHandles], ids: [...brandHandles] };
  const ordered = posts.map((p, i) => ({ p, i, t: ms(p) })).sort((a, b) => a.t - b.t || a.i - b.i).map((x) => x.p);
  const crm = localCrmAdapter();
  const state = memoryStateStore();
  const sync = createSync({ source: arraySource(ordered, 'twcs'), crm, state, brand, batchSize: 500 });
  const ignoredWhy = new Map<string, readonly string[]>();
  sync.on('postIgnored', ({ postId, reasons }) => ignoredWhy.set(postId, reasons));
  let crmCalls: number;
  try {
    crmCalls = (await sync.run()).crmCalls;
  } finally {
    await sync.close();
  }
  const doc = crm.snapshot();
  const keys = ordered.map((p) => externalPostId(p));
  const records = await state.getPosts(keys);
  const deadLetters = await state.listDeadLetters();
  const customerKeys = [...new Set(ordered.filter((p) => !isBrandAuthor(p.author, brand)).map((p) => identityKey(p.author)))];
  const identities = await state.getIdentities(customerKeys);
  await crm.close();
  await state.close();

  const byKey = new Map(ordered.map((p) => [externalPostId(p), p]));
  const isBrand = (p: SocialPostInput): boolean => isBrandAuthor(p.author, brand);
  const customers = ordered.filter((p) => !isBrand(p));
  const synced = (r: PostRecord | undefined): r is PostRecord & { caseId: string } =>
    r !== undefined && (r.outcome === 'case' || r.outcome === 'comment') && r.caseId !== undefined;

  // Own Case share: group synced customer tweets by (customer, thread).
  const caseOwner = new Map(doc.cases.map((c) => [c.id, c.contactId]));
  const groups = new Map<string, { contactId: string | undefined; caseIds: Set<string>; tweets: number }>();
  let customerTweetsSynced = 0;
  for (const p of customers) {
    const rec = records.get(externalPostId(p));
    if (!synced(rec)) continue;
    customerTweetsSynced += 1;
    const author = identityKey(p.author);
    const group = groups.get(`${author}\u0000${rec.threadId}`) ?? { contactId: identities.get(author)?.contactId, caseIds: new Set<string>(), tweets: 0 };
    group.caseIds.add(rec.caseId);
    group.tweets += 1;
    groups.set(`${author}\u0000${rec.threadId}`, group);
  }
  let onOwnCase = 0;
  for (const g of groups.values()) {
    const [only] = g.caseIds;
    if (g.caseIds.size === 1 && only !== undefined && g.contactId !== undefined && caseOwner.get(only) === g.contactId) onOwnCase += g.tweets;
  }

  // Ignored and dead-lettered customer tweets, with reasons.
  const ignoredReasons: Record<string, number> = {};
  const deadLetterReasons: Record<string, number> = {};
  let customerIgnored = 0;
  for (const p of customers) {
    const key = externalPostId(p);
    if (records.get(key)?.outcome !== 'ignored') continue;
    customerIgnored += 1;
    inc(ignoredReasons, ignoredWhy.get(key)?.at(-1) ?? 'unknown');
  }
  const customerIds = new Set(customers.map((p) => p.id));
  let customerDeadLettered = 0;
  for (const dl of deadLetters) {
    const id = dl.postId.includes(':') ? dl.postId.slice(dl.postId.indexOf(':') + 1) : dl.postId;
    if (!customerIds.has(id)) continue;
    customerDeadLettered += 1;
    inc(deadLetterReasons, `${dl.stage}/${dl.code}`);
  }

  // Cases: who posted on each, and who opened it.
  const authorsOfCase = new Map<string, Set<string>>();
  const addAuthor = (caseId: string, postKey: string | null): void => {
    const p = postKey === null ? undefined : byKey.get(postKey);
    if (p === undefined || isBrand(p)) return;
    const set = authorsOfCase.get(caseId) ?? new Set<string>();
    set.add(identityKey(p.author));
    authorsOfCase.set(caseId, set);
  };
  let brandOpenedCases = 0;
  for (const c of doc.cases) {
    addAuthor(c.id, c.externalPostId);
    const opener = c.externalPostId === null ? undefined : byKey.get(c.externalPostId);
    if (opener !== undefined && isBrand(opener)) brandOpenedCases += 1;
  }
  for (const m of doc.comments) if (!m.outbound) addAuthor(m.caseId, m.externalPostId);
  const mixedCases = [...authorsOfCase.values()].filter((s) => s.size > 1).length;

  // Brand replies and where they landed.
  const outboundKeys = new Set(doc.comments.filter((m) => m.outbound).map((m) => m.externalPostId));
  const brandReplies = ordered.filter((p) => isBrand(p) && p.inReplyTo !== undefined);
  const toSynced = brandReplies.filter((p) => {
    const parent = byKey.get(externalPostId({ provider: p.provider, id: p.inReplyTo?.postId ?? '' }));
    return parent !== undefined && !isBrand(parent) && synced(records.get(externalPostId(parent)));
  });

  return {
    posts: ordered.length,
    customerTweets: customers.length,
    customerTweetsSynced,
    customerTweetsOnOwnCase: onOwnCase,
    ownCaseShare: customerTweetsSynced === 0 ? 1 : onOwnCase / customerTweetsSynced,
    customerIgnored,
    ignoredReasons,
    customerDeadLettered,
    deadLetterReasons,
    mixedCases,
    brandOpenedCases,
    outboundComments: doc.comments.filter((m) => m.outbound).length,
    brandReplies: brandReplies.length,
    brandRepliesToSyncedCustomers: toSynced.length,
    brandRepliesToSyncedCustomersOutbound: toSynced.filter((p) => outboundKeys.has(externalPostId(p))).length,
    cases: doc.cases.length,
    comments: doc.comments.length,
    crmCalls,
  };
}

/** Result of {@link twcsFidelity}: the measurement, or why it was skipped. */
export type TwcsFidelityOutcome = { readonly result: FidelityResult } | { readonly skipped: string };

/** Reads and converts a twcs.csv file and measures it; skips (with the reason) when the file is absent. */
export async function twcsFidelity(path: string = DEFAULT_TWCS_PATH): Promise<TwcsFidelityOutcome> {
  if (!existsSync(path)) return { skipped: `${path} not found` };
  const { posts, brandHandles } = convertTwcs(readFileSync(path, 'utf8'));
  return { result: await measureThreadFidelity(posts, brandHandles) };
}

if (isMainModule(import.meta.url)) {
  twcsFidelity(process.argv[2]).then(
    (outcome) => process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
