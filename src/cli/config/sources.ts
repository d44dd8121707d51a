import { z } from 'zod';
import { JsonlSourceConfigSchema } from './source-jsonl.js';

/**
 * `source:` — where posts come from, one member per `type`.
 *
 * To add a source type (e.g. `twitter`):
 * 1. write `source-<type>.ts` beside this file exporting a `z.strictObject({ type: z.literal('<type>'), … })`
 *    (secrets as `${ENV}` references; numbers and booleans may be `${ENV}` too, the job converts them);
 * 2. add it to the list below;
 * 3. add a `case '<type>'` to `buildSource` in `../build/source.ts` (load heavy clients there with `await import()`);
 * 4. if the source can name the account it reads as (its `brandIdentity()`), return true for it in
 *    {@link sourceMayKnowBrand}, so a config without `brand` is accepted for it.
 */
export const SourceConfigSchema = z.discriminatedUnion('type', [JsonlSourceConfigSchema]);
/** A validated `source:`. */
export type SourceConfig = z.output<typeof SourceConfigSchema>;

/**
 * True when a source of this config may fill an empty `brand` from the account it reads as
 * (`SocialSource.brandIdentity()`); the job then asks it instead of refusing the config.
 */
export function sourceMayKnowBrand(source: SourceConfig): boolean {
  switch (source.type) {
    case 'jsonl':
      return false; // a file does not know whose posts are the brand's
  }
}
