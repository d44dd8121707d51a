import type { FileHandle } from 'node:fs/promises';
import type { JsonlPosition } from './cursor.js';
import { FINGERPRINT_BYTES } from './fingerprint.js';

/** Bytes kept of an over-long line, for its dead letter (≥ 10,000 characters of UTF-8). */
const HEAD_BYTES = 40_000;
const LF = 0x0a;
const CR = 0x0d;

/** One line of the file, without its `\n` (and `\r`). */
export type RawLine =
  | { readonly kind: 'text'; readonly number: number; readonly end: number; readonly text: string }
  | { readonly kind: 'oversize'; readonly number: number; readonly end: number; readonly bytes: number; readonly head: string };

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** Bytes read per `read()`. */
  readonly chunkSize: number;
  /** Longer lines come out as `oversize`, never buffered whole. */
  readonly maxLineBytes: number;
  readonly signal?: AbortSignal | undefined;
}

/** How reading ended: stopped by the visitor, or at the end of the file (with its unterminated tail). */
export interface ReadLinesResult {
  readonly eof: boolean;
  /**
   * When the visitor stopped: the bytes of the file just before the end of its last line, as many as
   * its fingerprint covers (`min(end, 256)`), when they were still in memory; so the cursor's
   * fingerprint needs no second read. A copy.
   */
  readonly before?: Buffer;
  /** At EOF: the last line when it has no `\n` yet (`end` = file size). */
  readonly partial?: RawLine;
}

/** The text of `bytes[start, end)`, without a final `\r`. */
function decode(bytes: Buffer, start: number, end: number): string {
  const stop = end > start && bytes[end - 1] === CR ? end - 1 : end;
  return bytes.toString('utf8', start, stop);
}

/**
 * Reads the lines of an open file from `start`, in chunks of `chunkSize` bytes, in constant memory
 * (one chunk plus at most `maxLineBytes` of a line spanning chunks). Lines are split on `\n` as
 * bytes and decoded whole, so a multi-byte character split across chunks comes out intact.
 * `visit` gets each terminated line and returns `false` to stop.
 */
export async function readLines(
  handle: FileHandle,
  start: JsonlPosition,
  options: ReadLinesOptions,
  visit: (line: RawLine) => boolean,
): Promise<ReadLinesResult> {
  const buffer = Buffer.allocUnsafe(options.chunkSize);
  const max = options.maxLineBytes;
  let filePos = start.byte;
  let lineNo = start.line;
  let pieces: Buffer[] = [];
  let pending = 0;
  let head: Buffer | undefined;
  // The kept start of an over-long line is always exactly this long, wherever reads happened to split
  // it, so the same line gives the same dead letter (and the same digest) on every read.
  const headBytes = Math.min(max, HEAD_BYTES);

  /** The line ending with `chunk[from, to)` (after the kept pieces), `end` its file offset after the `\n`. */
  const finish = (chunk: Buffer, from: number, to: number, end: number): RawLine => {
    const number = lineNo;
    const bytes = pending + to - from;
    let line: RawLine;
    if (head !== undefined || bytes > max) {
      const kept = head ?? Buffer.concat([...pieces, chunk.subarray(from, to)], headBytes);
      line = { kind: 'oversize', number, end, bytes, head: kept.toString('utf8') };
    } else if (pieces.length === 0) {
      line = { kind: 'text', number, end, text: decode(chunk, from, to) };
    } else {
      const whole = Buffer.concat([...pieces, chunk.subarray(from, to)]);
      line = { kind: 'text', number, end, text: decode(whole, 0, whole.length) };
    }
    if (pieces.length > 0) pieces = [];
    pending = 0;
    head = undefined;
    return line;
  };

  const keep = (part: Buffer): void => {
    if (head === undefined && pending + part.length > max) {
      head = Buffer.concat([...pieces, part], headBytes);
      pieces = [];
    } else if (head === undefined) {
      pieces.push(Buffer.from(part));
    }
    pending += part.length;
  };

  for (;;) {
    options.signal?.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, filePos);
    if (bytesRead === 0) break;
    const view = bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    let i = 0;
    while (i < bytesRead) {
      const nl = view.indexOf(LF, i);
      if (nl === -1) {
        keep(view.subarray(i));
        break;
      }
      lineNo += 1;
      const line = finish(view, i, nl, filePos + nl + 1);
      i = nl + 1;
      if (!visit(line)) {
        const want = Math.min(line.end, FINGERPRINT_BYTES);
        return i >= want ? { eof: false, before: Buffer.from(view.subarray(i - want, i)) } : { eof: false };
      }
    }
    filePos += bytesRead;
  }
  if (pending === 0) return { eof: true };
  lineNo += 1;
  return { eof: true, partial: finish(buffer, 0, 0, filePos) };
}
