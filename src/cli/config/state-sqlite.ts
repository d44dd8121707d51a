import { z } from 'zod';
import { FilePathSchema } from './paths.js';

/** Post records older than this many days may be dropped by `--compact-state` (default). */
export const DEFAULT_RETAIN_DAYS = 400;

/**
 * `state: { type: sqlite, path, retainDays? }` — the default: checkpoints, post records, identity
 * cache and dead letters in one SQLite file, read by key, so memory stays flat with history.
 */
export const SqliteStateConfigSchema = z.strictObject({
  type: z.literal('sqlite'),
  /** The state file (plus `-wal`, `-shm` and the writer's `-lock` beside it). */
  path: FilePathSchema,
  /** `--compact-state` drops post records older than this many days (a later reply still finds its Case through the CRM). */
  retainDays: z.number().int().positive().default(DEFAULT_RETAIN_DAYS),
});
/** A validated `state:` of type `sqlite`. */
export type SqliteStateConfig = z.output<typeof SqliteStateConfigSchema>;
