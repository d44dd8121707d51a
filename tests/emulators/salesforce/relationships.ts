import { RecordError, RestError } from './errors.js';
import type { Org } from './org.js';
import { findObject, type FieldDef, type ObjectDef } from './schema.js';
import type { SObjectRecord } from './types.js';

/** Compares a stored value with a looked-up one the way the field compares (case-insensitive by default). */
export function sameKey(field: FieldDef, stored: unknown, wanted: unknown): boolean {
  if (typeof stored !== 'string' || typeof wanted !== 'string') return stored === wanted;
  return field.caseSensitive ? stored === wanted : stored.toLowerCase() === wanted.toLowerCase();
}

/** The index key of a value for a field: case-folded unless the field is case-sensitive. */
function indexKey(field: FieldDef): (value: unknown) => string | undefined {
  return (value) => {
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'string') return field.caseSensitive ? `s:${value}` : `s:${value.toLowerCase()}`;
    return `j:${JSON.stringify(value)}`;
  };
}

/** Records of `def` whose `field` equals `value` (through a field index). */
export function findByField(org: Org, def: ObjectDef, field: FieldDef, value: unknown): SObjectRecord[] {
  return org.store.findBy(def.name, field.name, value, indexKey(field));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Resolves `"Contact": { "Social_Author_Id__c": "twitter:123" }` to the reference field's id.
 * Salesforce requires the key field to be an External ID (or idLookup) field of the parent, and
 * exactly one parent record to match.
 */
export function resolveRelationship(org: Org, def: ObjectDef, reference: FieldDef, value: unknown): string | null {
  if (value === null) return null;
  if (!isPlainObject(value)) {
    throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${reference.relationshipName} from a non-object value`);
  }
  const attributes = isPlainObject(value.attributes) ? value.attributes : undefined;
  const typeName = typeof attributes?.type === 'string' ? attributes.type : undefined;
  if (!typeName && reference.referenceTo.length > 1) {
    throw new RecordError('INVALID_FIELD', `The relationship ${reference.relationshipName} on ${def.name} is polymorphic: specify attributes.type`, [reference.name]);
  }
  const parentName = typeName ?? reference.referenceTo[0] ?? '';
  const parent = findObject(org.schema, parentName);
  if (!parent || !reference.referenceTo.some((t) => t.toLowerCase() === parentName.toLowerCase())) {
    throw new RecordError('INVALID_FIELD', `Invalid foreign key relationship type ${parentName} for ${reference.relationshipName}`, [reference.name]);
  }
  const keys = Object.keys(value).filter((k) => k !== 'attributes');
  const keyName = keys[0];
  if (keys.length !== 1 || keyName === undefined) {
    throw new RecordError('INVALID_FIELD', `A relationship must name exactly one external ID field of ${parent.name}; found ${keys.length}`, [reference.name]);
  }
  const keyField = parent.byLowerName.get(keyName.toLowerCase());
  if (!keyField) {
    throw new RecordError('INVALID_FIELD', `No such column '${keyName}' on sobject of type ${parent.name}`, [reference.name]);
  }
  if (!keyField.externalId && !keyField.idLookup) {
    throw new RecordError('INVALID_FIELD', `Field ${keyField.name} is not an External ID field of ${parent.name}`, [reference.name]);
  }
  const keyValue = value[keyName];
  const matches = keyField.name === 'Id'
    ? org.store.all(parent.name).filter((r) => r.Id === keyValue)
    : findByField(org, parent, keyField, keyValue);
  if (matches.length === 0) {
    throw new RecordError('INVALID_FIELD', `Foreign key external ID: ${String(keyValue)} not found for field ${keyField.name} in entity ${parent.name}`, []);
  }
  if (matches.length > 1) {
    throw new RecordError('DUPLICATE_EXTERNAL_ID', `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, []);
  }
  return (matches[0] as SObjectRecord).Id;
}
