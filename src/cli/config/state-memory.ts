import { z } from 'zod';

/** `state: { type: memory }` — nothing kept between runs (tests, one-off replays into a CRM that knows every post). */
export const MemoryStateConfigSchema = z.strictObject({ type: z.literal('memory') });
/** A validated `state:` of type `memory`. */
export type MemoryStateConfig = z.output<typeof MemoryStateConfigSchema>;
