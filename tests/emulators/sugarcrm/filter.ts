/**
 * Sugar's filter expressions, as the emulator evaluates them: a list of definitions AND-ed; in a
 * definition, `$and` / `$or` take lists of definitions, a field takes a value (= `$equals`) or one
 * operator. Inside `$or`, every field of one definition is OR-ed. Strings compare case-insensitively
 * (MySQL's default collation). An unknown field or operator is a 422 `invalid_parameter`.
 */
import type { FieldDef } from './vardefs.js';
import { SugarFault } from './errors.js';

type Row = Readonly<Record<string, unknown>>;

const norm = (v: unknown): string => (typeof v === 'string' ? v.toLowerCase() : JSON.stringify(v ?? null));

function valuesOf(row: Row, field: string, def: FieldDef): string[] {
  const value = row[field];
  if (def.type === 'email') {
    if (!Array.isArray(value)) return [];
    return value.flatMap((e: unknown) => {
      const address = typeof e === 'object' && e !== null ? (e as { email_address?: unknown }).email_address : undefined;
      return typeof address === 'string' ? [address.toLowerCase()] : [];
    });
  }
  return value === undefined || value === null ? [] : [norm(value)];
}

function list(value: unknown, op: string): unknown[] {
  if (!Array.isArray(value)) throw new SugarFault(422, 'invalid_parameter', `${op} requires an array`);
  return value;
}

function fieldMatches(row: Row, field: string, condition: unknown, defs: Record<string, FieldDef>): boolean {
  const def = defs[field];
  if (def === undefined || def.type === 'link') throw new SugarFault(422, 'invalid_parameter', `Unknown field: ${field}`);
  const have = valuesOf(row, field, def);
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return have.includes(norm(condition));
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw new SugarFault(422, 'invalid_parameter', `Field ${field} needs exactly one operator`);
  const [op, arg] = entries[0] as [string, unknown];
  switch (op) {
    case '$equals':
      return have.includes(norm(arg));
    case '$not_equals':
      return !have.includes(norm(arg));
    case '$in':
      return list(arg, op).some((v) => have.includes(norm(v)));
    case '$not_in':
      return !list(arg, op).some((v) => have.includes(norm(v)));
    case '$starts':
      return have.some((h) => h.startsWith(norm(arg)));
    case '$is_null':
      return have.length === 0 || have.every((h) => h === '');
    case '$not_null':
      return have.some((h) => h !== '');
    default:
      throw new SugarFault(422, 'invalid_parameter', `Did not recognize the operator: ${op}`);
  }
}

/** True when `row` satisfies one definition; `mode` says how the definition's own keys combine. */
function definitionMatches(row: Row, definition: unknown, defs: Record<string, FieldDef>, mode: 'and' | 'or'): boolean {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new SugarFault(422, 'invalid_parameter', 'A filter definition must be an object');
  }
  const results = Object.entries(definition).map(([key, value]) => {
    if (key === '$and') return list(value, key).every((d) => definitionMatches(row, d, defs, 'and'));
    if (key === '$or') return list(value, key).some((d) => definitionMatches(row, d, defs, 'or'));
    if (key.startsWith('$')) throw new SugarFault(422, 'invalid_parameter', `Did not recognize the operator: ${key}`);
    return fieldMatches(row, key, value, defs);
  });
  return mode === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** True when `row` satisfies the whole filter (a list of definitions, AND-ed). */
export function filterMatches(row: Row, filter: unknown, defs: Record<string, FieldDef>): boolean {
  const definitions = list(filter ?? [], 'filter');
  return definitions.every((d) => definitionMatches(row, d, defs, 'and'));
}
