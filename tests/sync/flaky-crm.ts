/**
 * A fake CRM for the item-retry tests: the local CRM, except that chosen items fail (retryable or
 * not) a given number of times, their dependants with `DEPENDENCY_FAILED`, as a remote CRM's row
 * lock or a 5xx inside a bulk request would. Every plan it is asked to apply is recorded.
 */
import { dependencyFailed, fail, itemError } from '../../src/adapters/kit/index.js';
import { localCrmAdapter, type LocalCrmAdapter } from '../../src/adapters/local/index.js';
import type { ApplyResult, CrmAdapter, ItemResult, WritePlan } from '../../src/adapters/types.js';
import type { RecordRef } from '../../src/model/drafts.js';

/** How the chosen items fail. */
export interface FlakyFailure {
  readonly code: string;
  readonly retryable: boolean;
}

/** The flaky CRM, the local CRM behind it and the plans it was asked to apply. */
export interface FlakyCrm {
  readonly crm: CrmAdapter;
  readonly inner: LocalCrmAdapter;
  readonly plans: WritePlan[];
  /** Lets every item through from now on. */
  heal(): void;
}

const SECTIONS = ['contacts', 'cases', 'reopens', 'comments'] as const;
const keyOf = (ref: RecordRef | undefined): string | undefined => (ref !== undefined && 'externalKey' in ref ? ref.externalKey : undefined);

/** `failures`: item key (a Contact's identity key, a post's external id) → how many times it fails. */
export function flakyCrm(failures: Record<string, number>, how: FlakyFailure = { code: 'UNABLE_TO_LOCK_ROW', retryable: true }): FlakyCrm {
  const inner = localCrmAdapter();
  const left = new Map(Object.entries(failures));
  const plans: WritePlan[] = [];
  const failsNow = (key: string): boolean => {
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    return n > 0;
  };
  const error = itemError(how.code, `${how.code}: unable to obtain exclusive access to this record`, { retryable: how.retryable });
  const crm: CrmAdapter = {
    name: inner.name,
    describe: (ctx) => inner.describe(ctx),
    lookup: (request, ctx) => inner.lookup(request, ctx),
    close: () => inner.close(),
    async apply(plan, ctx): Promise<ApplyResult> {
      plans.push(plan);
      const refused = new Map<string, ItemResult>();
      const failed = new Set<string>();
      const refuse = (section: string, key: string, parent: string | undefined, field: string): boolean => {
        if (parent !== undefined) refused.set(`${section}:${key}`, dependencyFailed(key, { what: key, field, parentKey: parent, parentError: error }));
        else if (failsNow(key)) refused.set(`${section}:${key}`, fail(key, error));
        else return false;
        failed.add(key);
        return true;
      };
      const blocked = (ref: RecordRef | undefined): string | undefined => {
        const key = keyOf(ref);
        return key !== undefined && failed.has(key) ? key : undefined;
      };
      const sent: WritePlan = {
        contacts: plan.contacts.filter((c) => !refuse('contacts', c.key, undefined, '')),
        cases: plan.cases.filter((c) => !refuse('cases', c.key, blocked(c.contact) ?? blocked(c.parent), 'contactId')),
        reopens: plan.reopens.filter((r) => !refuse('reopens', r.key, undefined, '')),
        comments: plan.comments.filter((m) => !refuse('comments', m.key, blocked(m.case), 'caseId')),
      };
      const answered = await inner.apply(sent, ctx);
      const result = { contacts: [], cases: [], reopens: [], comments: [] } as Record<(typeof SECTIONS)[number], ItemResult[]>;
      for (const section of SECTIONS) {
        const byKey = new Map(answered[section].map((r) => [r.key, r]));
        for (const item of plan[section]) {
          const r = refused.get(`${section}:${item.key}`) ?? byKey.get(item.key);
          if (r !== undefined) result[section].push(r);
        }
      }
      return result;
    },
  };
  return { crm, inner, plans, heal: () => left.clear() };
}
