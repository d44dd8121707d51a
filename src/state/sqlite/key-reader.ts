/** Rows read by key in IN-lists of a few fixed sizes, each prepared once (cheaper than a json_each join). */
import type Database from 'better-sqlite3';

/** Keys of one large IN-list. */
const LARGE = 100;
/** Keys of one small IN-list (the rest of a request, padded). */
const SMALL = 20;

/**
 * A reader of the rows of `table` whose `keyColumn` is among the given keys, as arrays of `columns`
 * (in no particular order; each stored row once per IN-list that names it). The last list is padded
 * with repeats of a key, which an IN-list counts once.
 */
export function keyReader<Row extends readonly unknown[]>(db: Database.Database, table: string, columns: string, keyColumn: string): (keys: readonly string[], each: (row: Row) => void) => void {
  const list = (n: number): Database.Statement<[string[]], Row> =>
    db.prepare<[string[]], Row>(`SELECT ${columns} FROM ${table} WHERE ${keyColumn} IN (${Array.from({ length: n }, () => '?').join(', ')})`).raw(true) as unknown as Database.Statement<[string[]], Row>;
  const large = list(LARGE);
  const small = list(SMALL);
  return (keys, each) => {
    for (let i = 0; i < keys.length; ) {
      const left = keys.length - i;
      const size = left > SMALL ? LARGE : SMALL;
      const chunk = keys.slice(i, i + size) as string[];
      while (chunk.length < size) chunk.push(chunk[chunk.length - 1] as string);
      for (const row of (size === LARGE ? large : small).all(chunk)) each(row);
      i += size;
    }
  };
}
