import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, ConnectorError, SourceError } from '../../errors.js';
import type { DeadLetter } from '../../model/dead-letter.js';
import type { SocialPost } from '../../model/social-post.js';
import { describeIssues, formatPath } from '../../model/validate.js';
import type { PullOptions, SocialSource, SourcePage } from '../types.js';
import { encodeCursor, parseCursor, type JsonlPosition } from './cursor.js';
import { fingerprintAt, fingerprintOf } from './fingerprint.js';
import { readLines } from './line-reader.js';
import { parseLine, type LineOutcome } from './parse-line.js';
import type { PostWarning } from '../../model/optional-metadata.js';
import { FROM_START, resumePoint } from './resume.js';

/** Default longest line: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;
/** Default read size: 64 KiB. */
export const DEFAULT_CHUNK_SIZE = 64 * 1024;

/** Options of {@link jsonlSource}. */
export const JsonlSourceOptionsSchema = z.object({
  /** The JSONL file, one SocialPost JSON object a line. */
  path: z.string().min(1),
  /** Stream id (checkpoint key); default `jsonl:<absolute path>`. */
  id: z.string().min(1).optional(),
  /** Longer lines are dead-lettered without being buffered whole (default 1 MiB). */
  maxLineBytes: z.number().int().positive().optional(),
  /** Bytes per read (default 64 KiB); tests use tiny chunks to exercise boundaries. */
  chunkSize: z.number().int().positive().optional(),
});
/** Options of {@link jsonlSource}. */
export type JsonlSourceOptions = z.input<typeof JsonlSourceOptionsSchema>;

function errnoCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'read error';
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    // Retryable: between a log rotation's move and the new file, the path is briefly empty.
    if (errnoCode(error) === 'ENOENT') throw new SourceError(`JSONL file not found: ${path}`, { field: 'source.path' }, error, true);
    throw new SourceError(`Cannot open JSONL file ${path} (${errnoCode(error)})`, { field: 'source.path' }, error);
  }
}

/**
 * A source that replays a SocialPost JSONL file (see ARCHITECTURE.md "Formats" for the line format), in constant
 * memory, resumable from any cursor.
 *
 * - Cursor: `b=<byte offset>;l=<lines consumed>;h=<fingerprint>` — the exact byte just after the
 *   last consumed line, its line number, and a short hash of the (up to 256) bytes before that
 *   offset. A malformed cursor is a {@link SourceError}.
 * - Replaced file: when the fingerprint no longer matches the file, or the cursor lies past its end
 *   (the export was rewritten, the log rotated, the file truncated), the file is read again from
 *   its first line — the sync dedupes posts by id, so nothing is skipped and nothing synced twice
 *   (bad lines are dead-lettered again). Appending keeps the fingerprint: reading resumes exactly.
 *   A cursor without `h` (old format, or written by hand) is trusted as is; past the end of the
 *   file it is a {@link SourceError}.
 * - Each pull opens the file, reads from the cursor in chunks and closes it; it stops after
 *   `limit` items (posts + rejected). Blank lines are consumed silently. Bad lines come back as
 *   `rejected` dead letters with their line number: invalid JSON and lines over `maxLineBytes`
 *   (stage `source`), invalid posts (stage `validate`, naming the field).
 * - Last line without `\n`: if it parses as JSON it is a complete record and is consumed; if not
 *   (or it is blank or over-long) it is left unconsumed — a writer may still be appending to it —
 *   and the page ends `done`. A later pull reads it again once the line is finished.
 * - `done` is true when the end of the file was reached. No `reply`: a file cannot talk back.
 */
export function jsonlSource(options: JsonlSourceOptions): SocialSource {
  const parsed = JsonlSourceOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const field = `source.${formatPath(parsed.error.issues[0]?.path ?? [])}`;
    throw new ConfigError(`Invalid jsonl source options: ${describeIssues(parsed.error)}`, { field });
  }
  const path = resolve(parsed.data.path);
  const maxLineBytes = parsed.data.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const chunkSize = parsed.data.chunkSize ?? DEFAULT_CHUNK_SIZE;

  async function pull(cursor: string | null, pullOptions: PullOptions): Promise<SourcePage> {
    const { limit, signal } = pullOptions;
    if (!Number.isInteger(limit) || limit < 1) throw new SourceError(`Pull limit must be a positive integer, got ${limit}`, { field: 'limit' });
    const requested = cursor === null ? undefined : parseCursor(cursor);
    const handle = await openFile(path);
    try {
      const { size } = await handle.stat();
      const { position: start, restarted } = requested === undefined ? FROM_START : await resumePoint(handle, requested, size, path);
      const at = new Date().toISOString();
      const posts: SocialPost[] = [];
      const rejected: DeadLetter[] = [];
      const warnings: PostWarning[] = [];
      const keep = (outcome: Extract<LineOutcome, { kind: 'post' }>, line: number): void => {
        posts.push(outcome.post);
        for (const w of outcome.warnings) warnings.push({ ...w, postId: outcome.post.id, line });
      };
      let next: JsonlPosition = start;
      const result = await readLines(handle, start, { chunkSize, maxLineBytes, signal }, (line) => {
        next = { byte: line.end, line: line.number };
        const outcome = parseLine(line, maxLineBytes, at);
        if (outcome.kind === 'post') keep(outcome, line.number);
        else if (outcome.kind === 'rejected') rejected.push(outcome.deadLetter);
        return posts.length + rejected.length < limit;
      });
      if (result.partial && posts.length + rejected.length < limit) {
        // Unterminated last line: a record only if it is JSON already (see above).
        const outcome = parseLine(result.partial, maxLineBytes, at);
        if (outcome.kind === 'post' || (outcome.kind === 'rejected' && outcome.stage === 'validate')) {
          if (outcome.kind === 'post') keep(outcome, result.partial.number);
          else rejected.push(outcome.deadLetter);
          next = { byte: result.partial.end, line: result.partial.number };
        }
      }
      const moved = restarted || next.byte !== start.byte;
      // Stopped by the limit just after a line: its last bytes are still in memory (same hash as a read).
      const stoppedAt = result.eof ? undefined : result.before;
      const fingerprint = async (): Promise<string> => (stoppedAt === undefined ? fingerprintAt(handle, next.byte) : fingerprintOf(stoppedAt));
      return {
        posts,
        rejected,
        ...(warnings.length === 0 ? {} : { warnings }),
        nextCursor: moved ? encodeCursor({ ...next, fingerprint: await fingerprint() }) : cursor,
        done: result.eof || next.byte >= size,
      };
    } catch (error) {
      // File-system failures (EISDIR, EIO, …) become SourceErrors; anything else (abort) goes on as is.
      if (error instanceof ConnectorError || signal?.aborted || errnoCode(error) === 'read error') throw error;
      throw new SourceError(`Cannot read JSONL file ${path} (${errnoCode(error)})`, { field: 'source.path' }, error);
    } finally {
      await handle.close();
    }
  }

  return { id: parsed.data.id ?? `jsonl:${path}`, pull };
}
