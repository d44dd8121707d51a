import { z } from 'zod';
import { FileStateConfigSchema } from './state-file.js';
import { MemoryStateConfigSchema } from './state-memory.js';
import { SqliteStateConfigSchema } from './state-sqlite.js';

/**
 * `state:` — checkpoints, post → record ids, identity cache, dead letters; one member per `type`.
 *
 * To add a state type (e.g. `sqlite`):
 * 1. write `state-<type>.ts` beside this file exporting a `z.strictObject({ type: z.literal('<type>'), … })`;
 * 2. add it to the list below;
 * 3. add a `case '<type>'` to `buildState` in `../build/state.ts`.
 * A member with a `path` key is taken as a file the store writes (locked while the job runs; never the CRM's file).
 */
export const StateConfigSchema = z.discriminatedUnion('type', [SqliteStateConfigSchema, FileStateConfigSchema, MemoryStateConfigSchema]);
/** A validated `state:`. */
export type StateConfig = z.output<typeof StateConfigSchema>;
