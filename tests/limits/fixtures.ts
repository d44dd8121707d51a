/** Error objects shaped like the ones real clients throw (axios, jsforce, twitter-api-v2, fetch, Node). */

/** An axios error with a response. */
export function axiosError(status: number, data: unknown = {}, headers: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    name: 'AxiosError',
    code: status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST',
    isAxiosError: true,
    status,
    response: { status, statusText: '', headers, data },
  });
}

/** An axios error without a response (network level). */
export function axiosNetworkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'AxiosError', code, isAxiosError: true });
}

/** A jsforce HttpApiError: `name` and `errorCode` carry Salesforce's code. */
export function jsforceError(errorCode: string, message = `${errorCode}: something`): Error {
  return Object.assign(new Error(message), { name: errorCode, errorCode, content: [{ errorCode, message }] });
}

/** A twitter-api-v2 ApiResponseError. */
export function twitterResponseError(code: number, extra: { headers?: Record<string, string>; reset?: number } = {}): Error {
  return Object.assign(new Error(`Request failed with code ${code}`), {
    type: 'response',
    code,
    headers: extra.headers ?? {},
    data: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: code },
    ...(extra.reset === undefined ? {} : { rateLimit: { limit: 300, remaining: 0, reset: extra.reset }, rateLimitError: true }),
  });
}

/** A twitter-api-v2 ApiRequestError (the request never got a response). */
export function twitterRequestError(code: string): Error {
  return Object.assign(new Error('Request failed.'), {
    type: 'request',
    requestError: Object.assign(new Error('socket hang up'), { code }),
  });
}

/** A Node system error. */
export function systemError(code: string, syscall = 'read'): Error {
  return Object.assign(new Error(`${syscall} ${code}`), { code, errno: -1, syscall });
}
