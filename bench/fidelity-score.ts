/**
 * Scores thread fidelity from what a sync left behind: the local CRM snapshot, the state's post
 * records and identities, and the dead letters. Pure: no I/O, so tests can feed it hand-made data.
 */
import type { LocalCrmDocument } from '../src/adapters/local/index.js';
import { isBrandAuthor, type BrandConfig } from '../src/triage/brand.js';
import type { DeadLetter } from '../src/model/dead-letter.js';
import { externalPostId, identityKey, type SocialPostInput } from '../src/model/social-post.js';
import type { IdentityRecord, PostRecord } from '../src/state/types.js';

/** What thread fidelity measured. Shares are in [0, 1]. */
export interface FidelityResult {
  /** All tweets given. */
  readonly posts: number;
  /** Tweets by customers (inbound: not by a brand account). */
  readonly customerTweets: number;
  /** Customer tweets that became a Case or a comment. */
  readonly customerTweetsSynced: number;
  /** Synced customer tweets whose (customer, thread) group sits wholly on one Case owned by that customer. */
  readonly customerTweetsOnOwnCase: number;
  /** `customerTweetsOnOwnCase / customerTweetsSynced` (1 when nothing was synced). */
  readonly ownCaseShare: number;
  /** Customer tweets deliberately not synced, and why (last reason → count). */
  readonly customerIgnored: number;
  readonly ignoredReasons: Readonly<Record<string, number>>;
  /** Customer tweets dead-lettered, and why (`stage/code` → count). */
  readonly customerDeadLettered: number;
  readonly deadLetterReasons: Readonly<Record<string, number>>;
  /** Cases holding posts (opening post or inbound comments) of two or more different customers. Must be 0. */
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

/** Everything {@link scoreThreadFidelity} looks at. */
export interface FidelityInputs {
  readonly posts: readonly SocialPostInput[];
  readonly brand: BrandConfig;
  readonly crm: LocalCrmDocument;
  /** State records by external post id (`provider:id`). */
  readonly records: ReadonlyMap<string, PostRecord>;
  /** Identity cache by identity key (`provider:userId`). */
  readonly identities: ReadonlyMap<string, IdentityRecord>;
  readonly deadLetters: readonly DeadLetter[];
  /** Reasons of the `postIgnored` events, by external post id. */
  readonly ignoredWhy: ReadonlyMap<string, readonly string[]>;
  readonly crmCalls: number;
}

const inc = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

type Synced = PostRecord & { readonly caseId: string };
const isSynced = (r: PostRecord | undefined): r is Synced =>
  r !== undefined && (r.outcome === 'case' || r.outcome === 'comment') && r.caseId !== undefined;

/** Share of synced customer tweets whose (customer, thread) group lies on one Case of that customer. */
function ownCase(inputs: FidelityInputs, customers: readonly SocialPostInput[]): { synced: number; onOwn: number } {
  const caseOwner = new Map(inputs.crm.cases.map((c) => [c.id, c.contactId]));
  const groups = new Map<string, { contactId: string | undefined; caseIds: Set<string>; tweets: number }>();
  let synced = 0;
  for (const p of customers) {
    const rec = inputs.records.get(externalPostId(p));
    if (!isSynced(rec)) continue;
    synced += 1;
    const author = identityKey(p.author);
    const key = `${author}\u0000${rec.threadId}`;
    const group = groups.get(key) ?? { contactId: inputs.identities.get(author)?.contactId, caseIds: new Set<string>(), tweets: 0 };
    group.caseIds.add(rec.caseId);
    group.tweets += 1;
    groups.set(key, group);
  }
  let onOwn = 0;
  for (const g of groups.values()) {
    const [only] = g.caseIds;
    if (g.caseIds.size === 1 && only !== undefined && g.contactId !== undefined && caseOwner.get(only) === g.contactId) onOwn += g.tweets;
  }
  return { synced, onOwn };
}

/** Computes every {@link FidelityResult} figure from the data a sync left behind. */
export function scoreThreadFidelity(inputs: FidelityInputs): FidelityResult {
  const { posts, crm, records } = inputs;
  const byKey = new Map(posts.map((p) => [externalPostId(p), p]));
  const isBrand = (p: SocialPostInput): boolean => isBrandAuthor(p.author, inputs.brand);
  const customers = posts.filter((p) => !isBrand(p));
  const own = ownCase(inputs, customers);

  const ignoredReasons: Record<string, number> = {};
  let customerIgnored = 0;
  for (const p of customers) {
    const key = externalPostId(p);
    if (records.get(key)?.outcome !== 'ignored') continue;
    customerIgnored += 1;
    inc(ignoredReasons, inputs.ignoredWhy.get(key)?.at(-1) ?? 'unknown');
  }
  // Dead letters name the post by external id (engine stages) or by raw id (rejected by validation).
  const customerIds = new Set(customers.flatMap((p) => [p.id, externalPostId(p)]));
  const deadLetterReasons: Record<string, number> = {};
  let customerDeadLettered = 0;
  for (const dl of inputs.deadLetters) {
    if (!customerIds.has(dl.postId)) continue;
    customerDeadLettered += 1;
    inc(deadLetterReasons, `${dl.stage}/${dl.code}`);
  }

  const authorsOfCase = new Map<string, Set<string>>();
  const addAuthor = (caseId: string, postKey: string | null): void => {
    const p = postKey === null ? undefined : byKey.get(postKey);
    if (p === undefined || isBrand(p)) return;
    const set = authorsOfCase.get(caseId) ?? new Set<string>();
    set.add(identityKey(p.author));
    authorsOfCase.set(caseId, set);
  };
  let brandOpenedCases = 0;
  for (const c of crm.cases) {
    addAuthor(c.id, c.externalPostId);
    const opener = c.externalPostId === null ? undefined : byKey.get(c.externalPostId);
    if (opener !== undefined && isBrand(opener)) brandOpenedCases += 1;
  }
  for (const m of crm.comments) if (!m.outbound) addAuthor(m.caseId, m.externalPostId);

  const outbound = crm.comments.filter((m) => m.outbound);
  const outboundKeys = new Set(outbound.map((m) => m.externalPostId));
  const brandReplies = posts.filter((p) => isBrand(p) && p.inReplyTo !== undefined);
  const toSynced = brandReplies.filter((p) => {
    const parent = byKey.get(externalPostId({ provider: p.provider, id: p.inReplyTo?.postId ?? '' }));
    return parent !== undefined && !isBrand(parent) && isSynced(records.get(externalPostId(parent)));
  });

  return {
    posts: posts.length,
    customerTweets: customers.length,
    customerTweetsSynced: own.synced,
    customerTweetsOnOwnCase: own.onOwn,
    ownCaseShare: own.synced === 0 ? 1 : own.onOwn / own.synced,
    customerIgnored,
    ignoredReasons,
    customerDeadLettered,
    deadLetterReasons,
    mixedCases: [...authorsOfCase.values()].filter((s) => s.size > 1).length,
    brandOpenedCases,
    outboundComments: outbound.length,
    brandReplies: brandReplies.length,
    brandRepliesToSyncedCustomers: toSynced.length,
    brandRepliesToSyncedCustomersOutbound: toSynced.filter((p) => outboundKeys.has(externalPostId(p))).length,
    cases: crm.cases.length,
    comments: crm.comments.length,
    crmCalls: inputs.crmCalls,
  };
}
