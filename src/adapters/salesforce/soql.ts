/**
 * Every string the adapter puts into SOQL goes through {@link soqlString} (or {@link soqlLike}).
 * Salesforce's "Quoted String Escape Sequences": `\n \r \t \b \f \" \' \\`, `\_` and `\%` in LIKE
 * only, `\uXXXX` for a code point; a backslash in any other context is an error.
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

/**
 * Replaces lone UTF-16 surrogates with U+FFFD: they cannot be sent as UTF-8 (encodeURIComponent
 * throws on them) and no record can hold one, so the replaced value still matches nothing wrongly.
 */
export function wellFormed(value: string): string {
  return value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** The body of a SOQL string literal: backslash first, then quotes and control characters. */
export function escapeSoql(value: string): string {
  return wellFormed(value)
    .replace(/\\/g, '\\\\')
    .replace(/['"\n\r\t\b\f]/g, (c) => SIMPLE_ESCAPES[c] ?? c)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
