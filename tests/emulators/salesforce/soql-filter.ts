import { RestError } from './errors.js';
import type { Org } from './org.js';
import { isSalesforceId, toId18 } from './record-ids.js';
import type { FieldDef } from './schema.js';
import type { Literal } from './soql-ast.js';
import { literalValue } from './soql-lexer.js';

const STRINGISH = new Set(['string', 'textarea', 'email', 'url', 'phone', 'picklist']);

function filterError(field: FieldDef, message: string): RestError {
  return new RestError(400, 'INVALID_QUERY_FILTER_OPERATOR', `value of filter criterion for field '${field.name}' ${message}`);
}

function dateLiteralValue(text: string, now: Date): number {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const dayMs = 86_400_000;
  if (text === 'TODAY') return day;
  if (text === 'YESTERDAY') return day - dayMs;
  if (text === 'TOMORROW') return day + dayMs;
  const n = Number(text.split(':')[1] ?? '0');
  return text.startsWith('LAST_N_DAYS') ? day - n * dayMs : day + n * dayMs;
}

/** A comparable form of a literal for a field, with Salesforce's type checks on filter values. */
export function literalFor(org: Org, field: FieldDef, literal: Literal): unknown {
  if (literal.kind === 'null') return null;
  if (field.type === 'boolean') {
    if (literal.kind !== 'boolean') throw filterError(field, 'must be of type boolean and should not be enclosed in quotes');
    return literal.value;
  }
  if (field.type === 'id' || field.type === 'reference') {
    if (literal.kind !== 'string') throw filterError(field, 'must be of type id and should be enclosed in quotes');
    const value = literalValue(literal.raw);
    if (!isSalesforceId(value)) throw new RestError(400, 'INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value}`);
    return toId18(value);
  }
  if (STRINGISH.has(field.type)) {
    if (literal.kind !== 'string') throw filterError(field, 'must be of type string and should be enclosed in quotes');
    return literalValue(literal.raw);
  }
  if (field.type === 'int' || field.type === 'double') {
    if (literal.kind !== 'number') throw filterError(field, `must be of type ${field.type} and should not be enclosed in quotes`);
    return literal.value;
  }
  if (field.type === 'datetime' || field.type === 'date') {
    if (literal.kind === 'datetime') return Date.parse(literal.text);
    if (literal.kind === 'dateLiteral') return dateLiteralValue(literal.text, org.now());
    throw filterError(field, `must be of type ${field.type} and should not be enclosed in quotes`);
  }
  throw filterError(field, 'has a type this emulator cannot compare');
}

/** Normalises a stored value for comparison (strings case-insensitive, as SOQL compares them). */
export function comparable(field: FieldDef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if ((field.type === 'datetime' || field.type === 'date') && typeof value === 'string') return Date.parse(value);
  if (typeof value === 'string' && field.type !== 'id' && field.type !== 'reference') return value.toLowerCase();
  return value;
}

/** Lower-cases a literal the same way `comparable` does a stored value. */
export function comparableLiteral(field: FieldDef, value: unknown): unknown {
  if (typeof value === 'string' && field.type !== 'id' && field.type !== 'reference') return value.toLowerCase();
  return value;
}
