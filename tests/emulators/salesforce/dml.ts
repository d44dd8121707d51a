import { checkDuplicateRules } from './duplicate-rules.js';
import { RecordError } from './errors.js';
import { checkKnownFields, checkRequired, toChanges } from './field-values.js';
import { sfDateTime, type Org } from './org.js';
import { findByField, sameKey } from './relationships.js';
import type { FieldDef, ObjectDef } from './schema.js';
import type { SObjectRecord } from './types.js';

/** Fields the platform computes: Contact.Name, Case.IsClosed / ClosedDate. */
function derive(org: Org, def: ObjectDef, record: Record<string, unknown>, stamp: string): void {
  if (def.name === 'Contact') {
    record.Name = [record.FirstName, record.LastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
  }
  if (def.name === 'Case') {
    const status = org.schema.statuses.find((s) => s.label === record.Status);
    const closed = Boolean(status?.isClosed);
    if (closed && !record.IsClosed) record.ClosedDate = stamp;
    if (!closed) record.ClosedDate = null;
    record.IsClosed = closed;
  }
}

function checkUnique(org: Org, def: ObjectDef, record: Record<string, unknown>, selfId?: string): void {
  for (const field of def.fields) {
    if (!field.unique) continue;
    const value = record[field.name];
    if (value === null || value === undefined || value === '') continue;
    const clash = findByField(org, def, field, value).find((r) => r.Id !== selfId);
    if (clash) {
      throw new RecordError('DUPLICATE_VALUE', `duplicate value found: ${field.name} duplicates value on record with id: ${clash.Id}`, []);
    }
  }
}

function lockRowCheck(org: Org, id: string): void {
  if (org.takeLockRowFault()) {
    throw new RecordError('UNABLE_TO_LOCK_ROW', `unable to obtain exclusive access to this record or 1 records: ${id}`, []);
  }
}

/** Creates one record (insert semantics: a unique value already present is DUPLICATE_VALUE). */
export function createRecord(org: Org, def: ObjectDef, body: Record<string, unknown>): SObjectRecord {
  checkKnownFields(def, body);
  const changes = toChanges(org, def, body, 'create');
  const stamp = sfDateTime(org.now());
  const id = org.ids.next(def.keyPrefix);
  const record: SObjectRecord = { Id: id };
  for (const field of def.fields) {
    if (field.type === 'boolean') record[field.name] = false;
    else if (field.defaultPicklistValue !== undefined) record[field.name] = field.defaultPicklistValue;
    else record[field.name] = null;
  }
  Object.assign(record, changes);
  record.Id = id;
  record.IsDeleted = false;
  record.CreatedDate = stamp;
  record.LastModifiedDate = stamp;
  record.SystemModstamp = stamp;
  record.CreatedById = org.userId;
  record.LastModifiedById = org.userId;
  if (def.byLowerName.has('ownerid') && record.OwnerId === null) record.OwnerId = org.userId;
  if (def.name === 'Case') record.CaseNumber = org.nextCaseNumber();
  if (def.name === 'FeedItem' && record.Type === null) record.Type = 'TextPost';
  checkRequired(def, record);
  derive(org, def, record, stamp);
  checkUnique(org, def, record);
  checkDuplicateRules(org, def, record, undefined);
  lockRowCheck(org, id);
  org.store.insert(def.name, record);
  return record;
}

/** Updates one record by id. */
export function updateRecord(org: Org, def: ObjectDef, id: string, body: Record<string, unknown>): SObjectRecord {
  checkKnownFields(def, body);
  const existing = org.store.get(def.name, id);
  if (!existing) throw new RecordError('ENTITY_IS_DELETED', 'entity is deleted', []);
  const changes = toChanges(org, def, body, 'update');
  const stamp = sfDateTime(org.now());
  const merged: Record<string, unknown> = { ...existing, ...changes, LastModifiedDate: stamp, SystemModstamp: stamp, LastModifiedById: org.userId };
  derive(org, def, merged, stamp);
  checkUnique(org, def, merged, id);
  checkDuplicateRules(org, def, merged, id);
  lockRowCheck(org, id);
  return org.store.update(def.name, id, merged);
}

export interface UpsertOutcome {
  record: SObjectRecord;
  created: boolean;
}

/** Upsert by an External ID (or idLookup) field: 0 matches create, 1 updates, more is DUPLICATE_EXTERNAL_ID. */
export function upsertRecord(org: Org, def: ObjectDef, keyField: FieldDef, keyValue: unknown, body: Record<string, unknown>): UpsertOutcome {
  const inBody = Object.keys(body).find((k) => k.toLowerCase() === keyField.name.toLowerCase());
  if (inBody !== undefined && !sameKey(keyField, body[inBody], keyValue)) {
    throw new RecordError('INVALID_FIELD', `The external ID value in the record body (${String(body[inBody])}) does not match the upsert key (${String(keyValue)})`, [keyField.name]);
  }
  const matches = findByField(org, def, keyField, keyValue);
  if (matches.length > 1) {
    throw new RecordError('DUPLICATE_EXTERNAL_ID', `${keyField.label}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [keyField.name]);
  }
  const match = matches[0];
  const rest: Record<string, unknown> = { ...body };
  if (inBody !== undefined) delete rest[inBody];
  if (match) return { record: updateRecord(org, def, match.Id, rest), created: false };
  return { record: createRecord(org, def, { ...rest, [keyField.name]: keyValue }), created: true };
}
