/**
 * Streams a snapshot document to a file descriptor as JSON, a chunk at a time, so writing a large
 * document never builds one giant string (which doubled peak memory and cost a full pretty-print).
 *
 * Layout, readable and diff-friendly: one top-level key per line; an array value puts each element
 * on its own line, a `Map` value becomes an object with one entry per line; rows are compact JSON.
 * Scalar arrays come out exactly as `JSON.stringify(value, null, 2)` would print them.
 */
import fs from 'node:fs';

/**
 * An array value that writes its own elements (e.g. copying the bytes of rows unchanged since the
 * previous file instead of serializing them again). It must write exactly `length` elements, each
 * the same bytes as `JSON.stringify` of that element would give.
 */
export abstract class SnapshotArraySource {
  /** Number of elements. */
  abstract readonly length: number;
  /** Writes every element, in order, through `out`. */
  abstract writeElements(out: SnapshotArrayWriter): void;
}

/** How a {@link SnapshotArraySource} writes its elements; offsets are bytes from the start of the file. */
export interface SnapshotArrayWriter {
  /** Appends one element's JSON; returns where the element starts. */
  json(text: string): number;
  /**
   * Appends `count` whole elements already serialized in this layout (one after the other, separated
   * by {@link SNAPSHOT_ELEMENT_SEPARATOR}); the bytes are copied. Returns where the first one starts.
   */
  raw(bytes: Uint8Array, count: number): number;
  /** Where the next byte goes: the end of the last element written. */
  readonly position: number;
}

/** What stands between two elements of an array in a snapshot file. */
export const SNAPSHOT_ELEMENT_SEPARATOR = ',\n    ';

/** A top-level value of a snapshot: arrays and maps are written row by row, anything else as compact JSON. */
export type SnapshotValue = readonly unknown[] | ReadonlyMap<string, unknown> | SnapshotArraySource | unknown;

/** Bytes gathered before one `write`. */
const CHUNK_BYTES = 1 << 20;

/** Writes every byte of `buffer` at the descriptor's position. */
export function writeAll(fd: number, buffer: Uint8Array): void {
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Encodes strings (and copies bytes) into one buffer, written to `fd` whenever it is full. */
class ChunkedWriter {
  private readonly chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;
  private flushed = 0;

  constructor(private readonly fd: number) {}

  /** Bytes written so far, pending ones included. */
  get bytes(): number {
    return this.flushed + this.used;
  }

  push(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8, so this many free bytes always hold `text`.
    if (text.length * 3 > CHUNK_BYTES - this.used) this.flush();
    if (text.length * 3 > CHUNK_BYTES) return this.writeNow(Buffer.from(text, 'utf8'));
    this.used += this.chunk.write(text, this.used, 'utf8');
  }

  /** Appends a copy of `bytes`. */
  pushBytes(bytes: Uint8Array): void {
    if (bytes.length > CHUNK_BYTES - this.used) this.flush();
    if (bytes.length > CHUNK_BYTES) return this.writeNow(bytes);
    this.chunk.set(bytes, this.used);
    this.used += bytes.length;
  }

  flush(): void {
    if (this.used === 0) return;
    writeAll(this.fd, this.chunk.subarray(0, this.used));
    this.flushed += this.used;
    this.used = 0;
  }

  private writeNow(bytes: Uint8Array): void {
    writeAll(this.fd, bytes);
    this.flushed += bytes.length;
  }
}

/** JSON of an array element: `undefined` and functions become `null`, as in `JSON.stringify([x])`. */
const elementJson = (value: unknown): string => JSON.stringify(value) ?? 'null';

function writeArray(out: ChunkedWriter, values: readonly unknown[]): void {
  if (values.length === 0) return out.push('[]');
  out.push('[\n    ');
  values.forEach((value, i) => {
    if (i > 0) out.push(',\n    ');
    out.push(elementJson(value));
  });
  out.push('\n  ]');
}

function writeMap(out: ChunkedWriter, entries: ReadonlyMap<string, unknown>): void {
  let first = true;
  for (const [key, value] of entries) {
    const json = JSON.stringify(value);
    if (json === undefined) continue; // as JSON.stringify drops undefined properties
    out.push(`${first ? '{\n' : ',\n'}    ${JSON.stringify(key)}: ${json}`);
    first = false;
  }
  out.push(first ? '{}' : '\n  }');
}

/** Writes a {@link SnapshotArraySource} in the array layout. */
function writeSource(out: ChunkedWriter, source: SnapshotArraySource): void {
  if (source.length === 0) return out.push('[]');
  let first = true;
  const separate = (): void => {
    out.push(first ? '[\n    ' : SNAPSHOT_ELEMENT_SEPARATOR);
    first = false;
  };
  source.writeElements({
    json(text) {
      separate();
      const at = out.bytes;
      out.push(text);
      return at;
    },
    raw(bytes, count) {
      if (count <= 0) return out.bytes;
      separate();
      const at = out.bytes;
      out.pushBytes(bytes);
      return at;
    },
    get position() {
      return out.bytes;
    },
  });
  out.push('\n  ]');
}

/**
 * Writes `body` as one JSON object followed by a newline to `fd` (from its current position) and
 * returns the number of bytes written. Keys whose value is `undefined` are left out.
 */
export function writeSnapshotJson(fd: number, body: Readonly<Record<string, SnapshotValue>>): number {
  const out = new ChunkedWriter(fd);
  let first = true;
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    out.push(`${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `);
    first = false;
    if (Array.isArray(value)) writeArray(out, value);
    else if (value instanceof SnapshotArraySource) writeSource(out, value);
    else if (value instanceof Map) writeMap(out, value as ReadonlyMap<string, unknown>);
    else out.push(JSON.stringify(value) ?? 'null');
  }
  out.push(first ? '{}\n' : '\n}\n');
  out.flush();
  return out.bytes;
}
