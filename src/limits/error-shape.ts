/**
 * Narrow readers for the generic error shapes: axios (`error.response.status|headers|data`,
 * `error.code`), fetch `Response`-like objects (`status`, `headers`), errors with a `statusCode`,
 * and Node system errors (`error.code`, `error.cause`). Everything works on `unknown` through type
 * guards. Vendor client shapes (jsforce `errorCode`/`content`, twitter-api-v2 `rateLimit`/
 * `requestError`) are read by the adapter or source that knows them, in its `classifyError` hook;
 * these readers are exported for such hooks.
 */

/** True for a non-null object (records, class instances, arrays). */
export function isObject(value: unknown): value is Record<PropertyKey, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Reads one property of an unknown value, or `undefined`. */
export function prop(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function isHttpStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599;
}

/** The HTTP status of a failed call, from whichever generic shape carries it. */
export function readStatus(error: unknown): number | undefined {
  const candidates = [
    prop(prop(error, 'response'), 'status'), // axios
    prop(error, 'status'), // fetch Response, axios ≥1.7
    prop(error, 'statusCode'), // custom errors, Node's http
  ];
  return candidates.find(isHttpStatus);
}

/**
 * One header value from a `Headers`/`AxiosHeaders` object (with `get`) or a plain record
 * (case-insensitive key; arrays give their first entry).
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (!isObject(headers)) return undefined;
  const get = headers['get'];
  if (typeof get === 'function') {
    const value: unknown = Reflect.apply(get, headers, [name]);
    if (typeof value === 'string' || typeof value === 'number') return String(value);
  }
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' || typeof first === 'number') return String(first);
  }
  return undefined;
}

/** The response headers of a failed call (axios response, fetch Response, errors carrying `headers`). */
export function readHeaders(error: unknown): unknown {
  return prop(prop(error, 'response'), 'headers') ?? prop(error, 'headers');
}

function codesOfBody(body: unknown, out: string[]): void {
  const items = Array.isArray(body) ? body : [body];
  for (const item of items.slice(0, 5)) {
    for (const key of ['errorCode', 'error', 'code'] as const) {
      const value = prop(item, key);
      if (typeof value === 'string' && value !== '') out.push(value);
    }
  }
}

/**
 * Every string code an error carries, outermost first: `code`, `name`, the codes of a response body
 * (`[{ errorCode }]`, `{ error }`, `{ code }`) and of wrapped causes (`cause`), a few levels deep.
 */
export function readCodes(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && isObject(current); depth++) {
    for (const key of ['code', 'name'] as const) {
      const value = current[key];
      if (typeof value === 'string' && value !== '') out.push(value);
    }
    codesOfBody(prop(prop(current, 'response'), 'data'), out);
    codesOfBody(current['data'], out);
    current = current['cause'];
  }
  return out;
}

/** Every message of an error and its causes, outermost first. */
export function readMessages(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && isObject(current); depth++) {
    const message = current['message'];
    if (typeof message === 'string') out.push(message);
    current = current['cause'];
  }
  if (typeof error === 'string') out.push(error);
  return out;
}
