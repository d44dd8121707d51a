import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmContact } from '../../src/adapters/types.js';
import { matchIdentity, MATCH_CONFIDENCE, MIN_SUGGESTION_SCORE, type IdentityMatch, type NameSuggestion } from '../../src/identity/match.js';
import { prepareName, preparedNameScore, type PreparedName } from '../../src/identity/name-score.js';
import { normalizeEmail, normalizeHandle } from '../../src/identity/normalize.js';
import { resolveAuthors } from '../../src/identity/resolve-authors.js';
import { identityKey, type SocialIdentity } from '../../src/model/social-post.js';
import type { IdentityRecord } from '../../src/state/types.js';

/**
 * The matcher as it was before its indexes held single Contacts without arrays, built the name index
 * only for a suggestion, and prepared (a token set) only the names it scores: kept as the reference.
 */
function referenceMatch(identity: SocialIdentity, candidates: readonly CrmContact[], cached: IdentityRecord | undefined): IdentityMatch {
  const fullName = (c: CrmContact): string => [c.firstName, c.lastName].filter((p): p is string => typeof p === 'string' && p !== '').join(' ');
  const firstById = (contacts: readonly CrmContact[]): CrmContact | undefined => {
    let first: CrmContact | undefined;
    for (const c of contacts) if (first === undefined || c.id < first.id) first = c;
    return first;
  };
  type Entry = { contact: CrmContact; name: PreparedName; order: number };
  const push = (map: Map<string, CrmContact[]>, key: string, c: CrmContact): void => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [c]);
    else if (list.at(-1) !== c) list.push(c);
  };
  const bySocialId = new Map<string, CrmContact[]>();
  const byHandle = new Map<string, CrmContact[]>();
  const byEmail = new Map<string, CrmContact[]>();
  const byId = new Map<string, CrmContact>();
  const byNameToken = new Map<string, Entry[]>();
  const firstOrder = new Map<CrmContact, number>();
  for (let order = 0; order < candidates.length; order += 1) {
    const c = candidates[order] as CrmContact;
    const name = prepareName(fullName(c));
    if (!firstOrder.has(c)) firstOrder.set(c, order);
    const entry: Entry = { contact: c, name, order: firstOrder.get(c) ?? order };
    for (const token of name.tokens) {
      const list = byNameToken.get(token);
      if (list === undefined) byNameToken.set(token, [entry]);
      else list.push(entry);
    }
    for (const s of c.socialIds) push(bySocialId, `${s.provider}\0${s.id}`, c);
    for (const h of c.handles) push(byHandle, `${h.provider}\0${normalizeHandle(h.handle)}`, c);
    if (c.email !== undefined) push(byEmail, normalizeEmail(c.email), c);
    if (!byId.has(c.id)) byId.set(c.id, c);
  }
  const idHit = firstById(bySocialId.get(`${identity.provider}\0${identity.id}`) ?? []);
  if (idHit) return { matched: true, contact: idHit, contactId: idHit.id, method: 'providerId', confidence: MATCH_CONFIDENCE.providerId, fromCache: false };
  const cachedContact = cached === undefined ? undefined : byId.get(cached.contactId);
  if (cachedContact) return { matched: true, contact: cachedContact, contactId: cachedContact.id, method: 'providerId', confidence: MATCH_CONFIDENCE.providerId, fromCache: true };
  const ownsOtherId = (c: CrmContact): boolean => c.socialIds.some((s) => s.provider === identity.provider && s.id !== identity.id);
  const handleHit = firstById((byHandle.get(`${identity.provider}\0${normalizeHandle(identity.handle)}`) ?? []).filter((c) => !ownsOtherId(c)));
  if (handleHit) return { matched: true, contact: handleHit, contactId: handleHit.id, method: 'handle', confidence: MATCH_CONFIDENCE.handle, fromCache: false };
  if (identity.email !== undefined) {
    const emailHit = firstById(byEmail.get(normalizeEmail(identity.email)) ?? []);
    if (emailHit) return { matched: true, contact: emailHit, contactId: emailHit.id, method: 'email', confidence: MATCH_CONFIDENCE.email, fromCache: false };
  }
  if (identity.displayName === undefined) return { matched: false, suggestions: [] };
  const wanted = prepareName(identity.displayName);
  const lists: Entry[][] = [];
  for (const token of wanted.tokens) lists.push(byNameToken.get(token) ?? []);
  if (lists.length === 0) return { matched: false, suggestions: [] };
  let common = 1;
  while (common < lists.length && (2 * common) / (lists.length + common) < MIN_SUGGESTION_SCORE) common += 1;
  const rarest = [...lists].sort((a, b) => a.length - b.length);
  const kept: { entry: Entry; rounded: number; firstToken: number }[] = [];
  const scored = new Set<CrmContact>();
  const tokens = [...wanted.tokens];
  for (let i = 0; i < lists.length - common + 1; i += 1) {
    for (const entry of rarest[i] ?? []) {
      if (scored.has(entry.contact)) continue;
      scored.add(entry.contact);
      const score = preparedNameScore(wanted, entry.name);
      if (score < MIN_SUGGESTION_SCORE) continue;
      kept.push({ entry, rounded: Math.round(score * 100) / 100, firstToken: tokens.findIndex((t) => entry.name.tokens.has(t)) });
    }
  }
  kept.sort((a, b) => b.rounded - a.rounded || a.firstToken - b.firstToken || a.entry.order - b.entry.order);
  const suggestions: NameSuggestion[] = kept.map(({ entry, rounded }) => ({ contactId: entry.contact.id, contactName: fullName(entry.contact), score: rounded }));
  return { matched: false, suggestions };
}

const provider = fc.constantFrom('twitter', 'facebook', 'a:b');
const handle = fc.constantFrom('jane', 'Jane', ' @jane ', 'bob', 'b:c', '');
const id = fc.constantFrom('1', '2', '42', 'b');
const word = fc.constantFrom('ann', 'Ann', 'kay', 'Zoë', 'zoe', 'Customer', '12', '', '!!');
const name = fc.array(word, { maxLength: 3 }).map((w) => w.join(' '));
const contactArb = fc.record({
  id: fc.constantFrom('003A', '003B', '003C', '003D'),
  firstName: fc.option(name, { nil: undefined }),
  lastName: name,
  email: fc.option(fc.constantFrom('jane@example.com', ' Jane@Example.COM', 'x@y.z'), { nil: undefined }),
  handles: fc.array(fc.record({ provider, handle }), { maxLength: 2 }),
  socialIds: fc.array(fc.record({ provider, id }), { maxLength: 2 }),
});
const identityArb = fc.record({
  provider,
  id,
  handle,
  displayName: fc.option(name, { nil: undefined }),
  email: fc.option(fc.constantFrom('jane@example.com', 'x@y.z'), { nil: undefined }),
});

/** Contacts with ids repeating and the same Contact object more than once, as a lookup may return them. */
const candidatesArb = fc.tuple(fc.array(contactArb, { maxLength: 8 }), fc.array(fc.nat(20), { maxLength: 4 })).map(([people, repeats]) => {
  const contacts = people.map((p) => {
    const { firstName, email, ...rest } = p;
    return { ...rest, ...(firstName === undefined ? {} : { firstName }), ...(email === undefined ? {} : { email }) } as CrmContact;
  });
  const out = [...contacts];
  for (const r of repeats) if (contacts.length > 0) out.splice(r % (out.length + 1), 0, contacts[r % contacts.length] as CrmContact);
  return out;
});

describe('matchIdentity', () => {
  it('matches and suggests exactly as the reference matcher (ids, handles, emails, cache, repeats, names)', () => {
    fc.assert(
      fc.property(identityArb, candidatesArb, fc.option(fc.constantFrom('003A', '003C', '003Z'), { nil: undefined }), (raw, candidates, cachedId) => {
        const identity = { ...raw, ...(raw.displayName === undefined ? {} : { displayName: raw.displayName }) } as SocialIdentity;
        const cached: IdentityRecord | undefined = cachedId === undefined ? undefined : { key: identityKey(identity), contactId: cachedId, handle: 'x', method: 'created', confidence: 1, updatedAt: '' };
        const got = matchIdentity(identity, candidates, cached);
        const want = referenceMatch(identity, candidates, cached);
        expect(got).toEqual(want);
        if (got.matched && want.matched) expect(got.contact).toBe(want.contact); // the same Contact object, not only an equal one
      }),
      { numRuns: 3000 },
    );
  });

  it('resolves a batch the same with the identity keys given as without them', () => {
    fc.assert(
      fc.property(fc.array(identityArb, { maxLength: 6 }), candidatesArb, (raw, candidates) => {
        const identities = raw.map((i) => ({ ...i }) as SocialIdentity);
        const draft = (i: SocialIdentity) => ({ lastName: i.handle || 'x', handles: [{ provider: i.provider, handle: i.handle }], socialIds: [{ provider: i.provider, id: i.id }], custom: {} });
        const plain = resolveAuthors(identities, candidates, new Map(), draft);
        const keyed = resolveAuthors(identities, candidates, new Map(), draft, identities.map(identityKey));
        expect([...keyed]).toEqual([...plain]);
      }),
      { numRuns: 500 },
    );
  });
});
