/**
 * X ids are snowflakes: the top bits are milliseconds since X's epoch, so an id is also a time. The
 * source builds its overlap window from ids (recent search refuses `start_time` with `since_id`).
 */

/** Milliseconds of X's snowflake epoch (2010-11-04T01:42:54.657Z). */
const EPOCH_MS = 1_288_834_974_657n;
const TIME_SHIFT = 22n;

/** Compares two numeric id strings as numbers (ids can exceed 2^53). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The larger of two ids; `undefined` counts as smallest. */
export function maxId(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return compareIds(a, b) >= 0 ? a : b;
}

/** The time an id was made (ms since 1970); 0-based ids before the epoch give the epoch. */
export function idTimeMs(id: string): number {
  return Number((BigInt(id) >> TIME_SHIFT) + EPOCH_MS);
}

/**
 * The `since_id` that re-reads the last `seconds` before `id`: the smallest id of the millisecond
 * `seconds` earlier, minus one (since_id is exclusive). Never below `0`; `seconds = 0` gives `id`.
 */
export function idSecondsBefore(id: string, seconds: number): string {
  if (seconds <= 0) return id;
  const ms = (BigInt(id) >> TIME_SHIFT) - BigInt(Math.round(seconds * 1000));
  if (ms <= 0n) return '0';
  return ((ms << TIME_SHIFT) - 1n).toString();
}

/** The next id (`until_id` is exclusive: `until_id = next(newest)` includes `newest`). */
export function nextId(id: string): string {
  return (BigInt(id) + 1n).toString();
}
