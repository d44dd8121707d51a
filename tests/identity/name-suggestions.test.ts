import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmContact } from '../../src/adapters/types.js';
import { matchIdentity, MIN_SUGGESTION_SCORE, type NameSuggestion } from '../../src/identity/match.js';
import { normalizeName, prepareName, preparedNameScore } from '../../src/identity/name-score.js';

const fullName = (c: CrmContact): string => [c.firstName, c.lastName].filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

/** The matcher's first suggestion search (every Contact sharing any token is scored), kept as the reference. */
function referenceSuggestions(displayName: string, candidates: readonly CrmContact[]): NameSuggestion[] {
  const byToken = new Map<string, { contact: CrmContact; name: ReturnType<typeof prepareName> }[]>();
  for (const c of candidates) {
    const name = prepareName(fullName(c));
    for (const token of name.tokens) byToken.set(token, [...(byToken.get(token) ?? []), { contact: c, name }]);
  }
  const wanted = prepareName(displayName);
  const scored = new Set<CrmContact>();
  const out: NameSuggestion[] = [];
  for (const token of wanted.tokens) {
    for (const { contact, name } of byToken.get(token) ?? []) {
      if (scored.has(contact)) continue;
      scored.add(contact);
      const score = preparedNameScore(wanted, name);
      if (score >= MIN_SUGGESTION_SCORE) out.push({ contactId: contact.id, contactName: fullName(contact), score: Math.round(score * 100) / 100 });
    }
  }
  return out.sort((a, b) => b.score - a.score);
}

const word = fc.constantFrom('ann', 'Ann', 'kay', 'lee', 'bo', 'Zoë', 'zoe', 'van', 'der', 'x', '', '!!', 'Customer', '12', '7');
const nameArb = fc.array(word, { maxLength: 5 }).map((w) => w.join(' '));

describe('name suggestions', () => {
  it('suggest the same Contacts, scores and order as scoring every Contact that shares a token', () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.array(fc.record({ firstName: fc.option(nameArb, { nil: undefined }), lastName: nameArb }), { maxLength: 25 }),
        fc.array(fc.nat(30), { maxLength: 5 }),
        (displayName, people, repeats) => {
          const contacts: CrmContact[] = people.map((p, i) => ({ id: `c${i % 7}`, ...(p.firstName === undefined ? {} : { firstName: p.firstName }), lastName: p.lastName, handles: [], socialIds: [] }));
          const candidates = [...contacts, ...repeats.flatMap((r) => (contacts.length === 0 ? [] : [contacts[r % contacts.length] as CrmContact]))]; // the same Contact twice
          const m = matchIdentity({ provider: 'twitter', id: '1', handle: 'nobody', displayName }, candidates, undefined);
          expect(m).toEqual({ matched: false, suggestions: referenceSuggestions(displayName, candidates) });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('normalizeName', () => {
  /** The Unicode passes alone, as normalizeName was before its ASCII fast path. */
  const reference = (name: string): string =>
    name
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('gives ASCII names the same form as the Unicode passes, and keeps them for the rest', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 30 });
    fc.assert(fc.property(ascii, (name) => {
      expect(normalizeName(name)).toBe(reference(name));
    }), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (name) => {
      expect(normalizeName(name)).toBe(reference(name));
    }), { numRuns: 500 });
    // Names of letters and digits with spaces (`Customer 136`), the form lower-casing alone normalizes, and near misses.
    const alnum = fc.string({ unit: fc.constantFrom('a', 'Z', 'q', 'M', '0', '9', 'é'), minLength: 0, maxLength: 6 });
    const gap = fc.constantFrom(' ', ' ', '  ', '\t', '-', '');
    fc.assert(fc.property(fc.array(fc.tuple(gap, alnum), { maxLength: 4 }), gap, (parts, end) => {
      const name = `${parts.map(([g, w]) => `${g}${w}`).join('')}${end}`;
      expect(normalizeName(name)).toBe(reference(name));
    }), { numRuns: 3000 });
    expect(normalizeName(' Zoë  O\'Brien-Smith\t42 ')).toBe('zoe o brien smith 42');
    expect(normalizeName('Customer 136')).toBe('customer 136');
  });
});
