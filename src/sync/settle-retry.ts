/**
 * Retries of item failures the CRM marked `retryable` (a row lock, a 5xx inside a bulk request):
 * within the same batch, up to {@link ITEM_RETRY_ROUNDS} more `apply` rounds with only those items
 * and their dependants, each through the run's call context (limits, budget and call counts apply).
 * What still fails is dead-lettered by the settlement with `retryable: true` kept on the letter.
 * Replaying an item is safe: a Case or Contact is an upsert by its external id, a comment is matched
 * by its post's external id before it is written (ARCHITECTURE.md, "Rules the engine keeps").
 */
import type { ApplyResult, CaseUpsert, CommentUpsert, CrmAdapter, CrmCallContext, ItemResult, WritePlan } from '../adapters/types.js';
import { abortableSleep } from '../limits/abortable-sleep.js';
import { retryDelayMs } from '../limits/backoff.js';
import type { LimitsConfig } from '../limits/config.js';
import type { RecordRef } from '../model/drafts.js';

/** Extra `apply` rounds for retryable item failures, after the first. */
export const ITEM_RETRY_ROUNDS = 2;

/** How often and how patiently retryable item failures are tried again within a batch. */
export interface ItemRetryPolicy {
  /** Extra rounds after the first `apply` (0: none). */
  readonly rounds: number;
  /** Wait before extra round `round` (1 = the first retry), in ms. */
  delayMs(round: number): number;
}

/** {@link ITEM_RETRY_ROUNDS} rounds, each after the same backoff the call context uses (`limits.minRetryDelayMs` …). */
export function itemRetryPolicy(limits: LimitsConfig): ItemRetryPolicy {
  const backoff = { minDelayMs: limits.minRetryDelayMs, maxDelayMs: limits.maxRetryDelayMs, factor: limits.retryFactor, jitter: limits.jitter };
  return { rounds: ITEM_RETRY_ROUNDS, delayMs: (round) => retryDelayMs(round, {}, backoff) };
}

const SECTIONS = ['contacts', 'cases', 'reopens', 'comments'] as const;
const DEPENDENCY_FAILED = 'DEPENDENCY_FAILED';

/** Failed on its own, and the CRM says it may succeed if sent again. */
const retryable = (r: ItemResult | undefined): boolean => r?.ok === false && r.error?.retryable === true && r.error.code !== DEPENDENCY_FAILED;
const dependencyFailed = (r: ItemResult | undefined): boolean => r?.ok === false && r.error?.code === DEPENDENCY_FAILED;
const keyOf = (ref: RecordRef | undefined): string | undefined => (ref !== undefined && 'externalKey' in ref ? ref.externalKey : undefined);
const byKey = (items: readonly ItemResult[]): Map<string, ItemResult> => new Map(items.map((r) => [r.key, r]));

/**
 * The plan of the next round: the items whose result is a retryable failure, and the items that
 * failed only because one of those did (`DEPENDENCY_FAILED` on a Contact or Case retried now), in
 * plan order. A reference to an item that has succeeded meanwhile becomes its `{ id }` (that item
 * is not sent again). Empty when there is nothing worth another round. Pure.
 */
export function retryPlanOf(plan: WritePlan, result: ApplyResult): WritePlan {
  const results = { contacts: byKey(result.contacts), cases: byKey(result.cases), reopens: byKey(result.reopens), comments: byKey(result.comments) };
  const againContacts = new Set<string>();
  const againCases = new Set<string>();
  const resolve = (ref: RecordRef, again: ReadonlySet<string>, found: ReadonlyMap<string, ItemResult>): RecordRef => {
    const key = keyOf(ref);
    if (key === undefined || again.has(key)) return ref;
    const r = found.get(key);
    return r?.ok === true && r.id !== undefined ? { id: r.id } : ref;
  };

  const contacts = plan.contacts.filter((c) => retryable(results.contacts.get(c.key)));
  for (const c of contacts) againContacts.add(c.key);
  const cases: CaseUpsert[] = [];
  for (const c of plan.cases) {
    const r = results.cases.get(c.key);
    const parentAgain = againContacts.has(keyOf(c.contact) ?? '') || againCases.has(keyOf(c.parent) ?? '');
    if (!retryable(r) && !(dependencyFailed(r) && parentAgain)) continue;
    const parent = c.parent === undefined ? {} : { parent: resolve(c.parent, againCases, results.cases) };
    cases.push({ ...c, contact: resolve(c.contact, againContacts, results.contacts), ...parent });
    againCases.add(c.key);
  }
  const reopens = plan.reopens.filter((r) => retryable(results.reopens.get(r.key)));
  const comments: CommentUpsert[] = [];
  for (const m of plan.comments) {
    const r = results.comments.get(m.key);
    if (!retryable(r) && !(dependencyFailed(r) && againCases.has(keyOf(m.case) ?? ''))) continue;
    comments.push({ ...m, case: resolve(m.case, againCases, results.cases) });
  }
  return { contacts, cases, reopens, comments };
}

const isEmptyPlan = (plan: WritePlan): boolean => SECTIONS.every((section) => plan[section].length === 0);

/** `result` with each item the retry answered replaced by that answer (still one result per item, in plan order); the warnings of both rounds. */
export function mergeRetried(result: ApplyResult, retried: ApplyResult): ApplyResult {
  const merge = (items: readonly ItemResult[], again: readonly ItemResult[]): ItemResult[] => {
    const answers = byKey(again);
    return items.map((r) => answers.get(r.key) ?? r);
  };
  const warnings = [...(result.warnings ?? []), ...(retried.warnings ?? [])];
  return {
    contacts: merge(result.contacts, retried.contacts),
    cases: merge(result.cases, retried.cases),
    reopens: merge(result.reopens, retried.reopens),
    comments: merge(result.comments, retried.comments),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/**
 * `crm.apply(plan)`, then up to `policy.rounds` more rounds for the retryable failures and their
 * dependants (a wait of `policy.delayMs(round)` before each; the run's abort signal ends it and fails
 * the batch, which then is not committed). Resolves with one result per item of `plan`: each item's
 * last answer.
 */
export async function applyWithItemRetries(crm: CrmAdapter, plan: WritePlan, ctx: CrmCallContext, policy: ItemRetryPolicy): Promise<ApplyResult> {
  let result = await crm.apply(plan, ctx);
  for (let round = 1; round <= policy.rounds; round += 1) {
    if (!SECTIONS.some((section) => result[section].some(retryable))) break; // nothing to retry: skip building the retry plan's indexes
    const again = retryPlanOf(plan, result);
    if (isEmptyPlan(again)) break;
    await abortableSleep(policy.delayMs(round), ctx.signal);
    result = mergeRetried(result, await crm.apply(again, ctx));
  }
  return result;
}
