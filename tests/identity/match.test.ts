import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmContact } from '../../src/adapters/types.js';
import { matchIdentity } from '../../src/identity/match.js';
import { nameScore } from '../../src/identity/name-score.js';
import { resolveAuthors } from '../../src/identity/resolve-authors.js';
import type { SocialIdentity } from '../../src/model/social-post.js';
import type { IdentityRecord } from '../../src/state/types.js';

const who: SocialIdentity = { provider: 'twitter', id: '42', handle: 'JaneDoe', displayName: 'Jane Doe', email: 'jane@example.com' };
const contact = (id: string, extra: Partial<CrmContact> = {}): CrmContact => ({ id, lastName: 'X', handles: [], socialIds: [], ...extra });

describe('matchIdentity', () => {
  it('matches by provider user id first, even when the handle points elsewhere', () => {
    const m = matchIdentity(who, [
      contact('003B', { handles: [{ provider: 'twitter', handle: 'janedoe' }] }),
      contact('003A', { socialIds: [{ provider: 'twitter', id: '42' }], handles: [{ provider: 'twitter', handle: 'old_jane' }] }),
    ], undefined);
    expect(m).toMatchObject({ matched: true, contactId: '003A', method: 'providerId', confidence: 1 });
  });

  it('does not match a provider id of another provider', () => {
    const m = matchIdentity(who, [contact('003A', { socialIds: [{ provider: 'facebook', id: '42' }] })], undefined);
    expect(m.matched).toBe(false);
  });

  it('matches the handle case-insensitively, then email, recording the method', () => {
    expect(matchIdentity(who, [contact('003H', { handles: [{ provider: 'twitter', handle: 'JANEDOE' }] })], undefined)).toMatchObject({ method: 'handle', confidence: 0.9 });
    expect(matchIdentity(who, [contact('003E', { email: 'Jane@Example.com' })], undefined)).toMatchObject({ method: 'email', confidence: 0.8 });
  });

  it('uses the identity cache when the CRM does not hold the provider id, if the Contact still exists', () => {
    const cached: IdentityRecord = { key: 'twitter:42', contactId: '003C', handle: 'JaneDoe', method: 'created', confidence: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
    // The lookup returned the cached Contact (asked for by id): trusted over a handle pointing elsewhere.
    const found = [contact('003C', { handles: [{ provider: 'twitter', handle: 'old_jane' }] }), contact('003B', { handles: [{ provider: 'twitter', handle: 'janedoe' }] })];
    expect(matchIdentity(who, found, cached)).toMatchObject({ matched: true, contactId: '003C', method: 'providerId', fromCache: true });
    // Merged away or deleted in the CRM: not trusted; matching goes on by handle, then email, else a new Contact.
    expect(matchIdentity(who, [contact('003B', { handles: [{ provider: 'twitter', handle: 'janedoe' }] })], cached)).toMatchObject({ contactId: '003B', method: 'handle', fromCache: false });
    expect(matchIdentity(who, [contact('003E', { email: 'jane@example.com' })], cached)).toMatchObject({ contactId: '003E', method: 'email' });
    expect(matchIdentity(who, [], cached).matched).toBe(false);
  });

  it('never matches a handle on a Contact that carries another user id of the same provider (handles are reused)', () => {
    const someoneElse = contact('003A', { socialIds: [{ provider: 'twitter', id: '1' }], handles: [{ provider: 'twitter', handle: 'janedoe' }] });
    expect(matchIdentity({ ...who, email: undefined } as SocialIdentity, [someoneElse], undefined).matched).toBe(false);
    // Another provider's id, or none at all, does not make the handle someone else's.
    const crossNetwork = contact('003F', { socialIds: [{ provider: 'facebook', id: '1' }], handles: [{ provider: 'twitter', handle: 'janedoe' }] });
    expect(matchIdentity(who, [someoneElse, crossNetwork], undefined)).toMatchObject({ contactId: '003F', method: 'handle' });
  });

  it('compares handles and emails in the same normal form the CRM lookup uses (@, spaces, case)', () => {
    expect(matchIdentity(who, [contact('003H', { handles: [{ provider: 'twitter', handle: '@JaneDoe' }] })], undefined)).toMatchObject({ contactId: '003H', method: 'handle' });
    expect(matchIdentity({ ...who, handle: 'nomatch' }, [contact('003E', { email: ' Jane@Example.COM ' })], undefined)).toMatchObject({ contactId: '003E', method: 'email' });
  });

  it('never merges on a name: it only suggests, with a score', () => {
    const m = matchIdentity(who, [contact('003N', { firstName: 'Jane', lastName: 'Doe' }), contact('003Z', { firstName: 'Bob', lastName: 'Stone' })], undefined);
    expect(m).toEqual({ matched: false, suggestions: [{ contactId: '003N', contactName: 'Jane Doe', score: 1 }] });
  });

  it('property: a contact holding the provider id always wins, whatever else the candidates hold', () => {
    const arbContact = fc.record({
      id: fc.stringMatching(/^003[A-Z0-9]{5}$/),
      lastName: fc.string(),
      handles: fc.array(fc.record({ provider: fc.constantFrom('twitter', 'facebook'), handle: fc.constantFrom('janedoe', 'JaneDoe', 'other') }), { maxLength: 2 }),
      socialIds: fc.array(fc.record({ provider: fc.constantFrom('twitter', 'facebook'), id: fc.constantFrom('41', '43') }), { maxLength: 2 }),
      email: fc.option(fc.constantFrom('jane@example.com', 'x@example.com'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbContact, { maxLength: 6 }), fc.nat(), (others, at) => {
        const owner = contact('003OWNER', { socialIds: [{ provider: 'twitter', id: '42' }] });
        const list: CrmContact[] = [...others];
        list.splice(at % (list.length + 1), 0, owner);
        const m = matchIdentity(who, list, undefined);
        return m.matched && m.contactId === '003OWNER' && m.method === 'providerId';
      }),
    );
  });
});

describe('nameScore', () => {
  it('ignores case, accents and punctuation', () => {
    expect(nameScore('José  Álvarez', 'jose alvarez')).toBe(1);
    expect(nameScore('Jane Doe', 'Jane Smith')).toBe(0.5);
    expect(nameScore('', 'Jane')).toBe(0);
  });
});

describe('resolveAuthors', () => {
  const draft = (i: SocialIdentity) => ({ lastName: i.handle, handles: [{ provider: i.provider, handle: i.handle }], socialIds: [{ provider: i.provider, id: i.id }], custom: {} });

  it('plans a Contact create for an unknown author, keyed by identity key', () => {
    const out = resolveAuthors([who], [], new Map(), draft);
    expect(out.get('twitter:42')).toMatchObject({ method: 'created', contactRef: { externalKey: 'twitter:42' }, upsert: { key: 'twitter:42' } });
    expect(out.get('twitter:42')?.upsert?.id).toBeUndefined();
  });

  it('plans a handle update when a known provider id shows up under a new handle', () => {
    const c = contact('003A', { firstName: 'Jane', lastName: 'Doe', socialIds: [{ provider: 'twitter', id: '42' }], handles: [{ provider: 'twitter', handle: 'old_jane' }] });
    const r = resolveAuthors([who], [c], new Map(), draft).get('twitter:42');
    expect(r).toMatchObject({ method: 'providerId', previousHandle: 'old_jane', contactRef: { id: '003A' } });
    expect(r?.upsert).toEqual({ key: 'twitter:42', id: '003A', fields: { firstName: 'Jane', lastName: 'Doe', email: 'jane@example.com', handles: [{ provider: 'twitter', handle: 'JaneDoe' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} } });
  });

  it('adds the provider id to a Contact matched by handle or email, and needs no write once both are there', () => {
    const byEmail = resolveAuthors([who], [contact('003E', { email: 'jane@example.com' })], new Map(), draft).get('twitter:42');
    expect(byEmail?.upsert?.id).toBe('003E');
    const full = contact('003F', { socialIds: [{ provider: 'twitter', id: '42' }], handles: [{ provider: 'twitter', handle: 'JaneDoe' }] });
    expect(resolveAuthors([who], [full], new Map(), draft).get('twitter:42')?.upsert).toBeUndefined();
  });
});
