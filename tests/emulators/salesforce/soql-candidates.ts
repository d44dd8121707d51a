import type { Org } from './org.js';
import type { ObjectDef } from './schema.js';
import type { Condition } from './soql-ast.js';
import { resolvePath } from './soql-fields.js';
import { literalFor } from './soql-filter.js';

/** The key SOQL equality compares on: ids exactly, text case-insensitively. */
function soqlKey(isId: boolean) {
  return (value: unknown): string | undefined => {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string') return isId ? value : value.toLowerCase();
    return JSON.stringify(value);
  };
}

/**
 * Ids of the records that can match an indexable condition (`field IN (…)` / `field = …` on the
 * object's own field, or an AND / OR of them), or undefined when the whole table must be scanned.
 * Only narrows: the full predicate still decides.
 */
export function candidateIds(org: Org, soql: string, def: ObjectDef, condition: Condition): Set<string> | undefined {
  if (condition.kind === 'and') {
    for (const item of condition.items) {
      const ids = candidateIds(org, soql, def, item);
      if (ids) return ids;
    }
    return undefined;
  }
  if (condition.kind === 'or') {
    const union = new Set<string>();
    for (const item of condition.items) {
      const ids = candidateIds(org, soql, def, item);
      if (!ids) return undefined;
      for (const id of ids) union.add(id);
    }
    return union;
  }
  const isIn = condition.kind === 'in' && !condition.negated;
  const isEq = condition.kind === 'compare' && condition.op === '=';
  if (!isIn && !isEq) return undefined;
  const resolved = resolvePath(org, soql, def, condition.field);
  if (resolved.hops.length > 0) return undefined;
  const field = resolved.field;
  const literals = condition.kind === 'in' ? condition.values : condition.kind === 'compare' ? [condition.value] : [];
  const isId = field.type === 'id' || field.type === 'reference';
  const ids = new Set<string>();
  for (const literal of literals) {
    const value = literalFor(org, field, literal);
    if (value === null) return undefined;
    for (const record of org.store.findBy(def.name, field.name, value, soqlKey(isId), `${field.name}#soql`)) ids.add(record.Id);
  }
  return ids;
}
