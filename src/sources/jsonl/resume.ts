import type { FileHandle } from 'node:fs/promises';
import { SourceError } from '../../errors.js';
import { START_POSITION, encodeCursor, type JsonlCursor, type JsonlPosition } from './cursor.js';
import { fingerprintAt } from './fingerprint.js';

/** Where a pull reads from, and whether that is the start again because the file was replaced. */
export interface ResumePoint {
  readonly position: JsonlPosition;
  readonly restarted: boolean;
}

/** A pull without a cursor. */
export const FROM_START: ResumePoint = { position: START_POSITION, restarted: false };

/**
 * Checks a cursor against the open file (of `size` bytes). With a fingerprint: when the cursor lies
 * past the end or the bytes before it differ, the file was replaced (rewritten export, log
 * rotation) and reading starts again at the beginning — never mid-line, never skipping posts.
 * Without one (old format): past the end is a {@link SourceError}, as before.
 */
export async function resumePoint(handle: FileHandle, cursor: JsonlCursor, size: number, path: string): Promise<ResumePoint> {
  const position: JsonlPosition = { byte: cursor.byte, line: cursor.line };
  if (cursor.fingerprint === undefined) {
    if (cursor.byte > size) {
      throw new SourceError(`Cursor ${encodeCursor(cursor)} points past the end of ${path} (${size} bytes): was the file truncated or replaced?`, { field: 'cursor' });
    }
    return { position, restarted: false };
  }
  if (cursor.byte > size || (await fingerprintAt(handle, cursor.byte)) !== cursor.fingerprint) {
    return { position: START_POSITION, restarted: true };
  }
  return { position, restarted: false };
}
