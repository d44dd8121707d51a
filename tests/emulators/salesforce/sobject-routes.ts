import { createRecord, updateRecord, upsertRecord } from './dml.js';
import { notFound, RecordError, RestError } from './errors.js';
import type { Org } from './org.js';
import { isSalesforceId, toId18 } from './record-ids.js';
import { findByField } from './relationships.js';
import { findObject, type ObjectDef } from './schema.js';
import { describeObject } from './describe.js';
import type { Reply, RoutedRequest, SObjectRecord } from './types.js';

function bodyObject(req: RoutedRequest): Record<string, unknown> {
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body)) {
    throw new RestError(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object');
  }
  return req.body as Record<string, unknown>;
}

function asRecordReply(def: ObjectDef, record: SObjectRecord, version: string, fields: string | null): Reply {
  const wanted = fields ? fields.split(',').map((f) => f.trim().toLowerCase()) : undefined;
  const body: Record<string, unknown> = { attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` } };
  for (const field of def.fields) {
    if (!wanted || wanted.includes(field.name.toLowerCase())) body[field.name] = record[field.name] ?? null;
  }
  if (wanted) {
    const unknown = wanted.filter((w) => !def.byLowerName.has(w));
    if (unknown.length > 0) throw new RestError(400, 'INVALID_FIELD', `No such column '${unknown[0]}' on sobject of type ${def.name}`);
  }
  return { status: 200, body };
}

function recordErrorReply(run: () => Reply): Reply {
  try {
    return run();
  } catch (error) {
    if (error instanceof RecordError) return error.toReply();
    throw error;
  }
}

/** /sobjects/{T}[/describe | /{id} | /{extField}/{value}] */
export function routeSObject(org: Org, req: RoutedRequest, version: string, rest: string[]): Reply {
  const [typeName, second, third, ...extra] = rest;
  const def = typeName ? findObject(org.schema, typeName) : undefined;
  if (!def || extra.length > 0) throw notFound();
  if (second === undefined) {
    if (req.method === 'POST') {
      if (!def.createable) throw new RestError(400, 'INVALID_TYPE', `Cannot create ${def.name}`);
      return recordErrorReply(() => {
        const record = createRecord(org, def, bodyObject(req));
        return { status: 201, body: { id: record.Id, success: true, errors: [] }, headers: { Location: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` } };
      });
    }
    if (req.method === 'GET') return { status: 200, body: { objectDescribe: { name: def.name, label: def.label, keyPrefix: def.keyPrefix }, recentItems: [] } };
    throw methodNotAllowed(req.method, 'GET,HEAD,POST');
  }
  if (third === undefined && second === 'describe') {
    if (req.method !== 'GET') throw methodNotAllowed(req.method, 'GET,HEAD');
    return { status: 200, body: describeObject(org.schema, def, version) };
  }
  if (third === undefined) return routeRecordById(org, req, version, def, second);
  return routeByExternalId(org, req, version, def, second, third);
}

export function methodNotAllowed(method: string, allowed: string): RestError {
  return new RestError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}

function routeRecordById(org: Org, req: RoutedRequest, version: string, def: ObjectDef, rawId: string): Reply {
  const record = isSalesforceId(rawId) ? org.store.get(def.name, toId18(rawId)) : undefined;
  if (!record) throw notFound();
  if (req.method === 'GET') return asRecordReply(def, record, version, req.query.get('fields'));
  if (req.method === 'PATCH') {
    return recordErrorReply(() => {
      updateRecord(org, def, record.Id, bodyObject(req));
      return { status: 204 };
    });
  }
  if (req.method === 'DELETE') {
    if (!def.createable) throw new RestError(400, 'INVALID_TYPE', `Cannot delete ${def.name}`);
    org.store.delete(def.name, record.Id);
    return { status: 204 };
  }
  throw methodNotAllowed(req.method, 'GET,PATCH,HEAD,DELETE');
}

function routeByExternalId(org: Org, req: RoutedRequest, version: string, def: ObjectDef, fieldName: string, value: string): Reply {
  const field = def.byLowerName.get(fieldName.toLowerCase());
  if (!field || (!field.externalId && !field.idLookup)) {
    throw new RestError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  if (req.method === 'GET') {
    const matches = findByField(org, def, field, value);
    if (matches.length === 0) throw notFound();
    if (matches.length > 1) return { status: 300, body: matches.map((m) => `/services/data/v${version}/sobjects/${def.name}/${m.Id}`) };
    return asRecordReply(def, matches[0] as SObjectRecord, version, req.query.get('fields'));
  }
  if (req.method !== 'PATCH') throw methodNotAllowed(req.method, 'GET,PATCH,HEAD,DELETE');
  const matches = findByField(org, def, field, value);
  if (matches.length > 1) return { status: 300, body: matches.map((m) => `/services/data/v${version}/sobjects/${def.name}/${m.Id}`) };
  return recordErrorReply(() => {
    const outcome = upsertRecord(org, def, field, value, bodyObject(req));
    const body = { id: outcome.record.Id, success: true, errors: [], created: outcome.created };
    return outcome.created
      ? { status: 201, body, headers: { Location: `/services/data/v${version}/sobjects/${def.name}/${outcome.record.Id}` } }
      : { status: 200, body };
  });
}
