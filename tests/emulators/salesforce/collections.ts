import { createRecord, updateRecord, upsertRecord } from './dml.js';
import { notFound, RecordError, RestError } from './errors.js';
import { retrieveRecords } from './collection-retrieve.js';
import { checkKnownFields } from './field-values.js';
import type { Org } from './org.js';
import { isSalesforceId, toId18 } from './record-ids.js';
import { findObject, type FieldDef, type ObjectDef } from './schema.js';
import { methodNotAllowed } from './sobject-routes.js';
import type { RecordErrorBody, Reply, RoutedRequest } from './types.js';

/** sObject Collections accept at most 200 records per request. */
export const COLLECTION_LIMIT = 200;

interface CollectionBody {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

type Result = { id?: string; success: boolean; errors: RecordErrorBody[]; created?: boolean };

const ROLLED_BACK: RecordErrorBody = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function parseBody(req: RoutedRequest): CollectionBody {
  const body = req.body as { allOrNone?: unknown; records?: unknown } | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.records)) {
    throw new RestError(400, 'JSON_PARSER_ERROR', "The request body must be an object with a 'records' array");
  }
  if (body.allOrNone !== undefined && typeof body.allOrNone !== 'boolean') {
    throw new RestError(400, 'JSON_PARSER_ERROR', "'allOrNone' must be a boolean");
  }
  if (body.records.length > COLLECTION_LIMIT) {
    throw new RestError(400, 'EXCEEDED_ID_LIMIT', 'record limit reached. cannot submit more than 200 records into this call');
  }
  const records = body.records.map((r) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new RestError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object');
    return r as Record<string, unknown>;
  });
  return { allOrNone: req.forceAllOrNone || body.allOrNone === true, records };
}

function typeOf(org: Org, record: Record<string, unknown>): ObjectDef {
  const attributes = record.attributes as { type?: unknown } | undefined;
  const name = typeof attributes?.type === 'string' ? attributes.type : undefined;
  if (!name) throw new RestError(400, 'INVALID_TYPE', 'Each record in a collection must have attributes.type');
  const def = findObject(org.schema, name);
  if (!def) throw new RestError(400, 'INVALID_TYPE', `sObject type '${name}' is not supported.`);
  return def;
}

function run(org: Org, body: CollectionBody, write: (record: Record<string, unknown>, index: number) => Result): Reply {
  const savepoint = org.store.savepoint();
  const results = body.records.map((record, index) => {
    try {
      return write(record, index);
    } catch (error) {
      if (!(error instanceof RecordError)) throw error;
      const id = typeof record.id === 'string' ? record.id : typeof record.Id === 'string' ? record.Id : undefined;
      return { ...(id ? { id } : {}), success: false, errors: error.errors };
    }
  });
  if (body.allOrNone && results.some((r) => !r.success)) {
    org.store.rollbackTo(savepoint);
    return {
      status: 200,
      body: results.map((r) => (r.success ? { success: false, errors: [ROLLED_BACK] } : { success: false, errors: r.errors })),
    };
  }
  return { status: 200, body: results };
}

function recordId(record: Record<string, unknown>): string | undefined {
  const id = record.id ?? record.Id;
  return typeof id === 'string' ? id : undefined;
}

function withoutMeta(record: Record<string, unknown>): Record<string, unknown> {
  const { attributes: _attributes, id: _id, ...rest } = record;
  return rest;
}

function createAll(org: Org, body: CollectionBody): Reply {
  const defs = body.records.map((r) => typeOf(org, r));
  body.records.forEach((r, i) => checkKnownFields(defs[i] as ObjectDef, withoutMeta(r)));
  return run(org, body, (record, i) => {
    if (recordId(record)) throw new RecordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'cannot specify Id in an insert call', ['Id']);
    const created = createRecord(org, defs[i] as ObjectDef, withoutMeta(record));
    return { id: created.Id, success: true, errors: [] };
  });
}

function updateAll(org: Org, body: CollectionBody): Reply {
  const defs = body.records.map((r) => typeOf(org, r));
  body.records.forEach((r, i) => checkKnownFields(defs[i] as ObjectDef, withoutMeta(r)));
  return run(org, body, (record, i) => {
    const def = defs[i] as ObjectDef;
    const id = recordId(record);
    if (!id) throw new RecordError('MISSING_ARGUMENT', 'Id not specified in an update call', []);
    if (!isSalesforceId(id) || !org.store.get(def.name, toId18(id))) {
      throw new RecordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []);
    }
    const { Id: _ignored, ...changes } = withoutMeta(record);
    updateRecord(org, def, toId18(id), changes);
    return { id: toId18(id), success: true, errors: [] };
  });
}

function keyOf(field: FieldDef, record: Record<string, unknown>): unknown {
  const key = Object.keys(record).find((k) => k.toLowerCase() === field.name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

function upsertAll(org: Org, body: CollectionBody, def: ObjectDef, field: FieldDef): Reply {
  for (const record of body.records) {
    if (typeOf(org, record).name !== def.name) {
      throw new RestError(400, 'INVALID_TYPE', `Each record must be of the type in the request URI (${def.name})`);
    }
    checkKnownFields(def, withoutMeta(record));
  }
  const seen = new Map<string, number>();
  for (const record of body.records) {
    const key = keyOf(field, record);
    if (typeof key === 'string') seen.set(key.toLowerCase(), (seen.get(key.toLowerCase()) ?? 0) + 1);
  }
  return run(org, body, (record) => {
    const key = keyOf(field, record);
    if (key === undefined || key === null || key === '') {
      throw new RecordError('MISSING_ARGUMENT', `${field.name} not specified`, [field.name]);
    }
    if (typeof key === 'string' && (seen.get(key.toLowerCase()) ?? 0) > 1) {
      throw new RecordError('DUPLICATE_EXTERNAL_ID', `Duplicate external id specified: ${key}`, [field.name]);
    }
    const outcome = upsertRecord(org, def, field, key, withoutMeta(record));
    return { id: outcome.record.Id, success: true, errors: [], created: outcome.created };
  });
}

/** /composite/sobjects and /composite/sobjects/{T}/{externalIdField} */
export function routeCollections(org: Org, req: RoutedRequest, version: string, rest: string[]): Reply {
  if (rest.length === 0) {
    if (req.method === 'POST') return createAll(org, parseBody(req));
    if (req.method === 'PATCH') return updateAll(org, parseBody(req));
    throw methodNotAllowed(req.method, 'POST,PATCH,DELETE');
  }
  const [typeName, fieldName, ...extra] = rest;
  const def = findObject(org.schema, typeName ?? '');
  if (!def || extra.length > 0) throw notFound();
  if (rest.length === 1) {
    if (req.method === 'GET') {
      const list = (name: string): string[] | undefined => req.query.get(name)?.split(',').map((s) => s.trim()).filter(Boolean);
      return retrieveRecords(org, def, list('ids'), list('fields'), version);
    }
    if (req.method !== 'POST') throw methodNotAllowed(req.method, 'GET,POST');
    const body = (req.body ?? {}) as { ids?: unknown; fields?: unknown };
    return retrieveRecords(org, def, body.ids, body.fields, version);
  }
  if (Number(version) < 46) throw notFound();
  const field = def.byLowerName.get((fieldName ?? '').toLowerCase());
  if (!field || (!field.externalId && !field.idLookup) || field.name === 'Id') {
    throw new RestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  if (req.method !== 'PATCH') throw methodNotAllowed(req.method, 'PATCH');
  return upsertAll(org, parseBody(req), def, field);
}
