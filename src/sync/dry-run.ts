import type { ApplyResult, CrmAdapter, CrmCallContext, ItemResult, LookupRequest, LookupResult, WritePlan } from '../adapters/types.js';
import type { RecordRef } from '../model/drafts.js';
import { DryRunMemory } from './dry-run-memory.js';

/** The id a dry run gives a record it would create: stable, and naming the plan key. */
export const dryRunId = (kind: 'contact' | 'case' | 'comment', key: string): string => `dry-run:${kind}:${key}`;

/**
 * The CRM as a dry run sees it: the real adapter for everything that reads (`describe`, `lookup`: the
 * CRM's own matching decides, as in a real run), and an `apply` that writes nothing and answers as the
 * CRM would: every item ok, new records with {@link dryRunId}s (`created: true`), updates and reopens
 * with their own ids (`created: false`). References inside the plan resolve as the CRM resolves them.
 *
 * What a real run would have created in an earlier batch is not in the CRM during a dry run, so
 * `lookup` adds the records this dry run pretended to write, found by the keys the engine gave them
 * (Contact id, provider id, handle, email, name; thread key, external post id): candidates only, the
 * engine's matcher decides as always.
 */
export function dryRunCrm(real: CrmAdapter): CrmAdapter {
  const memory = new DryRunMemory();
  const adapter: CrmAdapter = {
    name: real.name,
    describe: (ctx) => real.describe(ctx),
    async lookup(request: LookupRequest, ctx: CrmCallContext): Promise<LookupResult> {
      return memory.overlay(request, await real.lookup(request, ctx));
    },
    async apply(plan: WritePlan): Promise<ApplyResult> {
      const result = answer(plan);
      memory.remember(plan, result);
      return result;
    },
  };
  if (real.refreshSession !== undefined) adapter.refreshSession = () => real.refreshSession?.() ?? Promise.resolve();
  if (real.classifyError !== undefined) adapter.classifyError = (error) => real.classifyError?.(error);
  return adapter;
}

const ok = (key: string, id: string, created: boolean): ItemResult => ({ key, ok: true, id, created });
const missing = (key: string, what: string): ItemResult => ({
  key,
  ok: false,
  error: { code: 'DEPENDENCY_FAILED', message: `${what} is neither an existing record nor planned before it in this plan` },
});

/** What the CRM would answer to `plan` if every item were accepted; a reference to nothing fails as it would. */
function answer(plan: WritePlan): ApplyResult {
  const contactKeys = new Set(plan.contacts.map((c) => c.key));
  const caseKeys = new Set<string>();
  const known = (ref: RecordRef, keys: ReadonlySet<string>): boolean => 'id' in ref || keys.has(ref.externalKey);
  const cases = plan.cases.map((c) => {
    const result = !known(c.contact, contactKeys)
      ? missing(c.key, 'its Contact')
      : c.parent !== undefined && !known(c.parent, caseKeys)
        ? missing(c.key, 'its parent Case')
        : ok(c.key, dryRunId('case', c.key), true);
    if (result.ok) caseKeys.add(c.key);
    return result;
  });
  return {
    contacts: plan.contacts.map((c) => ok(c.key, c.id ?? dryRunId('contact', c.key), c.id === undefined)),
    cases,
    reopens: plan.reopens.map((r) => ok(r.key, r.id, false)),
    comments: plan.comments.map((c) => (known(c.case, caseKeys) ? ok(c.key, dryRunId('comment', c.key), true) : missing(c.key, 'its Case'))),
  };
}
