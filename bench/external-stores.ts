/**
 * Stand-ins for stores that live outside the process (a remote CRM, Redis), for measuring what the
 * engine itself holds in memory. The CRM gives each write an id and answers a lookup with the
 * Contacts asked for by id (`lookup.contactIds`, the identity cache's links), as a real CRM does, yet
 * holds nothing: a created Contact's id carries its fields (see {@link contactIdOf}), so it is rebuilt
 * from the id alone. It finds nothing else (no Cases, comments, or Contacts by handle or email).
 * The state keeps checkpoints and dead-letter counts only. With them, any growth of RSS with input
 * size would be the engine's own (it should be none: it streams batch by batch).
 */
import { SALESFORCE_FIELD_LIMITS } from '../src/mapping/field-limits.js';
import type { ApplyResult, ContactUpsert, CrmAdapter, CrmCapabilities, CrmContact, ItemResult, WritePlan } from '../src/adapters/types.js';
import type { StateStore } from '../src/state/types.js';

const CAPABILITIES: CrmCapabilities = {
  name: 'remote',
  fieldLimits: SALESFORCE_FIELD_LIMITS,
  batchSizes: { lookup: 500, apply: 500 },
  closedStatuses: ['Closed'],
  newCaseStatus: 'New',
  reopenStatus: 'Reopened',
};

/** Prefix of the Contact ids {@link contactIdOf} hands out. */
const CONTACT_ID_PREFIX = 'RC';
/** Field value of an absent optional field (`encodeURIComponent` never yields a lone `%`). */
const ABSENT = '%';

const enc = encodeURIComponent;
const dec = (text: string): string => (text.includes('%') ? decodeURIComponent(text) : text);
const optional = (value: string | undefined): string => (value === undefined ? ABSENT : enc(value));
const pairs = (items: readonly (readonly [string, string])[]): string => items.map(([a, b]) => `${enc(a)}:${enc(b)}`).join(',');
function unpairs(text: string): [string, string][] {
  if (text === '') return [];
  const out: [string, string][] = [];
  for (const pair of text.split(',')) {
    const colon = pair.indexOf(':');
    out.push(colon < 0 ? [dec(pair), ''] : [dec(pair.slice(0, colon)), dec(pair.slice(colon + 1))]);
  }
  return out;
}

/**
 * The id of the `n`-th Contact the stand-in creates: `RC<n>|first|last|email|provider:handle,…|provider:id,…`
 * (each value URI-encoded, so `|`, `,` and `:` only separate), so that a later lookup by id
 * rebuilds the same Contact without remembering it. (An update keeps the id, as a CRM does: a
 * Contact renamed by an update is rebuilt with its old handle. The generated stream never renames.)
 */
export function contactIdOf(n: number, upsert: ContactUpsert): string {
  const { firstName, lastName, email, handles, socialIds } = upsert.fields;
  const h = pairs(handles.map((x) => [x.provider, x.handle] as const));
  const s = pairs(socialIds.map((x) => [x.provider, x.id] as const));
  return `${CONTACT_ID_PREFIX}${n}|${optional(firstName)}|${enc(lastName)}|${optional(email)}|${h}|${s}`;
}

/** The Contact behind an id from {@link contactIdOf}; `undefined` for any other id. */
export function contactOfId(id: string): CrmContact | undefined {
  if (!id.startsWith(CONTACT_ID_PREFIX)) return undefined;
  const parts = id.split('|');
  if (parts.length !== 6) return undefined;
  const [, first = ABSENT, last = '', email = ABSENT, h = '', s = ''] = parts;
  try {
    const handles = unpairs(h).map(([provider, handle]) => ({ provider, handle }));
    const socialIds = unpairs(s).map(([provider, socialId]) => ({ provider, id: socialId }));
    const lastName = dec(last);
    if (first === ABSENT && email === ABSENT) return { id, lastName, handles, socialIds };
    return {
      id,
      ...(first === ABSENT ? {} : { firstName: dec(first) }),
      lastName,
      ...(email === ABSENT ? {} : { email: dec(email) }),
      handles,
      socialIds,
    };
  } catch {
    return undefined; // not one of ours (a malformed escape)
  }
}

/**
 * A CRM the process holds nothing of: a lookup returns the Contacts asked for by id that the
 * stand-in created (rebuilt from their ids) and nothing else; every write succeeds with a new id.
 */
export function remoteLikeCrm(): CrmAdapter & { readonly written: number } {
  let next = 0;
  const created = (items: readonly { readonly key: string }[]): ItemResult[] =>
    items.map((item) => ({ key: item.key, ok: true, id: `R${(next += 1)}`, created: true }));
  const contactsWritten = (items: readonly ContactUpsert[]): ItemResult[] =>
    items.map((item) => {
      next += 1;
      return item.id === undefined ? { key: item.key, ok: true, id: contactIdOf(next, item), created: true } : { key: item.key, ok: true, id: item.id };
    });
  return {
    name: 'remote',
    get written() {
      return next;
    },
    describe: (ctx) => ctx.call('describe', async () => CAPABILITIES),
    lookup: (request, ctx) =>
      ctx.call('lookup', async () => ({
        contacts: request.contactIds.flatMap((id) => {
          const contact = contactOfId(id);
          return contact === undefined ? [] : [contact];
        }),
        cases: [],
        comments: [],
      })),
    apply: (plan: WritePlan, ctx) =>
      ctx.call('apply', async (): Promise<ApplyResult> => ({
        contacts: contactsWritten(plan.contacts),
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
