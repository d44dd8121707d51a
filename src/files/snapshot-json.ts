/**
 * Streams a snapshot document to a file descriptor as JSON, a chunk at a time, so writing a large
 * document never builds one giant string (which doubled peak memory and cost a full pretty-print).
 *
 * Layout, readable and diff-friendly: one top-level key per line; an array value puts each element
 * on its own line, a `Map` value becomes an object with one entry per line; rows are compact JSON.
 * Scalar arrays come out exactly as `JSON.stringify(value, null, 2)` would print them.
 */
import fs from 'node:fs';

/** A top-level value of a snapshot: arrays and maps are written row by row, anything else as compact JSON. */
export type SnapshotValue = readonly unknown[] | ReadonlyMap<string, unknown> | unknown;

/** Bytes (roughly: UTF-16 code units) gathered before one `write`. */
const CHUNK_CHARS = 1 << 20;

/** Writes every byte of `buffer` at the descriptor's position. */
export function writeAll(fd: number, buffer: Buffer): void {
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset, buffer.length - offset);
}

/** Gathers strings and writes them to `fd` whenever about {@link CHUNK_CHARS} are pending. */
class ChunkedWriter {
  private parts: string[] = [];
  private pending = 0;
  /** Bytes written so far. */
  bytes = 0;

  constructor(private readonly fd: number) {}

  push(text: string): void {
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= CHUNK_CHARS) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    writeAll(this.fd, buffer);
    this.bytes += buffer.length;
    this.parts = [];
    this.pending = 0;
  }
}

/** JSON of an array element: `undefined` and functions become `null`, as in `JSON.stringify([x])`. */
const elementJson = (value: unknown): string => JSON.stringify(value) ?? 'null';

function writeArray(out: ChunkedWriter, values: readonly unknown[]): void {
  if (values.length === 0) return out.push('[]');
  out.push('[\n');
  values.forEach((value, i) => out.push(`${i === 0 ? '' : ',\n'}    ${elementJson(value)}`));
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
    else if (value instanceof Map) writeMap(out, value as ReadonlyMap<string, unknown>);
    else out.push(JSON.stringify(value) ?? 'null');
  }
  out.push(first ? '{}\n' : '\n}\n');
  out.flush();
  return out.bytes;
}
