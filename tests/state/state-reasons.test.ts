import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { collapseWhitespace } from '../../src/mapping/text-limits.js';
import { arraySource } from '../../src/sources/array-source.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { BRAND, conversation } from '../sync/fixtures.js';

describe('what the state remembers of a post', () => {
  it('an ignored post keeps its reason (a repost, a brand broadcast)', async () => {
    const state = memoryStateStore();
    await createSync({ source: arraySource(conversation(), 'c'), crm: localCrmAdapter(), state, brand: BRAND }).run();
    const records = await state.getPosts(['twitter:105', 'twitter:108', 'twitter:100']);
    expect(records.get('twitter:105')).toMatchObject({ outcome: 'ignored', reason: expect.stringMatching(/repost/i) });
    expect(records.get('twitter:108')).toMatchObject({ outcome: 'ignored', reason: expect.any(String) });
    expect(records.get('twitter:100')).not.toHaveProperty('reason');
  });
});

describe('collapseWhitespace', () => {
  it('its shortcut for texts with nothing to collapse gives what the full replace gives', () => {
    const pieces = fc.constantFrom(' ', '  ', '\n', '\t', '\u00a0', '\ufeff', '\u2028', 'a', 'é', '😀', 'word');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }).map((p) => p.join('')), (text) => {
        expect(collapseWhitespace(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
