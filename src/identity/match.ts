import type { CrmContact } from '../model/crm-records.js';
import type { SocialIdentity } from '../model/social-post.js';
import type { IdentityRecord, MatchMethod } from '../state/types.js';
import { normalizeName, prepareName, preparedNameScore, type PreparedName } from './name-score.js';
import { normalizeEmail, normalizeHandle } from './normalize.js';

/** Confidence the connector gives each match method. */
export const MATCH_CONFIDENCE: Readonly<Record<MatchMethod, number>> = {
  providerId: 1,
  handle: 0.9,
  email: 0.8,
  created: 1,
};

/** A Contact that may be the same person, by name only: shown to a human, never merged. */
export interface NameSuggestion {
  readonly contactId: string;
  readonly contactName: string;
  /** Similarity in [0, 1]. */
  readonly score: number;
}

/** How one social identity matched (or did not match) a CRM Contact. */
export type IdentityMatch =
  | {
      readonly matched: true;
      readonly contact: CrmContact | undefined;
      readonly contactId: string;
      readonly method: Exclude<MatchMethod, 'created'>;
      readonly confidence: number;
      /** True when the match came from the identity cache rather than the CRM. */
      readonly fromCache: boolean;
    }
  | { readonly matched: false; readonly suggestions: readonly NameSuggestion[] };

/** Lowest name score that is worth suggesting. */
export const MIN_SUGGESTION_SCORE = 0.75;

/** First and last name joined by a space, leaving out an absent or empty part. */
function fullName(c: CrmContact): string {
  const first = typeof c.firstName === 'string' && c.firstName !== '' ? c.firstName : undefined;
  const last = typeof c.lastName === 'string' && c.lastName !== '' ? c.lastName : undefined;
  return first === undefined ? (last ?? '') : last === undefined ? first : `${first} ${last}`;
}

/** A key's Contacts: one held alone (the usual case, no array), or several in candidate order. */
type Hits = CrmContact | CrmContact[];

/** Picks one contact deterministically when several match equally: the lowest id (the first of equal ids, as a stable sort would keep). */
function firstById(hits: Hits | undefined): CrmContact | undefined {
  if (hits === undefined || !Array.isArray(hits)) return hits;
  let first: CrmContact | undefined;
  for (const c of hits) if (first === undefined || c.id < first.id) first = c;
  return first;
}

/** A candidate in the name index: its normalized full name, its tokens, and its place among the candidates. */
export interface NameEntry {
  readonly contact: CrmContact;
  /** {@link normalizeName} of the Contact's full name. */
  readonly normalized: string;
  /** Its tokens in order (a repeated one repeated). */
  readonly words: readonly string[];
  /** The {@link PreparedName} (`prepareName` of the full name), made when the entry is first scored: most never are. */
  prepared: PreparedName | undefined;
  /**
   * Index of the entry among the candidates. A Contact listed twice has an entry for each, yet only
   * its first is ever scored: every list holds entries in candidate order, and both have the same tokens.
   */
  readonly order: number;
}

/** Candidate Contacts indexed by what identities match on; build once per batch with {@link indexCandidates}. */
export interface CandidateIndex {
  readonly all: readonly CrmContact[];
  /** Provider → user id → Contacts storing that provider id (two levels: no key string built per id). */
  readonly bySocialId: ReadonlyMap<string, ReadonlyMap<string, Hits>>;
  /** Provider → normalized handle → Contacts with that handle. */
  readonly byHandle: ReadonlyMap<string, ReadonlyMap<string, Hits>>;
  /** Normalized email → Contacts with that email. */
  readonly byEmail: ReadonlyMap<string, Hits>;
  /** Contact id → the first Contact with that id. */
  readonly byId: ReadonlyMap<string, CrmContact>;
  /** Name token → Contacts whose full name has it, with their normalized names (for suggestions); built when the first suggestion is asked. */
  byNameToken: ReadonlyMap<string, readonly NameEntry[]> | undefined;
}

/** Adds `c` under `key` (once when it comes twice in a row, as the candidate list may repeat a Contact). */
function push(map: Map<string, Hits>, key: string, c: CrmContact): void {
  const hits = map.get(key);
  if (hits === undefined) map.set(key, c);
  else if (!Array.isArray(hits)) {
    if (hits !== c) map.set(key, [hits, c]);
  } else if (hits[hits.length - 1] !== c) hits.push(c);
}

/** The inner map of `provider`, made on first use. */
function within(map: Map<string, Map<string, Hits>>, provider: string): Map<string, Hits> {
  let inner = map.get(provider);
  if (inner === undefined) map.set(provider, (inner = new Map()));
  return inner;
}

/** Indexes candidate Contacts so that matching many identities against them costs one pass, not one per identity. */
export function indexCandidates(candidates: readonly CrmContact[]): CandidateIndex {
  const bySocialId = new Map<string, Map<string, Hits>>();
  const byHandle = new Map<string, Map<string, Hits>>();
  const byEmail = new Map<string, Hits>();
  const byId = new Map<string, CrmContact>();
  for (const c of candidates) {
    for (const s of c.socialIds) push(within(bySocialId, s.provider), s.id, c);
    for (const h of c.handles) push(within(byHandle, h.provider), normalizeHandle(h.handle), c);
    if (c.email !== undefined) push(byEmail, normalizeEmail(c.email), c);
    if (!byId.has(c.id)) byId.set(c.id, c);
  }
  return { all: candidates, bySocialId, byHandle, byEmail, byId, byNameToken: undefined };
}

/** The name index of the candidates (see {@link CandidateIndex.byNameToken}), built once per index. */
function nameIndexOf(index: CandidateIndex): ReadonlyMap<string, readonly NameEntry[]> {
  if (index.byNameToken !== undefined) return index.byNameToken;
  const byNameToken = new Map<string, NameEntry[]>();
  const candidates = index.all;
  for (let order = 0; order < candidates.length; order += 1) {
    const c = candidates[order] as CrmContact;
    const normalized = normalizeName(fullName(c));
    const words = normalized === '' ? NO_WORDS : normalized.split(' ');
    const entry: NameEntry = { contact: c, normalized, words, prepared: undefined, order };
    for (const token of words) {
      const list = byNameToken.get(token);
      if (list === undefined) byNameToken.set(token, [entry]);
      else if (list[list.length - 1] !== entry) list.push(entry); // once per distinct token, as a token set lists it
    }
  }
  index.byNameToken = byNameToken;
  return byNameToken;
}

const NO_WORDS: readonly string[] = Object.freeze([]);

/** The entry's {@link PreparedName}, made once. */
function preparedOf(entry: NameEntry): PreparedName {
  return (entry.prepared ??= { normalized: entry.normalized, tokens: new Set(entry.words) });
}

/**
 * Matches one social identity against candidate Contacts, in the order the design fixes:
 * provider user id → handle (case-insensitive, same provider) → email → no match (with name
 * suggestions). The identity cache stands in for the provider id when the CRM does not store it,
 * but only when its Contact is among the candidates (a Contact merged away or deleted in the CRM is
 * not trusted: matching goes on by handle and email).
 *
 * A handle is not a person: accounts rename and handles are reused. A Contact that already carries
 * another user id of the same provider is somebody else's, so a handle hit on it is no match.
 */
export function matchIdentity(
  identity: SocialIdentity,
  candidates: readonly CrmContact[],
  cached: IdentityRecord | undefined,
): IdentityMatch {
  return matchIndexed(identity, indexCandidates(candidates), cached);
}

/** {@link matchIdentity} against candidates indexed once with {@link indexCandidates}. */
export function matchIndexed(identity: SocialIdentity, index: CandidateIndex, cached: IdentityRecord | undefined): IdentityMatch {
  const idHit = firstById(index.bySocialId.get(identity.provider)?.get(identity.id));
  if (idHit) {
    return { matched: true, contact: idHit, contactId: idHit.id, method: 'providerId', confidence: MATCH_CONFIDENCE.providerId, fromCache: false };
  }
  const cachedContact = cached === undefined ? undefined : index.byId.get(cached.contactId);
  if (cachedContact) {
    return { matched: true, contact: cachedContact, contactId: cachedContact.id, method: 'providerId', confidence: MATCH_CONFIDENCE.providerId, fromCache: true };
  }
  const handleHit = firstFreeById(index.byHandle.get(identity.provider)?.get(normalizeHandle(identity.handle)), identity);
  if (handleHit) {
    return { matched: true, contact: handleHit, contactId: handleHit.id, method: 'handle', confidence: MATCH_CONFIDENCE.handle, fromCache: false };
  }
  if (identity.email !== undefined) {
    const emailHit = firstById(index.byEmail.get(normalizeEmail(identity.email)));
    if (emailHit) {
      return { matched: true, contact: emailHit, contactId: emailHit.id, method: 'email', confidence: MATCH_CONFIDENCE.email, fromCache: false };
    }
  }
  return { matched: false, suggestions: identity.displayName === undefined ? NO_SUGGESTIONS : nameSuggestions(prepareName(identity.displayName), index) };
}

/** No suggestions (one frozen list shared by every answer without any: nothing adds to it). */
export const NO_SUGGESTIONS: readonly NameSuggestion[] = Object.freeze([]);

/** A Contact that already carries another user id of the identity's provider is somebody else's. */
function ownsOtherId(c: CrmContact, identity: SocialIdentity): boolean {
  for (const s of c.socialIds) if (s.provider === identity.provider && s.id !== identity.id) return true;
  return false;
}

/** {@link firstById} of the hits that carry no other user id of the identity's provider. */
function firstFreeById(hits: Hits | undefined, identity: SocialIdentity): CrmContact | undefined {
  if (hits === undefined) return undefined;
  if (!Array.isArray(hits)) return ownsOtherId(hits, identity) ? undefined : hits;
  let first: CrmContact | undefined;
  for (const c of hits) if ((first === undefined || c.id < first.id) && !ownsOtherId(c, identity)) first = c;
  return first;
}

/**
 * Fewest name tokens a Contact must share with a name of `size` tokens to score at least
 * {@link MIN_SUGGESTION_SCORE}: the score `2·common / (size + other)` is highest when the other name
 * has no more tokens than those shared, so this is the least `common` with `2·common / (size + common)`
 * at the threshold (computed as {@link preparedNameScore} computes, so rounding agrees).
 */
function minCommonTokens(size: number): number {
  let common = 1;
  while (common < size && (2 * common) / (size + common) < MIN_SUGGESTION_SCORE) common += 1;
  return common;
}

/**
 * The candidates whose full name scores at least {@link MIN_SUGGESTION_SCORE} against `wanted`, best
 * first (ties: in the order the candidates first share one of `wanted`'s tokens, token by token).
 * Only Contacts sharing enough tokens can reach the threshold, and any Contact sharing `m` of the
 * `n` tokens shares one of any `n − m + 1` of them: only the lists of that many rarest tokens are
 * read, so a token every Contact has (a common first name) is not scanned once per author.
 */
function nameSuggestions(wanted: PreparedName, index: CandidateIndex): readonly NameSuggestion[] {
  if (wanted.tokens.size === 0) return NO_SUGGESTIONS;
  const byNameToken = nameIndexOf(index);
  const lists: (readonly NameEntry[])[] = [];
  for (const token of wanted.tokens) lists.push(byNameToken.get(token) ?? NO_ENTRIES);
  const rarest = lists.length === 1 ? lists : [...lists].sort((a, b) => a.length - b.length);
  const prefix = lists.length - minCommonTokens(lists.length) + 1;
  let any = false;
  for (let i = 0; i < prefix && !any; i += 1) any = (rarest[i]?.length ?? 0) > 0;
  if (!any) return NO_SUGGESTIONS; // no Contact shares enough tokens (the usual answer)
  const kept: { entry: NameEntry; rounded: number; firstToken: number }[] = [];
  const scored = new Set<CrmContact>();
  const tokens = [...wanted.tokens];
  for (let i = 0; i < prefix; i += 1) {
    for (const entry of rarest[i] ?? NO_ENTRIES) {
      if (scored.has(entry.contact)) continue;
      scored.add(entry.contact);
      const name = preparedOf(entry);
      const score = preparedNameScore(wanted, name);
      if (score < MIN_SUGGESTION_SCORE) continue;
      const firstToken = tokens.findIndex((t) => name.tokens.has(t));
      kept.push({ entry, rounded: Math.round(score * 100) / 100, firstToken });
    }
  }
  if (kept.length === 0) return NO_SUGGESTIONS;
  // The order scoring token by token found them in, then best first (a stable sort on the rounded score, as shown).
  kept.sort((a, b) => b.rounded - a.rounded || a.firstToken - b.firstToken || a.entry.order - b.entry.order);
  return kept.map(({ entry, rounded }) => ({ contactId: entry.contact.id, contactName: fullName(entry.contact), score: rounded }));
}

const NO_ENTRIES: readonly NameEntry[] = Object.freeze([]);
