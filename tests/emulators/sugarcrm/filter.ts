/**
 * Sugar's filter expressions, as the emulator evaluates them: a list of definitions AND-ed; in a
 * definition, `$and` / `$or` take lists of definitions, a field takes a value (= `$equals`) or one
 * operator. Inside `$or`, every field of one definition is OR-ed. Strings compare case-insensitively
 * (MySQL's default collation). An unknown field or operator is a 422 `invalid_parameter`.
 *
 * A filter is compiled once per request; equality tests inside an `$or` are looked up in hash sets
 * (as a database would use its indexes), so large batched look-ups stay fast.
 */
import type { FieldDef } from './vardefs.js';
import { SugarFault } from './errors.js';

type Row = Readonly<Record<string, unknown>>;
type Matcher = (row: Row) => boolean;
type Defs = Record<string, FieldDef>;

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

function defOf(field: string, defs: Defs): FieldDef {
  const def = defs[field];
  if (def === undefined || def.type === 'link') throw new SugarFault(422, 'invalid_parameter', `Unknown field: ${field}`);
  return def;
}

/** `{ op: arg }` of a field condition (a bare value is `$equals`). */
function operatorOf(field: string, condition: unknown): [string, unknown] {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return ['$equals', condition];
  const entries = Object.entries(condition);
  if (entries.length !== 1) throw new SugarFault(422, 'invalid_parameter', `Field ${field} needs exactly one operator`);
  return entries[0] as [string, unknown];
}

function compileField(field: string, condition: unknown, defs: Defs): Matcher {
  const def = defOf(field, defs);
  const [op, arg] = operatorOf(field, condition);
  const have = (row: Row): string[] => valuesOf(row, field, def);
  switch (op) {
    case '$equals': {
      const want = norm(arg);
      return (row) => have(row).includes(want);
    }
    case '$not_equals': {
      const want = norm(arg);
      return (row) => !have(row).includes(want);
    }
    case '$in': {
      const set = new Set(list(arg, op).map(norm));
      return (row) => have(row).some((h) => set.has(h));
    }
    case '$not_in': {
      const set = new Set(list(arg, op).map(norm));
      return (row) => !have(row).some((h) => set.has(h));
    }
    case '$starts': {
      const want = norm(arg);
      return (row) => have(row).some((h) => h.startsWith(want));
    }
    case '$is_null':
      return (row) => have(row).every((h) => h === '');
    case '$not_null':
      return (row) => have(row).some((h) => h !== '');
    default:
      throw new SugarFault(422, 'invalid_parameter', `Did not recognize the operator: ${op}`);
  }
}

/** Fields and values of a definition that only tests plain fields for equality (`{a: x}` or `{$and: [{a: x}, {b: y}]}`). */
function equalityTuple(definition: unknown, defs: Defs): { fields: string[]; values: string[] } | undefined {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return undefined;
  const keys = Object.keys(definition);
  const parts: unknown[] = keys.length === 1 && keys[0] === '$and' ? list((definition as Record<string, unknown>)['$and'], '$and') : keys.length === 1 ? [definition] : [];
  const fields: string[] = [];
  const values: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'object' || part === null || Array.isArray(part) || Object.keys(part).length !== 1) return undefined;
    const [field, condition] = Object.entries(part)[0] as [string, unknown];
    if (field.startsWith('$')) return undefined;
    const def = defOf(field, defs);
    const [op, arg] = operatorOf(field, condition);
    if (op !== '$equals' || def.type === 'email') return undefined;
    fields.push(field);
    values.push(norm(arg));
  }
  return fields.length === 0 ? undefined : { fields, values };
}

function compileOr(definitions: unknown[], defs: Defs): Matcher {
  const groups = new Map<string, { fields: string[]; tuples: Set<string> }>();
  const others: Matcher[] = [];
  for (const d of definitions) {
    const tuple = equalityTuple(d, defs);
    if (tuple === undefined) {
      others.push(compileDefinition(d, defs, 'or'));
      continue;
    }
    const key = tuple.fields.join('\u0000');
    const group = groups.get(key) ?? { fields: tuple.fields, tuples: new Set<string>() };
    group.tuples.add(tuple.values.join('\u0000'));
    groups.set(key, group);
  }
  const grouped = [...groups.values()];
  return (row) =>
    grouped.some((g) => {
      const values = g.fields.map((f) => (row[f] === undefined || row[f] === null ? undefined : norm(row[f])));
      return !values.includes(undefined) && g.tuples.has(values.join('\u0000'));
    }) || others.some((m) => m(row));
}

/** A definition's matcher; `mode` says how the definition's own keys combine. */
function compileDefinition(definition: unknown, defs: Defs, mode: 'and' | 'or'): Matcher {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new SugarFault(422, 'invalid_parameter', 'A filter definition must be an object');
  }
  const parts = Object.entries(definition).map(([key, value]): Matcher => {
    if (key === '$and') {
      const all = list(value, key).map((d) => compileDefinition(d, defs, 'and'));
      return (row) => all.every((m) => m(row));
    }
    if (key === '$or') return compileOr(list(value, key), defs);
    if (key.startsWith('$')) throw new SugarFault(422, 'invalid_parameter', `Did not recognize the operator: ${key}`);
    return compileField(key, value, defs);
  });
  return mode === 'and' ? (row) => parts.every((m) => m(row)) : (row) => parts.some((m) => m(row));
}

/** Compiles a whole filter (a list of definitions, AND-ed); throws Sugar's 422 for a bad one. */
export function compileFilter(filter: unknown, defs: Defs): Matcher {
  const all = list(filter ?? [], 'filter').map((d) => compileDefinition(d, defs, 'and'));
  return (row) => all.every((m) => m(row));
}

/** True when `row` satisfies the whole filter. */
export function filterMatches(row: Row, filter: unknown, defs: Defs): boolean {
  return compileFilter(filter, defs)(row);
}
