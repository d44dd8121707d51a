/**
 * The engine's journal of replies it sends back out through a source (`sync.reply`), kept in the
 * state store as the checkpoint of its own stream (`replies:<source id>`), so every step commits
 * atomically with the post records it goes with. An entry is written before the source is asked
 * (the intent), gets the new post id as soon as the source answers (in the same commit as the
 * post record that dedupes the brand's reply on a later poll), and is removed once the outbound
 * comment is in the CRM. A run that finds entries with an id lands their comments first.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** One reply in flight. */
export const ReplyJournalEntrySchema = z.object({
  /** External id (`provider:id`) of the post answered. */
  target: z.string().min(1),
  /** The Case the answer goes on. */
  caseId: z.string().min(1),
  /** Thread id (without provider) of the post answered. */
  threadId: z.string(),
  text: z.string(),
  /** When the intent was written (ISO 8601). */
  at: z.string(),
  /** The new post's id at the source, once it answered: the reply was sent. */
  id: z.string().min(1).optional(),
  /** When the source answered (ISO 8601). */
  sentAt: z.string().optional(),
});
/** One reply in flight. */
export type ReplyJournalEntry = z.infer<typeof ReplyJournalEntrySchema>;

const JournalSchema = z.object({ v: z.literal(1), entries: z.array(ReplyJournalEntrySchema) });

/** The journal's stream name in the state store. */
export const replyJournalStream = (sourceId: string): string => `replies:${sourceId}`;

/** Reads a journal checkpoint; an unreadable one is empty (it only ever holds work in flight). */
export function parseReplyJournal(value: string | null): ReplyJournalEntry[] {
  if (value === null) return [];
  try {
    const parsed = JournalSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data.entries : [];
  } catch {
    return [];
  }
}

/** The journal as its checkpoint value. */
export const encodeReplyJournal = (entries: readonly ReplyJournalEntry[]): string => JSON.stringify({ v: 1, entries });

/** True when two entries are the same answer (same post answered, same text). */
export const sameReply = (a: Pick<ReplyJournalEntry, 'target' | 'text'>, b: Pick<ReplyJournalEntry, 'target' | 'text'>): boolean =>
  a.target === b.target && digest(a.text) === digest(b.text);

const digest = (text: string): string => createHash('sha256').update(text.normalize('NFC').trim()).digest('hex');
