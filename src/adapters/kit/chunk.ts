/**
 * Splitting a list into requests by count AND by encoded size: Salesforce takes 200 records per
 * sObject Collections call and about 16,384 bytes of query URI; SugarCRM's bulk API takes a
 * configured number of requests. An item too big for any request on its own is reported, never sent.
 */
import { utf8Length } from '../../mapping/text-limits.js';

/** Limits of one request. */
export interface ChunkLimits<T> {
  /** Most items per request (a positive integer). */
  readonly maxCount: number;
  /** Most bytes per request: `overheadBytes` + the items' sizes + a separator between each two. Absent = count only. */
  readonly maxBytes?: number | undefined;
  /** Encoded size of one item in bytes (default: UTF-8 bytes of its JSON). Called once per item. */
  readonly sizeOf?: ((item: T) => number) | undefined;
  /** Bytes every request costs besides its items (the query around an `IN (…)` list, the JSON envelope). */
  readonly overheadBytes?: number | undefined;
  /** Bytes between two items of a request (`,` = 1; URI-encoded `%2C` = 3). */
  readonly separatorBytes?: number | undefined;
}

/** An item that exceeds `maxBytes` even alone in a request. */
export interface OversizedItem<T> {
  readonly item: T;
  /** Its position in the input. */
  readonly index: number;
  /** What the request would take with this item alone (overhead included). */
  readonly bytes: number;
}

/** The requests to send, and the items that fit none. */
export interface Chunked<T> {
  /** Non-empty chunks; concatenated they are the input, in order, without the oversized items. */
  readonly chunks: readonly (readonly T[])[];
  /** Items left out because no request could hold them: give each an item failure. */
  readonly oversized: readonly OversizedItem<T>[];
}

/** UTF-8 bytes of `value`'s JSON, the default item size. */
export function jsonBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '');
}

/** Characters `encodeURIComponent` leaves as they are. */
const URI_UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** Bytes of `text` once percent-encoded as a URI component (a lone surrogate counts as U+FFFD); never throws. */
export function uriComponentBytes(text: string): number {
  let bytes = 0;
  for (const char of text) bytes += URI_UNRESERVED.test(char) ? 1 : 3 * utf8Length(char);
  return bytes;
}

function checkLimits<T>(limits: ChunkLimits<T>): void {
  if (!Number.isInteger(limits.maxCount) || limits.maxCount < 1) {
    throw new RangeError(`chunkBy: maxCount must be a positive integer, got ${limits.maxCount}`);
  }
  for (const name of ['maxBytes', 'overheadBytes', 'separatorBytes'] as const) {
    const value = limits[name];
    if (value !== undefined && !(value >= 0)) throw new RangeError(`chunkBy: ${name} must be 0 or more, got ${value}`);
  }
}

/**
 * Splits `items` into consecutive chunks of at most `maxCount` items and at most `maxBytes` bytes
 * each (greedy: a chunk is closed when the next item would break a limit). Every item lands in
 * exactly one chunk, in order, except those too big for a request alone: those are in `oversized`.
 */
export function chunkBy<T>(items: readonly T[], limits: ChunkLimits<T>): Chunked<T> {
  checkLimits(limits);
  const maxBytes = limits.maxBytes ?? Number.POSITIVE_INFINITY;
  const overhead = limits.overheadBytes ?? 0;
  const separator = limits.separatorBytes ?? 0;
  const sizeOf = limits.sizeOf ?? jsonBytes;
  const chunks: T[][] = [];
  const oversized: OversizedItem<T>[] = [];
  let current: T[] = [];
  let bytes = overhead;
  items.forEach((item, index) => {
    const size = limits.maxBytes === undefined ? 0 : sizeOf(item);
    if (overhead + size > maxBytes) {
      oversized.push({ item, index, bytes: overhead + size });
      return;
    }
    const added = current.length === 0 ? size : separator + size;
    if (current.length > 0 && (current.length >= limits.maxCount || bytes + added > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = overhead;
    }
    bytes += current.length === 0 ? size : separator + size;
    current.push(item);
  });
  if (current.length > 0) chunks.push(current);
  return { chunks, oversized };
}
