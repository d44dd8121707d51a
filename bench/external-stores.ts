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

/** `a:b,c:d` of the pairs, each value URI-encoded (a loop: this runs for every Contact written). */
function pairs<T>(items: readonly T[], a: (item: T) => string, b: (item: T) => string): string {
  let out = '';
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i] as T;
    out += `${i === 0 ? '' : ','}${enc(a(item))}:${enc(b(item))}`;
  }
  return out;
}

/**
 * The pairs of `text` (as {@link pairs} writes them) from `start` to `end`, each made into an object
 * by `make`. Scans with `indexOf`, without splitting: this runs for every Contact of every lookup.
 */
function unpairs<T>(text: string, start: number, end: number, make: (a: string, b: string) => T): T[] {
  const out: T[] = [];
  if (start === end) return out;
  for (let at = start; ; ) {
    let comma = text.indexOf(',', at);
    if (comma < 0 || comma > end) comma = end;
    const colon = text.indexOf(':', at);
    out.push(colon < 0 || colon > comma ? make(dec(text.slice(at, comma)), '') : make(dec(text.slice(at, colon)), dec(text.slice(colon + 1, comma))));
    if (comma === end) return out;
    at = comma + 1;
  }
}
const handleOf = (provider: string, handle: string): { provider: string; handle: string } => ({ provider, handle });
const socialIdOf = (provider: string, id: string): { provider: string; id: string } => ({ provider, id });

/**
 * The id of the `n`-th Contact the stand-in creates: `RC<n>|first|last|email|provider:handle,…|provider:id,…`
 * (each value URI-encoded, so `|`, `,` and `:` only separate), so that a later lookup by id
 * rebuilds the same Contact without remembering it. (An update keeps the id, as a CRM does: a
 * Contact renamed by an update is rebuilt with its old handle. The generated stream never renames.)
 */
export function contactIdOf(n: number, upsert: ContactUpsert): string {
  const { firstName, lastName, email, handles, socialIds } = upsert.fields;
  const h = pairs(handles, (x) => x.provider, (x) => x.handle);
  const s = pairs(socialIds, (x) => x.provider, (x) => x.id);
  return `${CONTACT_ID_PREFIX}${n}|${optional(firstName)}|${enc(lastName)}|${optional(email)}|${h}|${s}`;
}

/**
 * The Contact behind an id from {@link contactIdOf}; `undefined` for any other id. Reads the six
 * `|`-separated fields in place (no split into parts and pairs: a lookup rebuilds every Contact it
 * is asked for), with the same answer as splitting would give (tests/bench/external-stores.test.ts).
 */
export function contactOfId(id: string): CrmContact | undefined {
  if (!id.startsWith(CONTACT_ID_PREFIX)) return undefined;
  const a = id.indexOf('|');
  const b = a < 0 ? -1 : id.indexOf('|', a + 1);
  const c = b < 0 ? -1 : id.indexOf('|', b + 1);
  const d = c < 0 ? -1 : id.indexOf('|', c + 1);
  const e = d < 0 ? -1 : id.indexOf('|', d + 1);
  if (e < 0 || id.includes('|', e + 1)) return undefined; // not six fields
  try {
    const handles = unpairs(id, d + 1, e, handleOf);
    const socialIds = unpairs(id, e + 1, id.length, socialIdOf);
    const lastName = dec(id.slice(b + 1, c));
    const first = id.slice(a + 1, b);
    const email = id.slice(c + 1, d);
    if (first === ABSENT) return email === ABSENT ? { id, lastName, handles, socialIds } : { id, lastName, email: dec(email), handles, socialIds };
    const firstName = dec(first);
    return email === ABSENT ? { id, firstName, lastName, handles, socialIds } : { id, firstName, lastName, email: dec(email), handles, socialIds };
  } catch {
    return undefined; // not one of ours (a malformed escape)
  }
}

/** The Contacts behind the ids that {@link contactOfId} knows, in the order asked. */
function contactsOfIds(ids: readonly string[]): CrmContact[] {
  const out: CrmContact[] = [];
  for (const id of ids) {
    const contact = contactOfId(id);
    if (contact !== undefined) out.push(contact);
  }
  return out;
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
        contacts: contactsOfIds(request.contactIds),
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
