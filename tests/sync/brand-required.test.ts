/**
 * `createSync` refuses a brand that names no account (the brand's own posts would become Cases),
 * unless the source names the account it reads as (`brandIdentity()`) or `brand: { none: true }`.
 */
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { ConfigError } from '../../src/errors.js';
import { arraySource } from '../../src/sources/array-source.js';
import type { SocialSource } from '../../src/sources/types.js';
import { createSync } from '../../src/sync/create-sync.js';
import { ACME, ANN, reply, tweet } from './fixtures.js';

/** Ann complains, the brand answers her. */
function posts() {
  const complaint = tweet('800', 0, ANN, '@AcmeHelp my router is dead');
  return [complaint, reply('801', 5, ACME, complaint, '@ann_k sorry! DM us', { mentions: ['ann_k'] })];
}

const withIdentity = (source: SocialSource, found: { handles?: string[]; ids?: string[] }): SocialSource => ({ ...source, brandIdentity: async () => found });

const configError = (run: () => unknown): ConfigError => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('no ConfigError');
};

describe('createSync and the brand', () => {
  it('refuses no brand at all, and a brand with empty lists, naming brand', () => {
    for (const brand of [undefined, { handles: [], ids: [] }]) {
      const error = configError(() => createSync({ source: arraySource(posts()), crm: localCrmAdapter(), ...(brand === undefined ? {} : { brand }) }));
      expect(error.details.field).toBe('brand');
      expect(error.message).toMatch(/brand needs at least one handle or id/);
    }
  });

  it('takes the account the source reads as when the settings name none', async () => {
    const crm = localCrmAdapter();
    const report = await createSync({ source: withIdentity(arraySource(posts()), { ids: [ACME.id] }), crm }).run();
    expect(report).toMatchObject({ casesCreated: 1, outboundComments: 1 });
  });

  it('prefers the settings over the source, and rejects the run when neither names an account', async () => {
    const crm = localCrmAdapter();
    const named = await createSync({ source: withIdentity(arraySource(posts(), 'a'), { ids: ['elsewhere'] }), crm, brand: { handles: ['AcmeHelp'] } }).run();
    expect(named).toMatchObject({ casesCreated: 1, outboundComments: 1 });
    const nothing = createSync({ source: withIdentity(arraySource(posts(), 'b'), {}), crm: localCrmAdapter() });
    await expect(nothing.run()).rejects.toMatchObject({ name: 'ConfigError', details: { field: 'brand' } });
  });

  it('runs with brand: { none: true }: every post is a customer post', async () => {
    const report = await createSync({ source: arraySource(posts()), crm: localCrmAdapter(), brand: { none: true } }).run();
    expect(report).toMatchObject({ casesCreated: 2, outboundComments: 0 });
  });
});
