import { describe, expect, it } from 'vitest';
import { BrandConfigSchema, isBrandAuthor, isBrandHandle } from '../../src/triage/brand.js';

describe('BrandConfigSchema', () => {
  it('defaults to no accounts', () => {
    expect(BrandConfigSchema.parse({})).toEqual({ handles: [], ids: [] });
  });

  it('accepts safe integer ids as strings and rejects unsafe ones and unknown keys', () => {
    expect(BrandConfigSchema.parse({ ids: [1234, '99'] }).ids).toEqual(['1234', '99']);
    expect(BrandConfigSchema.safeParse({ ids: [2 ** 60] }).success).toBe(false);
    expect(BrandConfigSchema.safeParse({ handle: ['x'] }).success).toBe(false);
  });
});

describe('isBrandHandle / isBrandAuthor', () => {
  const brand = BrandConfigSchema.parse({ handles: ['@AcmeHelp', 'acme'], ids: ['42'] });

  it('matches handles case-insensitively with or without @', () => {
    expect(isBrandHandle('acmehelp', brand)).toBe(true);
    expect(isBrandHandle('@ACMEHELP', brand)).toBe(true);
    expect(isBrandHandle('Acme', brand)).toBe(true);
    expect(isBrandHandle('acmehelper', brand)).toBe(false);
    expect(isBrandHandle('@', brand)).toBe(false);
  });

  it('matches an author by id or by handle', () => {
    expect(isBrandAuthor({ id: '42', handle: 'renamed' }, brand)).toBe(true);
    expect(isBrandAuthor({ id: '7', handle: 'AcmeHelp' }, brand)).toBe(true);
    expect(isBrandAuthor({ id: '7', handle: 'customer' }, brand)).toBe(false);
  });
});
