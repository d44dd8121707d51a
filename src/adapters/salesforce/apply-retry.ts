/**
 * A second round inside one `apply` for Contacts the org's duplicate rules matched to an existing
 * record (`duplicates: useDuplicate`), and for the Cases and comments that failed only because of
 * them: they are sent again, with the duplicate's id. Row locks (`UNABLE_TO_LOCK_ROW`) are not retried
 * here: they come back as retryable item failures and the engine sends them again after its backoff
 * (`src/sync/settle-retry.ts`), so a lock that does not clear costs the engine's rounds only.
 */
import type { ApplyResult, CaseUpsert, CommentUpsert, ContactUpsert, CrmCallContext, ItemResult, WritePlan } from '../types.js';
import { applyOnce } from './apply.js';
import type { SalesforceEnv } from './env.js';
import { repairSocial, takeSocialWarnings, wantedOfPlan } from './social.js';

/** Extra rounds for Contacts matched to a duplicate and their dependants. */
export const RETRY_ROUNDS = 2;

const failedBy = (r: ItemResult | undefined): boolean => r?.ok === false && (r.error?.code === 'DEPENDENCY_FAILED' || r.error?.code === 'INVALID_FIELD' || r.error?.code === 'INVALID_CROSS_REFERENCE_KEY');
const refKeyOf = (ref: { externalKey: string } | { id: string } | undefined): string | undefined => (ref !== undefined && 'externalKey' in ref ? ref.externalKey : undefined);

/** The items worth another round, and where their results go. */
function retryPlan(env: SalesforceEnv, plan: WritePlan, result: ApplyResult): { plan: WritePlan; at: { contacts: number[]; cases: number[]; reopens: number[]; comments: number[] } } {
  const at = { contacts: [] as number[], cases: [] as number[], reopens: [] as number[], comments: [] as number[] };
  const contacts: ContactUpsert[] = [];
  const again = new Set<string>();
  plan.contacts.forEach((u, i) => {
    const dup = env.knowledge.duplicateOf.get(u.key);
    if (dup !== undefined) {
      contacts.push(dup === undefined ? u : { ...u, id: dup });
      at.contacts.push(i);
      again.add(u.key);
    }
  });
  const cases: CaseUpsert[] = [];
  plan.cases.forEach((c, i) => {
    const r = result.cases[i];
    const parentAgain = again.has(refKeyOf(c.contact) ?? '') || again.has(refKeyOf(c.parent) ?? '');
    if (failedBy(r) && parentAgain) {
      cases.push(c);
      at.cases.push(i);
      again.add(c.key);
    }
  });
  const reopens: WritePlan['reopens'] = [];
  const comments: CommentUpsert[] = [];
  plan.comments.forEach((m, i) => {
    const r = result.comments[i];
    if (failedBy(r) && again.has(refKeyOf(m.case) ?? '')) {
      comments.push(m);
      at.comments.push(i);
    }
  });
  env.knowledge.duplicateOf.clear();
  return { plan: { contacts, cases, reopens, comments }, at };
}

/** Applies a plan, then up to {@link RETRY_ROUNDS} more rounds for Contacts matched to a duplicate and their dependants. */
export async function applySalesforce(env: SalesforceEnv, plan: WritePlan, ctx: CrmCallContext): Promise<ApplyResult> {
  env.knowledge.duplicateOf.clear();
  let result: ApplyResult;
  try {
    result = await applyOnce(env, plan, ctx);
  } catch (error) {
    // A write may have been applied with its reply lost: what was known about comments and new Cases may be stale now.
    env.knowledge.commentsByCase.clear();
    env.knowledge.absentCaseKeys = new Set();
    throw error;
  }
  const merged = { contacts: [...result.contacts], cases: [...result.cases], reopens: [...result.reopens], comments: [...result.comments] };
  for (let round = 0; round < RETRY_ROUNDS; round++) {
    const { plan: sub, at } = retryPlan(env, plan, merged);
    if (sub.contacts.length + sub.cases.length + sub.reopens.length + sub.comments.length === 0) break;
    const again = await applyOnce(env, sub, ctx);
    for (const group of ['contacts', 'cases', 'reopens', 'comments'] as const) {
      at[group].forEach((index, j) => {
        const r = again[group][j];
        const before = merged[group][index];
        // A Contact matched to a duplicate stays "not created" even though round two wrote to it.
        if (r !== undefined) merged[group][index] = group === 'contacts' && before?.ok === true ? { ...r, created: false } : r;
      });
    }
  }
  // Social objects mode: the SocialPersonas and SocialPosts of what was written (and repairs a lookup queued).
  if (env.socialSchema() !== undefined) await repairSocial(env, ctx, wantedOfPlan(env, plan, merged));
  const warnings = takeSocialWarnings(env);
  return warnings.length === 0 ? merged : { ...merged, warnings };
}
