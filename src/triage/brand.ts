import { z } from 'zod';
import { normalizeHandle } from '../identity/normalize.js';
import type { SocialIdentity } from '../model/social-post.js';

/**
 * A provider user id, typed `string` (write ids quoted). YAML reads an unquoted id as a number,
 * which is exact only up to 2^53 (X ids are larger): such numbers are still accepted at run time
 * while exact, and refused with the fix otherwise.
 */
const BrandIdSchema = z
  .custom<string>((value) => (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0), {
    error: (issue) =>
      typeof issue.input === 'number'
        ? `${issue.input} is not an exact id: numbers above 2^53 lose digits, so quote the id (e.g. "900000000000000001")`
        : 'must be a provider user id (a string of digits, quoted in YAML)',
  })
  .transform((value): string => String(value).trim());

/**
 * The company's own accounts. Posts by them are outbound answers, never Cases. `handles` match
 * case-insensitively with or without a leading `@`; `ids` are provider user ids (exact match).
 */
export const BrandConfigSchema = z.strictObject({
  handles: z.array(z.string().trim().min(1)).default([]),
  ids: z.array(BrandIdSchema).default([]),
});

/** The company's own accounts. */
export type BrandConfig = z.output<typeof BrandConfigSchema>;

/** True when `handle` (with or without `@`, any case) is one of the brand's handles. */
export function isBrandHandle(handle: string, brand: Pick<BrandConfig, 'handles'>): boolean {
  const wanted = normalizeHandle(handle);
  if (wanted === '') return false;
  return brand.handles.some((h) => normalizeHandle(h) === wanted);
}

/** True when an account is the brand's own: its user id or its handle is listed in `brand`. */
export function isBrandAuthor(identity: Pick<SocialIdentity, 'handle' | 'id'>, brand: BrandConfig): boolean {
  return brand.ids.includes(identity.id) || isBrandHandle(identity.handle, brand);
}

/**
 * {@link isBrandAuthor} for one brand, with the brand's ids and normalized handles looked up in sets
 * (built once) instead of normalizing every brand handle for every post. Same answers.
 */
export function compileBrandAuthor(brand: BrandConfig): (identity: Pick<SocialIdentity, 'handle' | 'id'>) => boolean {
  const ids = new Set(brand.ids);
  const isHandle = compileBrandHandle(brand);
  return (identity) => ids.has(identity.id) || isHandle(identity.handle);
}

/**
 * {@link isBrandHandle} for one brand, with the brand's normalized handles in a set (built once)
 * instead of normalizing every brand handle for every handle asked about. Same answers.
 */
export function compileBrandHandle(brand: Pick<BrandConfig, 'handles'>): (handle: string) => boolean {
  const handles = new Set(brand.handles.map(normalizeHandle));
  return (handle) => {
    const wanted = normalizeHandle(handle);
    return wanted !== '' && handles.has(wanted);
  };
}
