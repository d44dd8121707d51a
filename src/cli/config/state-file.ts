import { z } from 'zod';
import { FilePathSchema } from './paths.js';
import { DEFAULT_RETAIN_DAYS } from './state-sqlite.js';

/** `state: { type: file, path }` — checkpoints, post records, identity cache and dead letters in one file. */
export const FileStateConfigSchema = z.strictObject({
  type: z.literal('file'),
  /** The state file (plus `<path>.journal` and `<path>.lock`). */
  path: FilePathSchema,
  /** `--compact-state` drops post records older than this many days. */
  retainDays: z.number().int().positive().default(DEFAULT_RETAIN_DAYS),
});
/** A validated `state:` of type `file`. */
export type FileStateConfig = z.output<typeof FileStateConfigSchema>;
