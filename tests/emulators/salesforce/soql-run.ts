import { RestError } from './errors.js';
import type { Org } from './org.js';
import { findObject, type ObjectDef } from './schema.js';
import type { Condition, FieldPath, SelectQuery } from './soql-ast.js';
import { resolvePath, parentRecord, valueAt, type ResolvedPath } from './soql-fields.js';
import { comparable, comparableLiteral, literalFor } from './soql-filter.js';
import { candidateIds } from './soql-candidates.js';
import { compileChild } from './soql-children.js';
import { likePattern } from './soql-lexer.js';
import { parseSoql } from './soql-parser.js';
import type { SObjectRecord } from './types.js';

export interface QueryOutcome {
  totalSize: number;
  /** Records as the REST API returns them (attributes + selected fields, nested relationships). */
  records: Record<string, unknown>[];
}

type Predicate = (record: SObjectRecord) => boolean;

export function objectOf(org: Org, soql: string, query: SelectQuery): ObjectDef {
  const def = findObject(org.schema, query.object.name);
  if (!def) {
    const pos = query.object.pos;
    throw new RestError(400, 'INVALID_TYPE', `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\nsObject type '${query.object.name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  return def;
}

function filterable(soql: string, org: Org, def: ObjectDef, path: FieldPath): ResolvedPath {
  const resolved = resolvePath(org, soql, def, path);
  if (!resolved.field.filterable) {
    throw new RestError(400, 'INVALID_FIELD', `\n${soql}\n${' '.repeat(path.pos)}^\nERROR at Row:1:Column:${path.pos + 1}\nfield '${resolved.field.name}' can not be filtered in query call`);
  }
  return resolved;
}

export function compile(org: Org, soql: string, def: ObjectDef, condition: Condition, apiVersion: string): Predicate {
  switch (condition.kind) {
    case 'and': {
      const parts = condition.items.map((c) => compile(org, soql, def, c, apiVersion));
      return (r) => parts.every((p) => p(r));
    }
    case 'or': {
      const parts = condition.items.map((c) => compile(org, soql, def, c, apiVersion));
      return (r) => parts.some((p) => p(r));
    }
    case 'not': {
      const inner = compile(org, soql, def, condition.item, apiVersion);
      return (r) => !inner(r);
    }
    case 'like': {
      const resolved = filterable(soql, org, def, condition.field);
      const pattern = likePattern(condition.raw);
      return (r) => {
        const v = valueAt(org, r, resolved);
        return typeof v === 'string' && pattern.test(v);
      };
    }
    case 'in':
    case 'inQuery': {
      const resolved = filterable(soql, org, def, condition.field);
      const wanted = condition.kind === 'in'
        ? condition.values.map((v) => comparableLiteral(resolved.field, literalFor(org, resolved.field, v)))
        : semiJoinValues(org, soql, condition.query, apiVersion);
      const set = new Set(wanted);
      return (r) => {
        const v = comparable(resolved.field, valueAt(org, r, resolved));
        const hit = v !== null && set.has(v);
        return condition.negated ? !hit && v !== null : hit;
      };
    }
    case 'compare': {
      const resolved = filterable(soql, org, def, condition.field);
      const wanted = comparableLiteral(resolved.field, literalFor(org, resolved.field, condition.value));
      const op = condition.op;
      return (r) => {
        const v = comparable(resolved.field, valueAt(org, r, resolved));
        if (op === '=') return v === wanted;
        if (op === '!=') return v !== wanted;
        if (v === null || wanted === null) return false;
        const a = v as number | string;
        const b = wanted as number | string;
        return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
      };
    }
  }
}

function semiJoinValues(org: Org, soql: string, query: SelectQuery, apiVersion: string): unknown[] {
  if (query.fields === 'count' || query.fields.length !== 1) {
    throw new RestError(400, 'MALFORMED_QUERY', 'A semi-join subquery must select exactly one Id or reference field');
  }
  const def = objectOf(org, soql, query);
  const resolved = resolvePath(org, soql, def, query.fields[0] as FieldPath);
  if (resolved.field.type !== 'id' && resolved.field.type !== 'reference') {
    throw new RestError(400, 'MALFORMED_QUERY', 'A semi-join subquery must select an Id or reference field');
  }
  const where = query.where ? compile(org, soql, def, query.where, apiVersion) : () => true;
  return org.store.all(def.name).filter(where).map((r) => valueAt(org, r, resolved));
}

function attributes(type: string, id: string, apiVersion: string): Record<string, string> {
  return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${id}` };
}

export function project(org: Org, def: ObjectDef, record: SObjectRecord, paths: ResolvedPath[], apiVersion: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: attributes(def.name, record.Id, apiVersion) };
  for (const resolved of paths) {
    let holder = out;
    let ok = true;
    for (let i = 0; i < resolved.hops.length; i += 1) {
      const hop = resolved.hops[i];
      const name = resolved.names[i] as string;
      if (!hop) break;
      const parent = parentRecord(org, record, resolved.hops, i + 1);
      if (!parent) {
        if (!(name in holder)) holder[name] = null;
        ok = false;
        break;
      }
      const existing = holder[name];
      if (typeof existing === 'object' && existing !== null) holder = existing as Record<string, unknown>;
      else {
        const nested: Record<string, unknown> = { attributes: attributes(hop.target.name, parent.Id, apiVersion) };
        holder[name] = nested;
        holder = nested;
      }
    }
    if (ok) holder[resolved.field.name] = valueAt(org, record, resolved);
  }
  return out;
}

export function sortRecords(org: Org, soql: string, def: ObjectDef, query: SelectQuery, rows: SObjectRecord[]): SObjectRecord[] {
  const keys = query.orderBy.map((item) => ({ item, resolved: resolvePath(org, soql, def, item.field) }));
  return [...rows].sort((a, b) => {
    for (const { item, resolved } of keys) {
      const va = comparable(resolved.field, valueAt(org, a, resolved)) as string | number | boolean | null;
      const vb = comparable(resolved.field, valueAt(org, b, resolved)) as string | number | boolean | null;
      if (va === vb) continue;
      if (va === null) return item.nullsLast ? 1 : -1;
      if (vb === null) return item.nullsLast ? -1 : 1;
      const order = va < vb ? -1 : 1;
      return item.descending ? -order : order;
    }
    return 0;
  });
}

/** Parses, checks and runs one SOQL statement against the org. */
export function runSoql(org: Org, soql: string, apiVersion: string): QueryOutcome {
  const query = parseSoql(soql);
  const def = objectOf(org, soql, query);
  const paths = query.fields === 'count' ? [] : query.fields.map((f) => resolvePath(org, soql, def, f));
  const seen = new Set<string>();
  for (const p of paths) {
    const key = p.names.join('.').toLowerCase();
    if (seen.has(key)) throw new RestError(400, 'MALFORMED_QUERY', `duplicate field selected: ${p.names.join('.')}`);
    seen.add(key);
  }
  const where = query.where ? compile(org, soql, def, query.where, apiVersion) : () => true;
  const narrowed = query.where ? candidateIds(org, soql, def, query.where) : undefined;
  let rows = org.store.all(def.name).filter((r) => (narrowed ? narrowed.has(r.Id) : true) && where(r));
  if (query.orderBy.length > 0) rows = sortRecords(org, soql, def, query, rows);
  if (query.offset !== undefined) rows = rows.slice(query.offset);
  if (query.limit !== undefined) rows = rows.slice(0, query.limit);
  if (query.fields === 'count') return { totalSize: rows.length, records: [] };
  const children = query.children.map((child) => compileChild(org, soql, def, child, apiVersion));
  return {
    totalSize: rows.length,
    records: rows.map((r) => {
      const out = project(org, def, r, paths, apiVersion);
      for (const child of children) out[child.name] = child.run(r);
      return out;
    }),
  };
}
