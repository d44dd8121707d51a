import { RestError } from './errors.js';
import type { Org } from './org.js';
import { isSalesforceId, toId18 } from './record-ids.js';
import type { ObjectDef } from './schema.js';
import type { Reply } from './types.js';

/** sObject Collections retrieve accepts up to 2,000 ids (POST); GET is bounded by the URI limit. */
export const RETRIEVE_LIMIT = 2000;

/**
 * GET /composite/sobjects/{T}?ids=…&fields=… and POST with `{ ids, fields }`: the records in the
 * order asked, `null` for an id with no record.
 */
export function retrieveRecords(org: Org, def: ObjectDef, ids: unknown, fields: unknown, version: string): Reply {
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw new RestError(400, 'JSON_PARSER_ERROR', "'ids' must be an array of record ids");
  if (!Array.isArray(fields) || fields.length === 0 || fields.some((f) => typeof f !== 'string')) {
    throw new RestError(400, 'JSON_PARSER_ERROR', "'fields' must be a non-empty array of field names");
  }
  if (ids.length > RETRIEVE_LIMIT) throw new RestError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${RETRIEVE_LIMIT} records into this call`);
  const resolved = (fields as string[]).map((name) => {
    const field = def.byLowerName.get(name.toLowerCase());
    if (!field) throw new RestError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${def.name}`);
    return field;
  });
  const body = (ids as string[]).map((id) => {
    if (!isSalesforceId(id)) throw new RestError(400, 'MALFORMED_ID', `malformed id ${id}`);
    const record = org.store.get(def.name, toId18(id));
    if (!record) return null;
    const out: Record<string, unknown> = { attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` } };
    for (const field of resolved) out[field.name] = record[field.name] ?? null;
    return out;
  });
  return { status: 200, body };
}
