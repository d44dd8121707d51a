import { z } from 'zod';
import type { SocialIdentity } from '../model/social-post.js';

/** A provider user id; numbers are accepted from YAML only while they are exact (safe integers). */
const BrandIdSchema = z.union([
  z.string().trim().min(1),
  z
    .number()
    .int()
    .nonnegative()
    .refine(Number.isSafeInteger, 'ids above 2^53 lose digits as numbers: quote them')
    .transform(String),
]);

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

function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

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
