/**
 * Row positions by id. The local CRM's own ids are a prefix and a 12-digit counter
 * (`500000000000042`), so those are kept in an array indexed by the counter (no string hashing, a
 * few bytes per row); any other id (a hand-written or seeded file may use anything) in a `Map`.
 */

/** Digits of the counter in an id the local CRM makes (see `makeId`). */
export const ID_DIGITS = 12;
/** Counters this far beyond the array's end go to the `Map` instead (no huge holey arrays). */
const MAX_GAP = 1 << 20;

/** The counter of an id of the form `<prefix><12 digits>`, or -1 for any other id. */
export function canonicalCounter(id: string, prefix: string): number {
  if (id.length !== prefix.length + ID_DIGITS || !id.startsWith(prefix)) return -1;
  let n = 0;
  for (let i = prefix.length; i < id.length; i += 1) {
    const digit = id.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/** A map from id to position, for the ids of one prefix. */
export class IdPositions {
  private readonly byCounter: number[] = [];
  private readonly others = new Map<string, number>();

  constructor(private readonly prefix: string) {}

  get(id: string): number | undefined {
    const n = canonicalCounter(id, this.prefix);
    if (n >= 0 && n < this.byCounter.length) {
      const at = this.byCounter[n] ?? -1;
      if (at >= 0) return at;
    }
    return this.others.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Records a new id's position (an id is set once: positions never move). */
  set(id: string, at: number): void {
    const n = canonicalCounter(id, this.prefix);
    if (n < 0 || n > this.byCounter.length + MAX_GAP) {
      this.others.set(id, at);
      return;
    }
    while (this.byCounter.length < n) this.byCounter.push(-1);
    this.byCounter[n] = at;
  }
}
