/**
 * A small RFC 4180 CSV reader for the benchmark data sets.
 *
 * - Fields are separated by `,`; a field that starts with `"` is quoted and runs to the next lone `"`;
 *   inside it `""` is one `"`, and commas, `\n` and `\r` are plain characters.
 * - Outside quotes only `\n` or `\r\n` ends a record. A bare `\r` (not followed by `\n`) is kept as a
 *   character of its field: real exports carry such stray carriage returns inside unquoted text.
 * - A `"` in the middle of an unquoted field, or after a closing quote, is kept as a character
 *   (lenient, as most exporters expect).
 * - A leading byte-order mark is dropped; a final line break does not make an empty record; a fully
 *   empty line is skipped.
 */

/** Raised when the input ends inside a quoted field. */
export class CsvSyntaxError extends Error {
  /** 1-based number of the record that was open when the input ended. */
  readonly record: number;
  constructor(message: string, record: number) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.record = record;
  }
}

const QUOTE = 34; // "
const COMMA = 44; // ,
const LF = 10; // \n
const CR = 13; // \r

/**
 * Yields the records of a CSV text one at a time (each an array of field strings, header included).
 * Throws {@link CsvSyntaxError} when a quoted field is never closed.
 */
export function* csvRecords(text: string): Generator<string[]> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = src.length;
  let i = 0;
  let recordNo = 0;
  while (i < n) {
    const first = src.charCodeAt(i);
    if (first === LF || (first === CR && src.charCodeAt(i + 1) === LF)) {
      i += first === LF ? 1 : 2; // a fully empty line
      continue;
    }
    recordNo += 1;
    const fields: string[] = [];
    let field = '';
    let ended = false;
    // One record: fields until an unquoted line break or the end of input.
    while (!ended) {
      if (src.charCodeAt(i) === QUOTE) {
        i += 1;
        let start = i;
        for (;;) {
          const q = src.indexOf('"', i);
          if (q === -1) throw new CsvSyntaxError(`Unterminated quoted field in record ${recordNo}`, recordNo);
          if (src.charCodeAt(q + 1) === QUOTE) {
            field += src.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          field += src.slice(start, q);
          i = q + 1;
          break;
        }
      }
      // Unquoted run (or the rest after a closing quote) up to a comma or a record end.
      const start = i;
      while (i < n) {
        const c = src.charCodeAt(i);
        if (c === COMMA || c === LF || (c === CR && src.charCodeAt(i + 1) === LF)) break;
        i += 1;
      }
      field += src.slice(start, i);
      fields.push(field);
      field = '';
      if (i >= n) {
        ended = true;
      } else {
        const c = src.charCodeAt(i);
        if (c === COMMA) {
          i += 1;
          // A comma at the very end of the input still opens one more (empty) field.
          if (i >= n) {
            fields.push('');
            ended = true;
          }
        } else {
          i += c === CR ? 2 : 1;
          ended = true;
        }
      }
    }
    yield fields;
  }
}

/** Parses a whole CSV text into records (header included). See {@link csvRecords} for the rules. */
export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}
