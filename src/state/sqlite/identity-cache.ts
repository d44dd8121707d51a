/**
 * A bounded copy, in memory, of identity rows as the writer's SQLite file holds them: the engine
 * reads and commits each batch's authors again, mostly unchanged, and a hit needs no statement.
 * The file stays the truth: the copy is filled only from rows read or written by this process
 * (the only writer: the lock), changed only after a commit succeeded, and lost with the process.
 */
import type { IdentityRecord, MatchMethod } from '../types.js';

/** What the copy knows of a key: its stored record, that nothing is stored, or nothing. */
export type Known = IdentityRecord | 'absent' | 'unknown';

/**
 * The rows an open writer keeps at most. A row is kept as one flat string (~250 bytes live with its
 * key, about half of a record object over the engine's concatenated strings): 60,000 rows keep the
 * bench's 1M-post run (50,000 authors, all of them held, no identity read from the file) under
 * the 150 MB goal, where 50,000 record objects took it to 156 MB.
 */
export const IDENTITY_CACHE_ROWS = 60_000;

/** The methods, by the code a packed row keeps. */
const METHODS: readonly MatchMethod[] = ['providerId', 'handle', 'email', 'created'];
/** Longest field a packed row keeps (its length is one char code of the header). */
const MAX_FIELD = 0xffff;

/**
 * A row packed into one flat string: a header of four char codes (method code, lengths of contact
 * id, handle and time), then contact id, handle, time and the confidence as `String` writes it
 * (exact for any double; `-0` written out). `undefined` when a field does not fit the header (or the
 * method is unknown): such a row is not kept. `join` builds a flat string, so the row holds none of
 * the pieces (concatenations, slices of input lines) its fields were made of.
 */
export function packIdentity(row: IdentityRecord): string | undefined {
  const method = METHODS.indexOf(row.method);
  const { contactId, handle, updatedAt, confidence } = row;
  if (method < 0 || contactId.length > MAX_FIELD || handle.length > MAX_FIELD || updatedAt.length > MAX_FIELD) return undefined;
  const header = String.fromCharCode(method, contactId.length, handle.length, updatedAt.length);
  return [header, contactId, handle, updatedAt, Object.is(confidence, -0) ? '-0' : String(confidence)].join('');
}

/**
 * `key` as one flat string of its own: an engine's key is a concatenation (`provider:id`, a tree of
 * pieces, ~50 bytes more a row); `join` of two slices builds it flat. Shorter keys are flat already.
 */
function flatCopy(key: string): string {
  return key.length < 13 ? key : [key.slice(0, 1), key.slice(1)].join('');
}

/** The record of `key` packed by {@link packIdentity}. */
export function unpackIdentity(key: string, packed: string): IdentityRecord {
  const a = 4 + packed.charCodeAt(1);
  const b = a + packed.charCodeAt(2);
  const c = b + packed.charCodeAt(3);
  return {
    key,
    contactId: packed.slice(4, a),
    handle: packed.slice(a, b),
    method: METHODS[packed.charCodeAt(0)] as MatchMethod,
    confidence: Number(packed.slice(c)),
    updatedAt: packed.slice(b, c),
  };
}

/**
 * The copy. While `complete`, every stored identity is in it (so a key not in it is not stored);
 * that holds from a load of the whole table until the first row is dropped. When full, it starts
 * over empty (a hit costs one Map look-up and changes nothing; dropping rows one at a time from the
 * front of a V8 Map, FIFO or second chance, measured 3–5× slower where the authors outnumber the
 * rows: each drop scans the holes the earlier ones left). A capacity of 0 keeps nothing (read-only
 * views: another process may write the file).
 */
export class IdentityCache {
  /** Packed rows ({@link packIdentity}) by key. */
  private readonly rows = new Map<string, string>();
  private complete = false;

  constructor(readonly capacity: number) {}

  /** Whether the copy holds every stored row. */
  get isComplete(): boolean {
    return this.complete;
  }

  /** Number of rows held. */
  get size(): number {
    return this.rows.size;
  }

  /**
   * Starts over from the table, given as at most `capacity + 1` of its rows (more than `capacity`:
   * the table is bigger); `whole`: these are all its rows but those beyond `capacity + 1`.
   */
  load(rows: readonly IdentityRecord[], whole = true): void {
    this.rows.clear();
    this.complete = whole && this.capacity > 0;
    for (const row of rows) this.remember(row);
  }

  /** What is known of `key`. */
  lookup(key: string): Known {
    const row = this.rows.get(key);
    if (row === undefined) return this.complete ? 'absent' : 'unknown';
    return unpackIdentity(key, row);
  }

  /** `row` is what the file holds for its key now. */
  remember(row: IdentityRecord): void {
    if (this.capacity === 0) return;
    const packed = packIdentity(row);
    if (packed === undefined) {
      this.forget(row.key); // not kept: unknown from now on
      return;
    }
    if (this.rows.has(row.key)) {
      this.rows.set(row.key, packed); // the map keeps the key it holds
      return;
    }
    if (this.rows.size >= this.capacity) {
      this.rows.clear();
      this.complete = false; // rows of the file are no longer in the copy
    }
    this.rows.set(flatCopy(row.key), packed);
  }

  /** The file may hold anything for `key` now. */
  forget(key: string): void {
    this.rows.delete(key);
    this.complete = false;
  }

  /** The file may hold anything at all (e.g. after a failed commit). */
  clear(): void {
    this.rows.clear();
    this.complete = false;
  }
}
