import { RestError } from './errors.js';
import type { Org } from './org.js';
import { findObject, type ObjectDef } from './schema.js';
import type { SelectQuery } from './soql-ast.js';
import { resolvePath } from './soql-fields.js';
import { compile, project, sortRecords } from './soql-run.js';
import type { SObjectRecord } from './types.js';

export interface CompiledChild {
  /** The child relationship name as the reply spells it (e.g. `CaseComments`). */
  name: string;
  /** `{ totalSize, done, records }` for a parent row, or null when it has no such children (as Salesforce answers). */
  run: (parent: SObjectRecord) => { totalSize: number; done: boolean; records: Record<string, unknown>[] } | null;
}

/** A child relationship subquery, `(SELECT Id, CommentBody FROM CaseComments WHERE …)`. */
export function compileChild(org: Org, soql: string, parentDef: ObjectDef, query: SelectQuery, apiVersion: string): CompiledChild {
  const relationship = parentDef.children.find((c) => c.relationshipName.toLowerCase() === query.object.name.toLowerCase());
  const childDef = relationship ? findObject(org.schema, relationship.childSObject) : undefined;
  if (!relationship || !childDef) {
    const pos = query.object.pos;
    throw new RestError(400, 'INVALID_TYPE', `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\nDidn't understand relationship '${query.object.name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  if (query.fields === 'count') throw new RestError(400, 'MALFORMED_QUERY', 'COUNT() is not allowed in a child subquery');
  const paths = query.fields.map((f) => resolvePath(org, soql, childDef, f));
  const where = query.where ? compile(org, soql, childDef, query.where, apiVersion) : () => true;
  const link = childDef.byLowerName.get(relationship.field.toLowerCase());
  if (!link) throw new RestError(500, 'UNKNOWN_EXCEPTION', `internal: ${childDef.name} has no ${relationship.field}`);
  return {
    name: relationship.relationshipName,
    run: (parent) => {
      let rows = org.store.findBy(childDef.name, link.name, parent.Id, (v) => (typeof v === 'string' ? v : undefined)).filter(where);
      if (query.orderBy.length > 0) rows = sortRecords(org, soql, childDef, query, rows);
      if (query.offset !== undefined) rows = rows.slice(query.offset);
      if (query.limit !== undefined) rows = rows.slice(0, query.limit);
      if (rows.length === 0) return null;
      return { totalSize: rows.length, done: true, records: rows.map((r) => project(org, childDef, r, paths, apiVersion)) };
    },
  };
}
