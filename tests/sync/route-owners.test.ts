import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmContact } from '../../src/adapters/types.js';
import type { AuthorResolution } from '../../src/identity/resolve-authors.js';
import { normalizeHandle } from '../../src/identity/normalize.js';
import { isBrandMention, ownersByHandle } from '../../src/sync/route-batch.js';
import type { CaseOwner } from '../../src/threads/case-index.js';
import { isBrandHandle } from '../../src/triage/brand.js';

/** The owners map as routeBatch built it before (one level, `provider:handle` keys), kept as the reference. */
function referenceOwners(contacts: readonly CrmContact[], authors: ReadonlyMap<string, AuthorResolution>): Map<string, CaseOwner> {
  const owners = new Map<string, CaseOwner>();
  for (const c of contacts) for (const h of c.handles) owners.set(`${h.provider}:${normalizeHandle(h.handle)}`, { contactId: c.id });
  for (const a of authors.values()) owners.set(`${a.identity.provider}:${normalizeHandle(a.identity.handle)}`, { contactId: a.contactId, key: a.key });
  return owners;
}

const handle = fc.constantFrom('ann', 'Ann', '@ann', ' ann ', 'bob', '@', '', 'AcmeHelp');
const provider = fc.constantFrom('twitter', 'facebook'); // providers without ':' (with one, the old keys could mix two providers up)

describe('brand mentions in routeBatch', () => {
  it('find the same customer for every mention as the one-level map did (Contacts first, then authors, the later winning)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.constantFrom('003A', '003B'), handles: fc.array(fc.record({ provider, handle }), { maxLength: 2 }) }), { maxLength: 5 }),
        fc.array(fc.record({ provider, handle, id: fc.constantFrom('1', '2', '3'), contactId: fc.option(fc.constantFrom('003A', '003C'), { nil: undefined }) }), { maxLength: 5 }),
        fc.array(fc.tuple(provider, handle), { maxLength: 6 }),
        (rawContacts, rawAuthors, mentions) => {
          const contacts: CrmContact[] = rawContacts.map((c) => ({ ...c, lastName: 'x', socialIds: [] }));
          const authors = new Map<string, AuthorResolution>();
          for (const a of rawAuthors) {
            const key = `${a.provider}:${a.id}`;
            authors.set(key, { key, identity: { provider: a.provider, id: a.id, handle: a.handle }, contactRef: { externalKey: key }, contactId: a.contactId, method: 'created', confidence: 1, suggestions: [], upsert: undefined, previousHandle: undefined });
          }
          const owners = ownersByHandle({ lookup: { contacts, cases: [], comments: [] }, authors });
          const reference = referenceOwners(contacts, authors);
          for (const [p, m] of mentions) {
            const got = owners.get(p)?.get(normalizeHandle(m));
            const want = reference.get(`${p}:${normalizeHandle(m)}`);
            expect(got === undefined ? undefined : { contactId: got.contactId, key: got.key }).toEqual(want === undefined ? undefined : { contactId: want.contactId, key: want.key });
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never give a mention on one provider to an author of another whose provider has a colon (the one-level keys collided)', () => {
    const key = 'a:b:u1';
    const author: AuthorResolution = { key, identity: { provider: 'a:b', id: 'u1', handle: 'c' }, contactRef: { externalKey: key }, contactId: '003A', method: 'created', confidence: 1, suggestions: [], upsert: undefined, previousHandle: undefined };
    const authors = new Map([[key, author]]);
    const lookup = { contacts: [], cases: [], comments: [] };
    expect(referenceOwners([], authors).get(`a:${normalizeHandle('b:c')}`)).toEqual({ contactId: '003A', key }); // before: @b:c on provider `a` found them
    expect(ownersByHandle({ lookup, authors }).get('a')?.get(normalizeHandle('b:c'))).toBeUndefined();
    expect(ownersByHandle({ lookup, authors }).get('a:b')?.get('c')).toBe(author);
  });

  it('tell brand handles apart as isBrandHandle does', () => {
    fc.assert(
      fc.property(fc.array(handle, { maxLength: 3 }), handle, (handles, mention) => {
        const brand = { handles, ids: [] };
        expect(isBrandMention(mention, brand)).toBe(isBrandHandle(mention, brand));
      }),
      { numRuns: 500 },
    );
  });
});
