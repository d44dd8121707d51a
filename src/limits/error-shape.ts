/**
 * Narrow readers for the error shapes thrown by the HTTP clients the connector meets: axios
 * (`error.response.status|headers|data`, `error.code`), jsforce (`error.errorCode`, `error.name`,
 * `error.content`), twitter-api-v2 (`error.code` = HTTP status, `error.headers`, `error.rateLimit`,
 * `error.requestError`), fetch `Response`-like objects (`status`, `headers`) and Node system errors
 * (`error.code`, `error.cause`). Everything works on `unknown` through type guards.
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

/**
 * The HTTP status of a failed call, from whichever client shape carries it; jsforce reports a
 * non-JSON error body as `errorCode: 'ERROR_HTTP_503'`.
 */
export function readStatus(error: unknown): number | undefined {
  const candidates = [
    prop(prop(error, 'response'), 'status'), // axios
    prop(error, 'status'), // fetch Response, axios ≥1.7
    prop(error, 'statusCode'), // jsforce-style / custom errors
    prop(error, 'code'), // twitter-api-v2 ApiResponseError
  ];
  const found = candidates.find(isHttpStatus);
  if (found !== undefined) return found;
  const jsforce = /^ERROR_HTTP_(\d{3})$/.exec(String(prop(error, 'errorCode') ?? prop(error, 'name') ?? ''));
  const status = Number(jsforce?.[1]);
  return isHttpStatus(status) ? status : undefined;
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

/** The response headers of a failed call (axios response, twitter-api-v2 error, fetch Response). */
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
 * Every string code an error carries, outermost first: `code`, `errorCode`, `name`, the codes of a
 * response body (Salesforce `[{ errorCode }]`, SugarCRM `{ error }`) and of wrapped causes
 * (`cause`, twitter-api-v2 `requestError`), a few levels deep.
 */
export function readCodes(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && isObject(current); depth++) {
    for (const key of ['code', 'errorCode', 'name'] as const) {
      const value = current[key];
      if (typeof value === 'string' && value !== '') out.push(value);
    }
    codesOfBody(prop(prop(current, 'response'), 'data'), out);
    codesOfBody(current['content'], out);
    codesOfBody(current['data'], out);
    current = current['cause'] ?? current['requestError'];
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
    current = current['cause'] ?? current['requestError'];
  }
  if (typeof error === 'string') out.push(error);
  return out;
}

/** twitter-api-v2's `error.rateLimit.reset` (epoch seconds), when present. */
export function readRateLimitReset(error: unknown): number | undefined {
  const reset = prop(prop(error, 'rateLimit'), 'reset');
  return typeof reset === 'number' && Number.isFinite(reset) ? reset : undefined;
}
