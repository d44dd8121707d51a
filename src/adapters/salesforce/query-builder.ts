/**
 * SOQL queries with IN-lists cut into chunks, so that each query's request URI
 * (`{instanceUrl}/services/data/vXX.X/query?q=…`) stays under Salesforce's 16,384-byte limit for
 * URI and headers together, with room left for the headers.
 */
import { chunkBy } from '../kit/chunk.js';
import { inList } from './soql.js';

/** Salesforce refuses a request whose URI and headers together exceed this many bytes. */
export const MAX_URI_AND_HEADER_BYTES = 16_384;
/** Bytes kept for the request headers (Authorization, User-Agent, …). */
export const HEADER_ALLOWANCE_BYTES = 2_048;

/** One `field IN (…)` term of a WHERE clause, ORed with the others. */
export interface InTerm {
  readonly field: string;
  readonly values: readonly string[];
}

/** A query to cut: `SELECT select FROM from WHERE (term OR term …) [AND also]`. */
export interface ChunkedQuerySpec {
  readonly select: readonly string[];
  readonly from: string;
  readonly terms: readonly InTerm[];
  /** Extra condition ANDed to every chunk, e.g. `IsClosed = false`. */
  readonly also?: string;
}

/** The path and query string a query is sent with (what counts against the URI limit). */
export function queryPath(apiVersion: string, soql: string): string {
  return `/services/data/v${apiVersion}/query?q=${encodeURIComponent(soql)}`;
}

function render(spec: ChunkedQuerySpec, terms: readonly InTerm[]): string {
  const where = terms.filter((t) => t.values.length > 0).map((t) => inList(t.field, t.values));
  const ored = where.length > 1 ? `(${where.join(' OR ')})` : (where[0] ?? '');
  const condition = spec.also === undefined ? ored : `${ored} AND ${spec.also}`;
  return `SELECT ${spec.select.join(', ')} FROM ${spec.from} WHERE ${condition}`;
}

/** Encoded bytes one value adds to a query: the quoted, escaped literal and its comma. */
function valueCost(value: string): number {
  return Buffer.byteLength(encodeURIComponent(`${inList('', [value]).slice(5, -1)},`));
}

/**
 * Control characters other than tab, newline and carriage return: a value holding one is left out of
 * the query. The connector never writes such characters (the mapper strips them), and SOQL can only
 * carry them as `\uXXXX`, which older API versions (and stricter emulators) refuse as a whole query.
 */
const UNQUERYABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * Cuts a query into as few chunks as fit: each chunk's full URL (base + path) is at most
 * `maxUriBytes`. Values are de-duplicated per field; a spec with no values gives no query. A single
 * value too long for any query is dropped (nothing that long can be stored in the fields we query).
 */
export function chunkQuery(spec: ChunkedQuerySpec, options: { apiVersion: string; baseUrl: string; maxUriBytes?: number }): string[] {
  const limit = (options.maxUriBytes ?? MAX_URI_AND_HEADER_BYTES - HEADER_ALLOWANCE_BYTES) - Buffer.byteLength(options.baseUrl);
  const fixed = Buffer.byteLength(queryPath(options.apiVersion, render(spec, spec.terms.map((t) => ({ field: t.field, values: ['x'] })))));
  const items = spec.terms.flatMap((term) => [...new Set(term.values)].filter((value) => !UNQUERYABLE.test(value)).map((value) => ({ field: term.field, value })));
  // The kit's chunking by encoded size: each value costs its quoted, escaped, URI-encoded literal and
  // comma; a value too long for any query on its own is left out (nothing that long is stored in the fields we query).
  const { chunks } = chunkBy(items, { maxCount: Number.MAX_SAFE_INTEGER, maxBytes: limit, overheadBytes: fixed, sizeOf: (item) => valueCost(item.value) });
  return chunks.map((chunk) => {
    const terms: { field: string; values: string[] }[] = [];
    for (const { field, value } of chunk) {
      let slot = terms.find((t) => t.field === field);
      if (slot === undefined) {
        slot = { field, values: [] };
        terms.push(slot);
      }
      slot.values.push(value);
    }
    const soql = render(spec, terms);
    const bytes = Buffer.byteLength(options.baseUrl) + Buffer.byteLength(queryPath(options.apiVersion, soql));
    if (bytes > limit + Buffer.byteLength(options.baseUrl)) throw new Error(`internal: query chunk of ${bytes} bytes exceeds the URI budget`);
    return soql;
  });
}
