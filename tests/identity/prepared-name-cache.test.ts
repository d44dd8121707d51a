import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedPreparedName, indexCandidates } from '../../src/identity/match.js';
import { prepareName } from '../../src/identity/name-score.js';
import type { CrmContact } from '../../src/model/crm-records.js';

describe('cachedPreparedName', () => {
  it('answers what prepareName answers, first time and again', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 20 }), (names) => {
        for (const name of [...names, ...names]) expect(cachedPreparedName(name)).toEqual(prepareName(name));
      }),
    );
  });

  it('stays right when the cache passes its bound and starts over', () => {
    const first = cachedPreparedName('Ann Kim');
    for (let i = 0; i < 60_000; i += 1) cachedPreparedName(`name ${i}`);
    expect(cachedPreparedName('Ann Kim')).toEqual(first);
    expect(cachedPreparedName('name 59999')).toEqual(prepareName('name 59999'));
  });
});

describe('indexCandidates: the name-token index built on first use', () => {
  it('holds every candidate under each of its name tokens, in candidate order, with its first place', () => {
    const c = (id: string, firstName: string | undefined, lastName: string): CrmContact => ({ id, lastName, handles: [], socialIds: [], ...(firstName === undefined ? {} : { firstName }) }) as CrmContact;
    const ann = c('1', 'Ann', 'Kim');
    const candidates = [ann, c('2', undefined, 'Kim Lee'), ann, c('3', 'Bo', '!!')];
    const index = indexCandidates(candidates);
    const entries = (token: string) => index.byNameToken.get(token)?.map((e) => [e.contact.id, e.order, e.name.normalized]);
    expect(entries('kim')).toEqual([['1', 0, 'ann kim'], ['2', 1, 'kim lee'], ['1', 0, 'ann kim']]);
    expect(entries('bo')).toEqual([['3', 3, 'bo']]);
    expect(index.byNameToken).toBe(index.byNameToken); // built once
  });
});
