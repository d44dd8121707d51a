import { z } from 'zod';
import { FilePathSchema } from './paths.js';

/** `crm: { type: local, path, seed? }` — the embedded CRM file (no credentials, no network). */
export const LocalCrmConfigSchema = z.strictObject({
  type: z.literal('local'),
  /** The CRM file the sync writes (plus `<path>.journal` and `<path>.lock`). */
  path: FilePathSchema,
  /** A local CRM file to start from when `path` holds nothing yet (copied on the first run). */
  seed: FilePathSchema.optional(),
});
/** A validated `crm:` of type `local`. */
export type LocalCrmConfig = z.output<typeof LocalCrmConfigSchema>;
