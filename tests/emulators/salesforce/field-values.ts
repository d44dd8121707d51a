import { RecordError, RestError } from './errors.js';
import type { Org } from './org.js';
import { isSalesforceId, toId18 } from './record-ids.js';
import { resolveRelationship } from './relationships.js';
import { findObject, objectForId, type FieldDef, type ObjectDef } from './schema.js';

export type WriteMode = 'create' | 'update';

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'url', 'phone', 'picklist', 'id', 'reference']);

/**
 * Rejects unknown fields the way Salesforce's JSON deserializer does: a request-level 400
 * INVALID_FIELD before anything is written. `Id` is allowed (update), `attributes` is metadata.
 */
export function checkKnownFields(def: ObjectDef, body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (key === 'attributes') continue;
    const lower = key.toLowerCase();
    if (def.byLowerName.has(lower)) continue;
    const reference = def.byRelationship.get(lower);
    if (reference && typeof body[key] === 'object') continue;
    throw new RestError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
  }
}

function lengthOf(field: FieldDef, value: string): number {
  return field.lengthInBytes ? Buffer.byteLength(value, 'utf8') : value.length;
}

function checkValue(org: Org, def: ObjectDef, field: FieldDef, value: unknown): unknown {
  if (value === null) return null;
  if (field.type === 'boolean') {
    if (typeof value !== 'boolean') throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from ${typeof value} value ${JSON.stringify(value)} for ${field.name}`);
    return value;
  }
  if (field.type === 'int' || field.type === 'double') {
    if (typeof value !== 'number') throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type} from ${typeof value} value for ${field.name}`);
    return value;
  }
  if (field.type === 'datetime' || field.type === 'date') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
      throw new RecordError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${field.label}: value not of required type: ${String(value)}`, [field.name]);
    }
    return value;
  }
  if (TEXT_TYPES.has(field.type) && typeof value !== 'string') {
    throw new RestError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of string from ${typeof value} value for ${field.name}`);
  }
  const text = String(value);
  if (field.type === 'reference') return checkReference(org, def, field, text);
  if (field.length > 0 && lengthOf(field, text) > field.length) {
    throw new RecordError('STRING_TOO_LONG', `${field.label}: data value too large: ${text.slice(0, 80)} (max length=${field.length})`, [field.name]);
  }
  if (field.type === 'picklist' && field.restrictedPicklist && !field.picklistValues.includes(text)) {
    throw new RecordError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, [field.name]);
  }
  return text;
}

function checkReference(org: Org, def: ObjectDef, field: FieldDef, id: string): string {
  if (!isSalesforceId(id)) {
    throw new RecordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${id}`, [field.name]);
  }
  const full = toId18(id);
  const target = objectForId(org.schema, full);
  const stored = field.referenceTo.filter((t) => findObject(org.schema, t));
  if (stored.length === 0) return full; // Users, Accounts, Groups: not emulated, any well-formed id passes
  if (!target || !field.referenceTo.includes(target.name) || !org.store.get(target.name, full)) {
    throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
  }
  return full;
}

/** Turns a request body into checked field changes (relationships resolved to ids). */
export function toChanges(org: Org, def: ObjectDef, body: Record<string, unknown>, mode: WriteMode): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const notWritable: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const lower = key.toLowerCase();
    const field = def.byLowerName.get(lower);
    if (field) {
      if (field.name === 'Id') continue;
      if (mode === 'create' ? !field.createable : !field.updateable) {
        notWritable.push(field.name);
        continue;
      }
      if (value === null && !field.nillable && field.type !== 'boolean') {
        throw new RecordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]);
      }
      changes[field.name] = checkValue(org, def, field, value);
      continue;
    }
    const reference = def.byRelationship.get(lower);
    if (!reference) throw new RestError(400, 'INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`);
    if (mode === 'create' ? !reference.createable : !reference.updateable) {
      notWritable.push(reference.name);
      continue;
    }
    changes[reference.name] = resolveRelationship(org, def, reference, value);
  }
  if (notWritable.length > 0) {
    throw new RecordError('INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, notWritable);
  }
  return changes;
}

/** Required fields (not nillable, createable, not defaulted) missing from a create. */
export function checkRequired(def: ObjectDef, record: Record<string, unknown>): void {
  const missing = def.fields
    .filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== 'boolean')
    .filter((f) => record[f.name] === undefined || record[f.name] === null || record[f.name] === '')
    .map((f) => f.name);
  if (missing.length > 0) {
    throw new RecordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
}
