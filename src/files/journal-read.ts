/** Reading a journal file back: complete lines in order, a torn tail told apart from corruption. */
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';

/** One journal line: the change set and its sequence number. */
export const JournalEntrySchema = z.object({
  seq: z.number().int().positive(),
  change: z.unknown(),
});

/** One journal line read back, with its 1-based line number. */
export interface JournalEntry {
  readonly seq: number;
  readonly change: unknown;
  readonly line: number;
}

/** The readable part of a journal. */
export interface JournalContents {
  readonly entries: readonly JournalEntry[];
  /** Bytes up to the end of the last good line; the rest is a torn tail to cut off. */
  readonly validBytes: number;
  /** Size of the file as found. */
  readonly totalBytes: number;
}

function parseLine(text: string): JournalEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = JournalEntrySchema.safeParse(value);
  return parsed.success ? { seq: parsed.data.seq, change: parsed.data.change, line: 0 } : undefined;
}

function isBlank(buffer: Buffer, start: number): boolean {
  for (let i = start; i < buffer.length; i += 1) {
    const byte = buffer[i];
    if (byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x09 && byte !== 0x00) return false;
  }
  return true;
}

/**
 * Reads a journal (missing file = empty). A last line that is unterminated or unreadable is a write
 * cut short by a crash: it is left out and reported as beyond `validBytes`. An unreadable line with
 * good content after it is corruption: a {@link ConfigError} naming the file and line.
 */
export function readJournal(path: string): JournalContents {
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, totalBytes: 0 };
    throw error;
  }
  const entries: JournalEntry[] = [];
  let start = 0;
  let line = 0;
  let validBytes = 0;
  while (start < buffer.length) {
    line += 1;
    const end = buffer.indexOf(0x0a, start);
    if (end === -1) break; // unterminated tail: the append never finished
    const text = buffer.toString('utf8', start, end);
    if (text.trim() === '') {
      start = end + 1;
      validBytes = start;
      continue;
    }
    const entry = parseLine(text);
    if (entry === undefined) {
      if (isBlank(buffer, end + 1)) break; // torn last line
      throw new ConfigError(`${path} line ${line} is corrupt (not a journal entry); the journal cannot be replayed`, {
        line,
      });
    }
    entries.push({ ...entry, line });
    start = end + 1;
    validBytes = start;
  }
  return { entries, validBytes, totalBytes: buffer.length };
}
