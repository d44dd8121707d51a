/**
 * Crash-safe persistence of one JSON document: a snapshot file a human can open (`path`, one row per line; see snapshot-json.ts)
 * plus an append-only journal (`path + '.journal'`, one JSON line `{ seq, change }` per commit).
 *
 * Every commit is one write (and, by default, one fsync) of one journal line, so after `kill -9` at
 * any moment a commit is either wholly there or not at all. The snapshot records the sequence number
 * of the last change it contains (`seq`); on open, journal lines at or below it are skipped, which
 * makes a crash between "snapshot renamed" and "journal truncated" harmless.
 */
import fs from 'node:fs';
import nodePath from 'node:path';
import { ConfigError, ConnectorError } from '../errors.js';
import { ensureDir } from './ensure-dir.js';
import { acquireFileLock } from './file-lock.js';
import { readJournal } from './journal-read.js';
import { writeAll, writeSnapshotJson, type SnapshotValue } from './snapshot-json.js';

/** `fsync`: every commit reaches the disk before it returns (survives power loss). `flush`: the commit
 * reaches the OS before it returns (survives a killed process, not a power cut; much faster). */
export type Durability = 'fsync' | 'flush';

/** Default journal size at which the snapshot is rewritten and the journal emptied: 8 MiB. */
export const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;
/** Default for the stores' `idleWriteMs`: a caught-up sync rewrites a file at most once a minute. */
export const DEFAULT_IDLE_WRITE_MS = 60_000;

/** How to open a {@link JournalFile}. `D` is the in-memory document, `C` one change set. */
export interface JournalFileOptions<D, C> {
  /** Snapshot path; the journal lives beside it at `path + '.journal'`. */
  readonly path: string;
  /** Builds the document from the snapshot's JSON object without its `seq` (`undefined`: no snapshot yet). Throw to reject it. */
  readonly load: (snapshot: Record<string, unknown> | undefined) => D;
  /**
   * The document as the snapshot's top-level keys (must not use `seq`). Arrays are written one
   * element per line and `Map`s as objects with one entry per line (see snapshot-json.ts), streamed
   * in chunks: return the live collections, not copies.
   */
  readonly save: (doc: D) => Readonly<Record<string, SnapshotValue>>;
  /**
   * Called once the snapshot just written by `save` is the file at `path` (renamed into place), before
   * the journal is emptied: e.g. to remember where rows sit in it. Must not throw.
   */
  readonly saved?: (doc: D) => void;
  /** Applies one change set to the document (may mutate it) and returns the document. Must not throw for a valid change. */
  readonly apply: (doc: D, change: C) => D;
  /** Validates one change read back from the journal. Throw to reject it. Default: accept as is. */
  readonly parseChange?: (value: unknown) => C;
  /** Default `fsync`. */
  readonly durability?: Durability;
  /**
   * Compact when the journal grows beyond this many bytes. Default: {@link DEFAULT_COMPACT_BYTES} or
   * the size of the last snapshot, whichever is larger, so rewriting a large document stays rare
   * (total bytes written stay linear in the changes instead of quadratic).
   */
  readonly compactBytes?: number;
  /** Read the document (snapshot + journal) and never write: no directory, no lock, no journal handle; `commit` and `compact` throw. For dry runs. */
  readonly readOnly?: boolean;
  /** The config key naming this file (e.g. `crm.path`), for the `details.field` of folder and lock errors. Default: the path. */
  readonly configKey?: string;
}

/** An open journaled document. Not safe for two processes at once. */
export interface JournalFile<D, C> {
  /** The current document. Change it only through {@link JournalFile.commit}. */
  readonly doc: D;
  /** Sequence number of the last committed change (0 = none yet). */
  readonly seq: number;
  /** Bytes currently in the journal. */
  readonly journalBytes: number;
  /**
   * Durably appends one change set, then applies it to {@link JournalFile.doc}. `changeJson` may pass
   * `JSON.stringify(change)` when the caller already has it, so it is not serialized twice; the
   * journal line is the same either way. It may also be those bytes, UTF-8 encoded (copied before
   * `commit` returns).
   */
  commit(change: C, changeJson?: string | Uint8Array): void;
  /** Rewrites the snapshot atomically and empties the journal. */
  compact(): void;
  /**
   * Housekeeping for a caller that has caught up: compacts when the journal holds anything and the
   * file was last written at least `minAgeMs` ago (so a busy poll loop does not rewrite a large file
   * every few seconds). Best effort: a failure is left for the next commit or close to retry.
   */
  compactIfStale(minAgeMs: number): void;
  /** Compacts (when the journal holds anything) and releases the file handle and lock. Further commits throw. */
  close(): void;
}

/** Modification time of a file, or `undefined` when it is not there. */
function fileMtimeMs(path: string): number | undefined {
  try {
    return fs.statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Path of the journal that belongs to a snapshot path. */
export function journalPathOf(path: string): string {
  return `${path}.journal`;
}

/**
 * Reads a snapshot file: its `seq` (0 when absent) and the rest of its object (`undefined` when the
 * file does not exist). Invalid JSON, a non-object or a bad `seq` is a {@link ConfigError} naming the file.
 */
export function readSnapshot(path: string): { seq: number; body: Record<string, unknown> | undefined } {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { seq: 0, body: undefined };
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`, { field: path }, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${path} must hold a JSON object`, { field: path });
  }
  const { seq, ...body } = value as Record<string, unknown>;
  if (seq === undefined) return { seq: 0, body };
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
    throw new ConfigError(`${path}: seq must be a non-negative integer`, { field: 'seq' });
  }
  return { seq, body };
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename itself is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A document read back from its snapshot and journal. */
interface Loaded<D> {
  readonly doc: D;
  readonly seq: number;
  readonly snapshotBytes: number;
  /** Bytes of whole journal lines. */
  readonly journalBytes: number;
  /** Bytes of a torn last line (a crash mid-append), to cut off. */
  readonly tornBytes: number;
}

/** Reads the snapshot and replays the journal lines it does not contain yet. */
function loadJournaled<D, C>(path: string, options: JournalFileOptions<D, C>): Loaded<D> {
  const journalPath = journalPathOf(path);
  const parseChange = options.parseChange ?? ((value: unknown) => value as C);
  const snapshot = readSnapshot(path);
  const snapshotBytes = snapshot.body === undefined ? 0 : fs.statSync(path).size;
  let doc = options.load(snapshot.body);
  let seq = snapshot.seq;
  const journal = readJournal(journalPath);
  for (const entry of journal.entries) {
    if (entry.seq <= seq) continue;
    let change: C;
    try {
      change = parseChange(entry.change);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`${journalPath} line ${entry.line}: invalid change: ${reason}`, { line: entry.line }, error);
    }
    doc = options.apply(doc, change);
    seq = entry.seq;
  }
  return { doc, seq, snapshotBytes, journalBytes: journal.validBytes, tornBytes: journal.totalBytes - journal.validBytes };
}

/**
 * Opens (or creates) a journaled document: reads the snapshot, replays the journal over it (a torn
 * last line from a crash mid-append is dropped and cut off; a corrupt line before the end is a
 * {@link ConfigError} naming file and line). Creates the parent directory. A writable document is
 * locked to this process until {@link JournalFile.close} (see file-lock.ts): a second process
 * opening it gets a {@link ConfigError} naming the holder.
 */
export function openJournalFile<D, C>(options: JournalFileOptions<D, C>): JournalFile<D, C> {
  const path = nodePath.resolve(options.path);
  const journalPath = journalPathOf(path);
  const tmpPath = `${path}.tmp`;
  const durability = options.durability ?? 'fsync';
  if (options.readOnly === true) {
    const loaded = loadJournaled(path, options);
    return readOnlyJournal(path, () => loaded.doc, loaded.seq, loaded.journalBytes);
  }
  const key = options.configKey ?? path;
  ensureDir(nodePath.dirname(path), { key });
  const lock = acquireFileLock(path, { key });
  let loaded: Loaded<D>;
  let fd: number;
  try {
    fs.rmSync(tmpPath, { force: true });
    loaded = loadJournaled(path, options);
    fd = fs.openSync(journalPath, 'a');
    if (loaded.tornBytes > 0) {
      fs.ftruncateSync(fd, loaded.journalBytes);
      fs.fsyncSync(fd);
    }
  } catch (error) {
    lock.release();
    throw error;
  }
  let { doc, seq, snapshotBytes, journalBytes: size } = loaded;
  const compactAbove = (): number => options.compactBytes ?? Math.max(DEFAULT_COMPACT_BYTES, snapshotBytes);
  let closed = false;
  let broken: Error | undefined;

  const assertOpen = (): void => {
    if (closed) throw new ConnectorError(`${path} is closed`);
    if (broken) throw new ConnectorError(`${journalPath} could not be written; reopen it`, { cause: broken });
  };

  /** When the file was last written (its mtime at open): the clock of {@link JournalFile.compactIfStale}. */
  let writtenAt = fileMtimeMs(path) ?? Date.now();
  const compact = (): void => {
    assertOpen();
    const body = { seq, ...options.save(doc) };
    const tmpFd = fs.openSync(tmpPath, 'w');
    try {
      snapshotBytes = writeSnapshotJson(tmpFd, body);
      fs.fsyncSync(tmpFd);
    } finally {
      fs.closeSync(tmpFd);
    }
    fs.renameSync(tmpPath, path);
    fsyncDir(nodePath.dirname(path));
    options.saved?.(doc);
    fs.ftruncateSync(fd, 0);
    fs.fsyncSync(fd);
    size = 0;
    writtenAt = Date.now();
  };

  if (!fs.existsSync(path)) {
    // A new document gets its file at once (empty, seeded, or replayed from a journal left alone), so
    // the file a user is told to open is there from the first moment.
    try {
      compact();
    } catch (error) {
      fs.closeSync(fd);
      lock.release();
      throw error;
    }
  }

  return {
    get doc() {
      return doc;
    },
    get seq() {
      return seq;
    },
    get journalBytes() {
      return size;
    },
    commit(change: C, changeJson?: string | Uint8Array): void {
      assertOpen();
      const next = seq + 1;
      const line =
        changeJson instanceof Uint8Array
          ? journalLineParts(next, changeJson)
          : [Buffer.from(journalLine(next, changeJson ?? JSON.stringify(change)), 'utf8')];
      try {
        writeAllOf(fd, line);
        if (durability === 'fsync') fs.fdatasyncSync(fd);
      } catch (error) {
        // Cut a partial line off so the next append does not glue onto it.
        try {
          fs.ftruncateSync(fd, size);
        } catch {
          broken = error as Error;
        }
        throw error;
      }
      size += line.reduce((n, part) => n + part.length, 0);
      seq = next;
      doc = options.apply(doc, change);
      if (size > compactAbove()) {
        try {
          compact();
        } catch {
          // The commit itself is durable; compaction is retried on the next commit and on close().
        }
      }
    },
    compact,
    compactIfStale(minAgeMs: number): void {
      if (closed || broken || size === 0 || Date.now() - writtenAt < minAgeMs) return;
      try {
        compact();
      } catch {
        // The commits are durable in the journal; the next commit or close() tries again, and the
        // next caught-up moment only after another minAgeMs (a full disk is not rewritten every poll).
        writtenAt = Date.now();
      }
    },
    close(): void {
      if (closed) return;
      try {
        if (!broken && size > 0) compact(); // nothing new since the file was last written: keep it
      } finally {
        closed = true;
        fs.closeSync(fd);
        lock.release();
      }
    },
  };
}

/**
 * One journal line: exactly `JSON.stringify({ seq, change }) + '\n'`, built from the change's JSON
 * (the same bytes, without serializing the change again).
 */
function journalLine(seq: number, changeJson: string): string {
  return `{"seq":${seq},"change":${changeJson}}\n`;
}

const LINE_END = Buffer.from('}\n', 'latin1');

/** {@link journalLine} from the change's JSON as UTF-8 bytes: head, the bytes (not copied), end. */
function journalLineParts(seq: number, changeJson: Uint8Array): Uint8Array[] {
  return [Buffer.from(`{"seq":${seq},"change":`, 'latin1'), changeJson, LINE_END];
}

/** Writes the parts one after the other in one `writev` (what a short write leaves, with further writes). */
function writeAllOf(fd: number, parts: readonly Uint8Array[]): void {
  if (parts.length === 1) return writeAll(fd, parts[0] as Uint8Array);
  let written = fs.writevSync(fd, parts as Uint8Array[]);
  for (const part of parts) {
    if (written >= part.length) {
      written -= part.length;
      continue;
    }
    writeAll(fd, part.subarray(written));
    written = 0;
  }
}

/** A journaled document opened with `readOnly`: the loaded document, and writes refused. */
function readOnlyJournal<D, C>(path: string, doc: () => D, seq: number, size: number): JournalFile<D, C> {
  const refuse = (): never => {
    throw new ConnectorError(`${path} is opened read-only`);
  };
  return {
    get doc() {
      return doc();
    },
    seq,
    journalBytes: size,
    commit: (_change: C, _changeJson?: string | Uint8Array) => refuse(),
    compact: () => refuse(),
    compactIfStale: () => undefined,
    close: () => undefined,
  };
}
