/**
 * Every string the adapter puts into SOQL goes through {@link soqlString} (or {@link soqlLike}).
 * Salesforce's "Quoted String Escape Sequences" page lists `\n \r \t \b \f \" \' \\`, and `\_` /
 * `\%` in LIKE only; "if you use a backslash character in any other context, an error occurs".
 * Current versions of that page add `\uXXXX`, older ones (and stricter parsers) do not: this
 * escaper never emits it. Non-ASCII characters go raw (the query string is UTF-8, URL-encoded).
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** The replacement character, for what no SOQL literal can carry. */
const REPLACEMENT = '\uFFFD';

/**
 * Replaces lone UTF-16 surrogates with U+FFFD: they cannot be sent as UTF-8 (encodeURIComponent
 * throws URIError on them) and no record can hold one, so the replaced value still matches nothing wrongly.
 */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, REPLACEMENT);
}

/**
 * The body of a SOQL string literal: lone surrogates to U+FFFD, then backslash first, then quotes
 * and `\n \r \t \b \f`. Other C0 control characters and DEL have no documented escape (only
 * `\uXXXX`, which we never send): they become U+FFFD too, deterministically. The query builder
 * leaves values holding them out of its queries altogether, so this is a last line of defence.
 */
export function escapeSoql(value: string): string {
  return wellFormed(value)
    .replace(/\\/g, '\\\\')
    .replace(/['"\n\r\t\b\f]/g, (c) => SIMPLE_ESCAPES[c] ?? c)
    .replace(/[\u0000-\u001f\u007f]/g, REPLACEMENT);
}

/** A quoted SOQL string literal: `'O\'Brien\\'`. */
export function soqlString(value: string): string {
  return `'${escapeSoql(value)}'`;
}

/** A quoted LIKE pattern matching `value` literally (`_` and `%` escaped too). */
export function soqlLike(value: string): string {
  return `'${escapeSoql(value).replace(/[_%]/g, (c) => `\\${c}`)}'`;
}

/** A Salesforce record id: 15 or 18 letters and digits. Anything else would fail the whole query. */
export function isSalesforceId(value: string): boolean {
  return /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(value);
}

/** `Field IN ('a','b')`. */
export function inList(field: string, values: readonly string[]): string {
  return `${field} IN (${values.map(soqlString).join(',')})`;
}
