import { RestError } from './errors.js';
import type { Org } from './org.js';
import { findObject, type FieldDef, type ObjectDef } from './schema.js';
import type { FieldPath } from './soql-ast.js';
import type { SObjectRecord } from './types.js';

/** A field path resolved against the schema: the relationship hops and the final field. */
export interface ResolvedPath {
  hops: { reference: FieldDef; target: ObjectDef }[];
  field: FieldDef;
  /** Canonical names, e.g. ['Contact', 'Social_Author_Id__c']. */
  names: string[];
}

function invalidField(soql: string, pos: number, message: string): RestError {
  return new RestError(400, 'INVALID_FIELD', `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${message}`);
}

/** Resolves `Contact.Social_Author_Id__c` from `Case`; unknown names are INVALID_FIELD as in Salesforce. */
export function resolvePath(org: Org, soql: string, root: ObjectDef, path: FieldPath): ResolvedPath {
  const parts = [...path.path];
  if (parts.length > 1 && parts[0]?.toLowerCase() === root.name.toLowerCase()) parts.shift();
  let current = root;
  const hops: ResolvedPath['hops'] = [];
  const names: string[] = [];
  for (let i = 0; i < parts.length - 1; i += 1) {
    const name = parts[i] as string;
    const reference = current.byRelationship.get(name.toLowerCase());
    const targetName = reference?.referenceTo.find((t) => findObject(org.schema, t));
    const target = targetName ? findObject(org.schema, targetName) : undefined;
    if (!reference || !target) {
      throw invalidField(soql, path.pos, `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`);
    }
    hops.push({ reference, target });
    names.push(reference.relationshipName ?? name);
    current = target;
  }
  const last = parts[parts.length - 1] as string;
  const field = current.byLowerName.get(last.toLowerCase());
  if (!field) {
    throw invalidField(soql, path.pos, `No such column '${last}' on entity '${current.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`);
  }
  names.push(field.name);
  return { hops, field, names };
}

/** Follows the hops from a record; undefined parent means the relationship is empty. */
export function parentRecord(org: Org, record: SObjectRecord, hops: ResolvedPath['hops'], upTo = hops.length): SObjectRecord | undefined {
  let current: SObjectRecord | undefined = record;
  for (let i = 0; i < upTo && current; i += 1) {
    const hop = hops[i];
    if (!hop) break;
    const id: unknown = current[hop.reference.name];
    current = typeof id === 'string' ? org.store.get(hop.target.name, id) : undefined;
  }
  return current;
}

/** The value a path has on a record (null through an empty relationship). */
export function valueAt(org: Org, record: SObjectRecord, resolved: ResolvedPath): unknown {
  const holder = parentRecord(org, record, resolved.hops);
  return holder ? holder[resolved.field.name] ?? null : null;
}
