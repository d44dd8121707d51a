import { z } from 'zod';
import { FilePathSchema } from './paths.js';

/** `source: { type: jsonl, path }` — SocialPost JSON Lines, one post a line (a replay, an export, a growing log). */
export const JsonlSourceConfigSchema = z.strictObject({
  type: z.literal('jsonl'),
  /** The JSONL file to read; it may grow between runs and be replaced (rotation). */
  path: FilePathSchema,
});
/** A validated `source:` of type `jsonl`. */
export type JsonlSourceConfig = z.output<typeof JsonlSourceConfigSchema>;
