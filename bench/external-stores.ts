/**
 * Stand-ins for stores that live outside the process (a remote CRM, Redis), for measuring what the
 * engine itself holds in memory: the CRM answers every lookup with nothing found and gives each
 * write an id; the state keeps checkpoints and dead-letter counts only. With them, any growth of
 * RSS with input size would be the engine's own (it should be none: it streams batch by batch).
 */
import { SALESFORCE_FIELD_LIMITS } from '../src/mapping/field-limits.js';
import type { ApplyResult, CrmAdapter, CrmCapabilities, ItemResult, WritePlan } from '../src/adapters/types.js';
import type { StateStore } from '../src/state/types.js';

const CAPABILITIES: CrmCapabilities = {
  name: 'remote',
  fieldLimits: SALESFORCE_FIELD_LIMITS,
  batchSizes: { lookup: 500, apply: 500 },
  closedStatuses: ['Closed'],
  newCaseStatus: 'New',
  reopenStatus: 'Reopened',
};

/** A CRM the process holds nothing of: every lookup finds nothing, every write succeeds with a new id. */
export function remoteLikeCrm(): CrmAdapter & { readonly written: number } {
  let next = 0;
  const created = (items: readonly { readonly key: string }[]): ItemResult[] =>
    items.map((item) => ({ key: item.key, ok: true, id: `R${(next += 1)}`, created: true }));
  return {
    name: 'remote',
    get written() {
      return next;
    },
    describe: (ctx) => ctx.call('describe', async () => CAPABILITIES),
    lookup: (_request, ctx) => ctx.call('lookup', async () => ({ contacts: [], cases: [], comments: [] })),
    apply: (plan: WritePlan, ctx) =>
      ctx.call('apply', async (): Promise<ApplyResult> => ({
        contacts: created(plan.contacts),
        cases: created(plan.cases),
        reopens: plan.reopens.map((r) => ({ key: r.key, ok: true, id: r.id })),
        comments: created(plan.comments),
      })),
  };
}

/** A state store that keeps checkpoints only (as Redis would, out of process); posts and identities are not remembered. */
export function checkpointOnlyState(): StateStore & { readonly deadLetters: number } {
  const checkpoints = new Map<string, string | null>();
  let deadLetters = 0;
  return {
    kind: 'external',
    get deadLetters() {
      return deadLetters;
    },
    getCheckpoint: async (stream) => checkpoints.get(stream) ?? null,
    getPosts: async () => new Map(),
    getIdentities: async () => new Map(),
    async commit(change) {
      if (change.checkpoint !== undefined) checkpoints.set(change.stream, change.checkpoint);
      deadLetters += change.deadLetters.length;
    },
    listDeadLetters: async () => [],
    async removeDeadLetters() {},
    async close() {},
  };
}
