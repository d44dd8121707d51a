/**
 * Where each row's JSON already sits on disk, so rewriting the local CRM file copies those bytes
 * instead of serializing every row again (rewriting a large file used to re-`JSON.stringify` all of it).
 *
 * A row committed through the journal is in the journal line of its commit (the adapter builds that
 * line from each row's `JSON.stringify`, the very bytes the file holds for it); a row written by a
 * rewrite is in the file. A rewrite takes each row from where it sits: runs of rows unchanged since
 * the last rewrite are copied from the old file in one piece, rows committed since from the journal,
 * and rows with no known place (loaded at open, replayed from the journal, or any row whose bytes
 * fail a check) are serialized. The result is byte for byte what serializing every row gives.
 *
 * Checks before any byte is copied: the file must be the one this process renamed into place (inode,
 * size, mtime), the journal the one open at start (inode), and each copied row must start with its
 * own id and end with `}`; anything else is serialized instead.
 */
import fs from 'node:fs';
import { SNAPSHOT_ELEMENT_SEPARATOR, SnapshotArraySource, type SnapshotArrayWriter } from '../../files/snapshot-json.js';
import type { LocalCrmDocument } from './schema.js';

/** The three row kinds, in the order of a change set. */
export type RowKind = keyof LocalCrmDocument;

const NOWHERE = 0;
const IN_FILE = 1;
const IN_JOURNAL = 2;
const SEPARATOR_BYTES = SNAPSHOT_ELEMENT_SEPARATOR.length;
/** Bytes read from a file at a time while copying rows. */
const WINDOW_BYTES = 1 << 20;

/** Where the rows of one kind sit, by their position in the document's array. */
class KindPlaces {
  readonly where: number[] = [];
  readonly offset: number[] = [];
  readonly bytes: number[] = [];

  set(at: number, where: number, offset: number, bytes: number): void {
    // Positions only ever grow by one (rows are appended) or are replaced, so the arrays stay packed.
    for (let i = this.where.length; i < at; i += 1) this.set(i, NOWHERE, 0, 0);
    this.where[at] = where;
    this.offset[at] = offset;
    this.bytes[at] = bytes;
  }

  whereOf(at: number): number {
    return this.where[at] ?? NOWHERE;
  }
}

/** A file read through a window of {@link WINDOW_BYTES}: near reads cost no system call. */
class FileWindow {
  private fd: number | undefined;
  private start = 0;
  private end = 0;

  /** `buffer`: the window's memory (may be shared by windows not used at the same time). */
  constructor(
    private readonly path: string,
    private buffer: Buffer,
  ) {}

  /** The bytes `[offset, offset + length)`, valid until the next read; `undefined` if the file is shorter or unreadable. */
  read(offset: number, length: number): Buffer | undefined {
    if (offset < this.start || offset + length > this.end) {
      try {
        this.fd ??= fs.openSync(this.path, 'r');
        if (this.buffer.length < Math.max(WINDOW_BYTES, length)) this.buffer = Buffer.allocUnsafe(Math.max(WINDOW_BYTES, length));
        const got = fs.readSync(this.fd, this.buffer, 0, this.buffer.length, offset);
        this.start = offset;
        this.end = offset + got;
      } catch {
        return undefined;
      }
      if (offset + length > this.end) return undefined;
    }
    return this.buffer.subarray(offset - this.start, offset - this.start + length);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.start = 0;
    this.end = 0;
  }
}

const ROW_START = Buffer.from('{"id":"', 'latin1');

/**
 * True when `bytes` (at `from`, `length` long) look like the JSON of the row with this id: they
 * start with `{"id":"<id>",` and end with `}`. An id that is not plain printable ASCII never matches
 * (such a row is serialized instead).
 */
function holdsRow(bytes: Buffer, from: number, length: number, id: string): boolean {
  const head = ROW_START.length;
  if (length < head + id.length + 3 || bytes[from + length - 1] !== 0x7d) return false;
  for (let i = 0; i < head; i += 1) if (bytes[from + i] !== ROW_START[i]) return false;
  for (let i = 0; i < id.length; i += 1) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c || bytes[from + head + i] !== code) return false;
  }
  return bytes[from + head + id.length] === 0x22 && bytes[from + head + id.length + 1] === 0x2c;
}

/** A file's identity, to tell "the file this process wrote" from anything put there since. */
interface FileIdentity {
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
}

function identityOf(path: string): FileIdentity | undefined {
  try {
    const { ino, size, mtimeMs } = fs.statSync(path);
    return { ino, size, mtimeMs };
  } catch {
    return undefined;
  }
}

const sameIdentity = (a: FileIdentity | undefined, b: FileIdentity | undefined): boolean =>
  a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** A change set serialized row by row: its JSON as UTF-8 (the bytes of `JSON.stringify(change)`) and each row's place in it. */
export interface SerializedChange {
  readonly json: Uint8Array;
  /** Per kind, per row: where its JSON starts in {@link SerializedChange.json}, and its length, in bytes. */
  readonly offsets: Readonly<Record<RowKind, readonly number[]>>;
  readonly bytes: Readonly<Record<RowKind, readonly number[]>>;
}

const CHANGE_KINDS = ['contacts', 'cases', 'comments'] as const satisfies readonly RowKind[];

/** A growing buffer that UTF-8 text is encoded into (kept and reused: one per open CRM). */
export class ByteSink {
  buffer = Buffer.allocUnsafe(1 << 16);
  used = 0;

  /** Empties it for the next change (the bytes handed out before are overwritten). */
  reset(): this {
    this.used = 0;
    return this;
  }

  /** Appends `text`; returns its length in bytes. */
  write(text: string): number {
    const room = text.length * 3; // a UTF-16 code unit is at most 3 bytes of UTF-8
    if (this.used + room > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + room));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    const bytes = this.buffer.write(text, this.used, 'utf8');
    this.used += bytes;
    return bytes;
  }
}

/**
 * Serializes a change set to the bytes of `JSON.stringify(change)` (keys `contacts`, `cases`,
 * `comments`, in that order, and nothing else), one row at a time so each row's place is known.
 * The bytes live in `out` until its next use.
 */
export function serializeChange(change: Readonly<Record<RowKind, readonly object[]>>, out = new ByteSink()): SerializedChange {
  out.reset();
  const offsets = { contacts: [] as number[], cases: [] as number[], comments: [] as number[] };
  const bytes = { contacts: [] as number[], cases: [] as number[], comments: [] as number[] };
  for (const [k, kind] of CHANGE_KINDS.entries()) {
    out.write(`${k === 0 ? '{' : ','}"${kind}":[`);
    for (const [i, row] of change[kind].entries()) {
      if (i > 0) out.write(',');
      offsets[kind].push(out.used);
      bytes[kind].push(out.write(JSON.stringify(row)));
    }
    out.write(']');
  }
  out.write('}');
  return { json: out.buffer.subarray(0, out.used), offsets, bytes };
}

/** The rows' places for one open local CRM file (see the module comment). */
export class RowPlaces {
  private readonly places: Record<RowKind, KindPlaces> = { cases: new KindPlaces(), contacts: new KindPlaces(), comments: new KindPlaces() };
  /** Places in the file being written, taken over once it is renamed into place. */
  private next: Record<RowKind, KindPlaces> | undefined;
  private fileIdentity: FileIdentity | undefined;
  private readonly journalIno: number | undefined;
  private readonly journalPath: string;
  /** The read windows' memory, kept from one rewrite to the next. */
  private windows: { readonly file: Buffer; readonly journal: Buffer } | undefined;

  constructor(
    private readonly path: string,
    journalPath: string,
  ) {
    this.journalPath = journalPath;
    this.journalIno = identityOf(journalPath)?.ino;
  }

  /** A row now sits at `offset` (bytes) in the journal, or (`offset` undefined) nowhere known. */
  placeInJournal(kind: RowKind, at: number, offset: number | undefined, bytes: number): void {
    if (offset === undefined) this.places[kind].set(at, NOWHERE, 0, 0);
    else this.places[kind].set(at, IN_JOURNAL, offset, bytes);
  }

  /** The array of `kind` for the next rewrite: copies what it can, serializes the rest. */
  source(kind: RowKind, doc: LocalCrmDocument): SnapshotArraySource {
    if (this.next === undefined) this.next = { cases: new KindPlaces(), contacts: new KindPlaces(), comments: new KindPlaces() };
    this.windows ??= { file: Buffer.allocUnsafe(WINDOW_BYTES), journal: Buffer.allocUnsafe(WINDOW_BYTES) };
    const { windows } = this;
    const file = sameIdentity(identityOf(this.path), this.fileIdentity) ? new FileWindow(this.path, windows.file) : undefined;
    const journalOk = this.journalIno !== undefined && identityOf(this.journalPath)?.ino === this.journalIno;
    return new RowSource(doc[kind], this.places[kind], this.next[kind], { file, journal: journalOk ? new FileWindow(this.journalPath, windows.journal) : undefined });
  }

  /** The file just written is in place: its rows' places are now the file's (the journal is emptied next). */
  saved(): void {
    const next = this.next;
    this.next = undefined;
    this.fileIdentity = identityOf(this.path);
    if (next === undefined || this.fileIdentity === undefined) {
      for (const kind of CHANGE_KINDS) this.places[kind] = new KindPlaces();
      return;
    }
    for (const kind of CHANGE_KINDS) this.places[kind] = next[kind];
  }
}

/** One array of a rewrite (see {@link RowPlaces.source}). */
class RowSource extends SnapshotArraySource {
  constructor(
    private readonly rows: readonly { readonly id: string }[],
    private readonly places: KindPlaces,
    private readonly next: KindPlaces,
    private readonly readable: { readonly file: FileWindow | undefined; readonly journal: FileWindow | undefined },
  ) {
    super();
  }

  get length(): number {
    return this.rows.length;
  }

  writeElements(out: SnapshotArrayWriter): void {
    const { file, journal } = this.readable;
    try {
      let i = 0;
      while (i < this.rows.length) {
        const where = this.places.whereOf(i);
        if (where === IN_FILE && file) i = this.copyRun(out, file, i);
        else if (where === IN_JOURNAL && journal) i = this.copyOne(out, journal, i);
        else i = this.serialize(out, i);
      }
    } finally {
      file?.close();
      journal?.close();
    }
  }

  private serialize(out: SnapshotArrayWriter, i: number): number {
    const at = out.json(JSON.stringify(this.rows[i]));
    this.next.set(i, IN_FILE, at, out.position - at);
    return i + 1;
  }

  private copyOne(out: SnapshotArrayWriter, journal: FileWindow, i: number): number {
    const offset = this.places.offset[i] ?? 0;
    const bytes = this.places.bytes[i] ?? 0;
    const row = this.rows[i];
    const buffer = journal.read(offset, bytes);
    if (!buffer || !row || !holdsRow(buffer, 0, bytes, row.id)) return this.serialize(out, i);
    this.next.set(i, IN_FILE, out.raw(buffer, 1), bytes);
    return i + 1;
  }

  /** Copies the longest run of rows from `i` that lie one after the other in the old file (at most one window). */
  private copyRun(out: SnapshotArrayWriter, file: FileWindow, i: number): number {
    const start = this.places.offset[i] ?? 0;
    let end = start + (this.places.bytes[i] ?? 0);
    let j = i + 1;
    while (
      j < this.rows.length &&
      this.places.whereOf(j) === IN_FILE &&
      this.places.offset[j] === end + SEPARATOR_BYTES &&
      end + SEPARATOR_BYTES + (this.places.bytes[j] ?? 0) - start <= WINDOW_BYTES
    ) {
      end += SEPARATOR_BYTES + (this.places.bytes[j] ?? 0);
      j += 1;
    }
    const buffer = file.read(start, end - start);
    if (!buffer) return this.serialize(out, i);
    for (let k = i; k < j; k += 1) {
      const row = this.rows[k];
      const from = (this.places.offset[k] ?? 0) - start;
      if (!row || !holdsRow(buffer, from, this.places.bytes[k] ?? 0, row.id)) {
        // Not the bytes expected: copy the good rows before it, serialize this one, go on from there.
        return k === i ? this.serialize(out, i) : this.copyChecked(out, buffer, start, i, k);
      }
    }
    return this.copyChecked(out, buffer, start, i, j);
  }

  /** Copies rows `[i, j)` (checked, in `buffer` read from `start`) and records their new places. */
  private copyChecked(out: SnapshotArrayWriter, buffer: Buffer, start: number, i: number, j: number): number {
    const last = j - 1;
    const lastEnd = (this.places.offset[last] ?? 0) + (this.places.bytes[last] ?? 0) - start;
    const at = out.raw(buffer.subarray(0, lastEnd), j - i);
    for (let k = i; k < j; k += 1) {
      this.next.set(k, IN_FILE, at + (this.places.offset[k] ?? 0) - start, this.places.bytes[k] ?? 0);
    }
    return j;
  }
}
