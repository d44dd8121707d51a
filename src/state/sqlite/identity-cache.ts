/**
 * A bounded copy, in memory, of identity rows as the writer's SQLite file holds them: the engine
 * reads and commits each batch's authors again, mostly unchanged, and a hit needs no statement.
 * The file stays the truth: the copy is filled only from rows read or written by this process
 * (the only writer: the lock), changed only after a commit succeeded, and lost with the process.
 */
import type { IdentityRecord } from '../types.js';

/** What the copy knows of a key: its stored record, that nothing is stored, or nothing. */
export type Known = IdentityRecord | 'absent' | 'unknown';

/**
 * The rows an open writer keeps at most. A row costs ~250 bytes live but up to ~800 bytes of peak
 * RSS where links change every batch (replaced rows wait for the old-generation GC): 50,000 rows
 * took a 1M-post run from ~120 to 161 MB; 20,000 keep it under the 150 MB goal.
 */
export const IDENTITY_CACHE_ROWS = 20_000;

/**
 * The copy. While `complete`, every stored identity is in it (so a key not in it is not stored);
 * that holds from a load of the whole table until the first row is dropped. When full, it starts
 * over empty (a hit costs one Map look-up and changes nothing; dropping rows one at a time from the
 * front of a V8 Map, FIFO or second chance, measured 3–5× slower where the authors outnumber the
 * rows: each drop scans the holes the earlier ones left). A capacity of 0 keeps nothing (read-only
 * views: another process may write the file).
 */
export class IdentityCache {
  private readonly rows = new Map<string, IdentityRecord>();
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
    return row;
  }

  /** `row` is what the file holds for its key now. */
  remember(row: IdentityRecord): void {
    if (this.capacity === 0) return;
    if (!this.rows.has(row.key) && this.rows.size >= this.capacity) {
      this.rows.clear();
      this.complete = false; // rows of the file are no longer in the copy
    }
    this.rows.set(row.key, row);
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
