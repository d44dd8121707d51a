/**
 * Deliberately broken CRM adapters, each the local adapter with one defect a remote adapter could
 * have: the contract suite must catch every one of them.
 */
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { directCallContext, type ApplyResult, type CrmAdapter, type ItemResult, type WritePlan } from '../../src/adapters/types.js';

type Override = (inner: CrmAdapter) => Partial<CrmAdapter>;

function broken(override: Override, inner: CrmAdapter = localCrmAdapter()): CrmAdapter {
  return {
    name: inner.name,
    describe: (ctx) => inner.describe(ctx),
    lookup: (request, ctx) => inner.lookup(request, ctx),
    apply: (plan, ctx) => inner.apply(plan, ctx),
    close: () => inner.close?.() ?? Promise.resolve(),
    ...override(inner),
  };
}

const mapResults = (result: ApplyResult, fn: (r: ItemResult, section: Exclude<keyof ApplyResult, 'warnings'>) => ItemResult): ApplyResult => ({
  contacts: result.contacts.map((r) => fn(r, 'contacts')),
  cases: result.cases.map((r) => fn(r, 'cases')),
  reopens: result.reopens.map((r) => fn(r, 'reopens')),
  comments: result.comments.map((r) => fn(r, 'comments')),
});

/** Each defect, by what it does wrong. */
export const brokenAdapters = {
  /** Reads and writes with its own client, never through ctx.call. */
  bypassesCtx: () => broken((inner) => ({ lookup: (r) => inner.lookup(r, directCallContext), apply: (p) => inner.apply(p, directCallContext) })),
  /** Makes its writes through ctx.call without marking them as writes. */
  writesAsReads: () =>
    broken((inner) => ({ apply: (p, ctx) => inner.apply(p, { ...ctx, call: (operation, fn) => ctx.call(operation, fn) }) })),
  /** Makes a token call through ctx, but reads and writes outside it. */
  callsCtxOnlyForShow: () =>
    broken((inner) => ({
      async lookup(r, ctx) {
        const found = await inner.lookup(r, directCallContext);
        await ctx.call('noop', async () => undefined);
        return found;
      },
      async apply(p, ctx) {
        const result = await inner.apply(p, directCallContext);
        await ctx.call('noop', async () => undefined);
        return result;
      },
    })),
  /** Drops `mentionedHandles` from its query. */
  ignoresMentionedHandles: () => broken((inner) => ({ lookup: ({ mentionedHandles: _m, ...r }, ctx) => inner.lookup(r, ctx) })),
  /** Drops `openCasesOfMatchedContacts` from its query. */
  ignoresOpenCases: () => broken((inner) => ({ lookup: ({ openCasesOfMatchedContacts: _o, ...r }, ctx) => inner.lookup(r, ctx) })),
  /** Never matches by full name. */
  noNameCandidates: () =>
    broken((inner) => ({ lookup: (r, ctx) => inner.lookup({ ...r, identities: r.identities.map(({ displayName: _d, ...who }) => who) }, ctx) })),
  /** Does not query comments by external post id. */
  forgetsComments: () => broken((inner) => ({ lookup: async (r, ctx) => ({ ...(await inner.lookup(r, ctx)), comments: [] }) })),
  /** Sends dependants of a failed item anyway and reports the CRM's complaint instead of DEPENDENCY_FAILED. */
  noDependencyFailed: () =>
    broken((inner) => ({
      apply: async (p, ctx) =>
        mapResults(await inner.apply(p, ctx), (r) =>
          r.error?.code === 'DEPENDENCY_FAILED' ? { ...r, error: { code: 'REQUIRED_FIELD_MISSING', message: 'ContactId is missing' } } : r,
        ),
    })),
  /** Always reports `created: true`. */
  claimsCreatedOnReplay: () => broken((inner) => ({ apply: async (p, ctx) => mapResults(await inner.apply(p, ctx), (r) => (r.ok ? { ...r, created: true } : r)) })),
  /** One failure in a section fails the whole section (all-or-nothing batch). */
  allOrNothing: () =>
    broken((inner) => ({
      async apply(p, ctx) {
        const result = await inner.apply(p, ctx);
        const failed = (items: readonly ItemResult[]) => items.find((r) => !r.ok)?.error;
        return mapResults(result, (r, section) => {
          const error = failed(result[section]);
          return error === undefined ? r : { key: r.key, ok: false, error };
        });
      },
    })),
  /** Checks the comment body limit in characters instead of UTF-8 bytes. */
  countsCharsNotBytes: () => {
    const limit = 4_000;
    const inner = localCrmAdapter({ fieldLimits: { commentBodyBytes: 1_000_000 } });
    return broken(
      () => ({
        describe: async (ctx) => {
          const caps = await inner.describe(ctx);
          return { ...caps, fieldLimits: { ...caps.fieldLimits, commentBodyBytes: limit } };
        },
        async apply(p: WritePlan, ctx) {
          const tooLong = (body: string) => body.length > limit;
          const result = await inner.apply({ ...p, comments: p.comments.filter((c) => !tooLong(c.fields.body)) }, ctx);
          const sent = new Map(result.comments.map((r) => [r.key, r]));
          const comments = p.comments.map(
            (c) => sent.get(c.key) ?? { key: c.key, ok: false, error: { code: 'STRING_TOO_LONG', message: 'body too long' } },
          );
          return { ...result, comments };
        },
      }),
      inner,
    );
  },
  /** Answers ok to a reopen (or a Contact update) of an id it does not have. */
  okForUnknownIds: () =>
    broken((inner) => ({
      apply: async (p, ctx) =>
        mapResults(await inner.apply(p, ctx), (r, section) => {
          if (r.ok || r.error?.code !== 'INVALID_CROSS_REFERENCE_KEY' || (section !== 'reopens' && section !== 'contacts')) return r;
          const id = section === 'reopens' ? p.reopens.find((x) => x.key === r.key)?.id : p.contacts.find((x) => x.key === r.key)?.id;
          return { key: r.key, ok: true, id: id ?? 'unknown', created: false };
        }),
    })),
} satisfies Record<string, () => CrmAdapter>;
