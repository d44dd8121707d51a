import { z } from 'zod';

/** Stage at which a post was set aside. */
export const DEAD_LETTER_STAGES = ['source', 'validate', 'map', 'write'] as const;

/** A post (or raw line) that could not be synced, with the reason. Nothing is lost. */
export const DeadLetterSchema = z.object({
  /** Post id when known; for unreadable input `line:N`. */
  postId: z.string(),
  stage: z.enum(DEAD_LETTER_STAGES),
  code: z.string(),
  reason: z.string(),
  field: z.string().optional(),
  /** The CRM said the write may succeed later (a row lock, a 5xx): it failed again after the batch's retry rounds. */
  retryable: z.boolean().optional(),
  line: z.number().int().positive().optional(),
  /** The raw input (a JSONL line, cut at 10,000 characters) or the post, for replay. */
  payload: z.unknown().optional(),
  at: z.string(),
});
/** A post set aside with its reason. */
export type DeadLetter = z.infer<typeof DeadLetterSchema>;
