import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, CrmRecordError, MappingError, RateLimitError, TransientError } from '../../src/errors.js';
import { classifyError, decideRetry } from '../../src/limits/retry-policy.js';
import { parseRetryAfter } from '../../src/limits/retry-after.js';
import { axiosError, axiosNetworkError, jsforceError, systemError, twitterRequestError, twitterResponseError } from './fixtures.js';

const NOW = Date.UTC(2024, 4, 1, 12, 0, 0);

describe('classifyError: retryable', () => {
  it.each<[string, unknown, string]>([
    ['axios ECONNRESET', axiosNetworkError('ECONNRESET', 'read ECONNRESET'), 'network error (ECONNRESET)'],
    ['axios timeout', axiosNetworkError('ECONNABORTED', 'timeout of 10000ms exceeded'), 'network error (ECONNABORTED)'],
    ['Node ETIMEDOUT', systemError('ETIMEDOUT'), 'network error (ETIMEDOUT)'],
    ['Node ECONNREFUSED', systemError('ECONNREFUSED', 'connect'), 'network error (ECONNREFUSED)'],
    ['Node EAI_AGAIN', systemError('EAI_AGAIN', 'getaddrinfo'), 'network error (EAI_AGAIN)'],
    ['Node EPIPE', systemError('EPIPE', 'write'), 'network error (EPIPE)'],
    ['socket hang up without code', new Error('socket hang up'), 'network error (connection failed)'],
    ['fetch TypeError with cause', new TypeError('fetch failed', { cause: systemError('ECONNREFUSED') }), 'network error (ECONNREFUSED)'],
    ['fetch TypeError, no cause', new TypeError('fetch failed'), 'network error (connection failed)'],
    ['fetch with AbortSignal.timeout()', new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 'network error (TimeoutError)'],
    ['Node message without code', new Error('connect ETIMEDOUT 10.0.0.1:443'), 'network error (connection failed)'],
    ['node-fetch message without code', new Error('request to https://x.my.salesforce.com/ failed, reason: read ECONNRESET'), 'network error (connection failed)'],
    ['axios 500', axiosError(500), 'HTTP 500'],
    ['axios 502', axiosError(502), 'HTTP 502'],
    ['axios 503', axiosError(503), 'HTTP 503'],
    ['axios 504', axiosError(504), 'HTTP 504'],
    ['fetch Response 503 (thrown as is)', { status: 503, headers: new Headers() }, 'HTTP 503'],
    ['axios 408', axiosError(408), 'HTTP 408'],
    ['own TransientError', new TransientError('row lock'), 'transient: row lock'],
  ])('%s', (_name, error, reason) => {
    const c = classifyError(error, NOW);
    expect(c.retryable).toBe(true);
    expect(c.refreshSession).toBeUndefined();
    expect(c.reason).toBe(reason);
  });

  it.each<[string, unknown]>([
    ['axios 429', axiosError(429)],
    ['fetch Response 429', { status: 429, headers: new Headers() }],
    ['own RateLimitError', new RateLimitError('slow down')],
  ])('%s is rate limited', (_name, error) => {
    expect(classifyError(error, NOW)).toMatchObject({ retryable: true, rateLimited: true });
  });

  it('carries the status and remote code', () => {
    expect(classifyError(axiosError(503, [{ errorCode: 'SERVER_UNAVAILABLE' }]), NOW)).toMatchObject({
      status: 503,
      remoteCode: 'SERVER_UNAVAILABLE',
    });
  });
});

describe('classifyError: wait times', () => {
  it('reads Retry-After in seconds (axios plain headers, any case)', () => {
    expect(classifyError(axiosError(429, {}, { 'Retry-After': '120' }), NOW).retryAfterMs).toBe(120_000);
    expect(classifyError(axiosError(503, {}, { 'retry-after': ['3'] }), NOW).retryAfterMs).toBe(3_000);
  });

  it('reads Retry-After as an HTTP date (fetch Headers)', () => {
    const at = new Date(NOW + 42_000).toUTCString();
    expect(classifyError({ status: 503, headers: new Headers({ 'Retry-After': at }) }, NOW).retryAfterMs).toBe(42_000);
    const past = new Date(NOW - 5_000).toUTCString();
    expect(classifyError({ status: 429, headers: new Headers({ 'Retry-After': past }) }, NOW).retryAfterMs).toBe(0);
  });

  it('reads AxiosHeaders-like objects through their get()', () => {
    const headers = { get: (name: string) => (name.toLowerCase() === 'retry-after' ? '9' : undefined) };
    expect(classifyError(axiosError(429, {}, headers), NOW).retryAfterMs).toBe(9_000);
  });

  it('reads x-rate-limit-reset (epoch seconds) and ratelimit-reset (seconds) when rate limited', () => {
    const reset = NOW / 1000 + 90;
    expect(classifyError({ status: 429, headers: new Headers({ 'x-rate-limit-reset': String(reset) }) }, NOW).retryAfterMs).toBe(90_000);
    expect(classifyError(axiosError(429, {}, { 'RateLimit-Reset': '30' }), NOW).retryAfterMs).toBe(30_000);
  });

  it('ignores window resets on a 5xx (they come with every response)', () => {
    const c = classifyError(axiosError(503, {}, { 'x-rate-limit-reset': String(NOW / 1000 + 900) }), NOW);
    expect(c.retryable).toBe(true);
    expect(c.retryAfterMs).toBeUndefined();
  });

  it('takes retryAfterMs from our own errors', () => {
    expect(classifyError(new RateLimitError('x', { retryAfterMs: 1234 }), NOW).retryAfterMs).toBe(1234);
    expect(classifyError(new TransientError('x', { retryAfterMs: 55 }), NOW).retryAfterMs).toBe(55);
  });

  it('parses Retry-After values', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 1.5 ', NOW)).toBe(1500);
    expect(parseRetryAfter('Wed, 01 May 2024 12:01:00 GMT', NOW)).toBe(60_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-5', NOW)).toBeUndefined();
  });
});

describe('classifyError: session expired', () => {
  it.each<[string, unknown]>([
    ['axios 401', axiosError(401)],
    ['Salesforce REST 401 body', axiosError(401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }])],
    ['Sugar invalid_grant', axiosError(401, { error: 'invalid_grant', error_message: 'The access token provided is invalid.' })],
    ['Sugar need_login', axiosError(401, { error: 'need_login', error_message: 'No valid authentication for user.' })],
    ['fetch Response 401', { status: 401, headers: new Headers() }],
  ])('%s → refresh the session, do not retry blindly', (_name, error) => {
    expect(classifyError(error, NOW)).toMatchObject({ retryable: false, refreshSession: true });
  });
});

describe('classifyError: not retryable', () => {
  it.each<[string, unknown]>([
    ['axios 400 validation', axiosError(400, [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [LastName]' }])],
    ['jsforce REQUIRED_FIELD_MISSING', jsforceError('REQUIRED_FIELD_MISSING')],
    ['jsforce FIELD_CUSTOM_VALIDATION_EXCEPTION', jsforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION')],
    ['jsforce DUPLICATE_VALUE', jsforceError('DUPLICATE_VALUE')],
    ['jsforce INVALID_LOGIN', jsforceError('INVALID_LOGIN', 'INVALID_LOGIN: Invalid username, password, security token')],
    ['Sugar 422', axiosError(422, { error: 'missing_parameter' })],
    ['axios 404', axiosError(404)],
    ['twitter 403', twitterResponseError(403)],
    ['fetch Response 400', { status: 400, headers: new Headers() }],
    ['MappingError', new MappingError('bad field', { field: 'text' })],
    ['CrmRecordError', new CrmRecordError('duplicate')],
    ['ConfigError', new ConfigError('bad config')],
    ['AuthError', new AuthError('bad password')],
    ['plain Error', new Error('boom')],
    ['TypeError (a bug)', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['AbortError', new DOMException('aborted', 'AbortError')],
    ['a validation message quoting a network word', new Error('Validation failed: value "ETIMEDOUT" is not allowed for Status')],
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('%s', (_name, error) => {
    const c = classifyError(error, NOW);
    expect(c.retryable).toBe(false);
    expect(c.refreshSession).toBeUndefined();
  });

  it('names the status and remote code in its reason', () => {
    expect(classifyError(axiosError(400, [{ errorCode: 'REQUIRED_FIELD_MISSING' }]), NOW)).toMatchObject({
      reason: 'not retryable: HTTP 400 REQUIRED_FIELD_MISSING',
      status: 400,
      remoteCode: 'REQUIRED_FIELD_MISSING',
    });
    expect(classifyError(new MappingError('bad field'), NOW).reason).toBe('MAPPING: bad field');
  });

  it('never puts a secret in its reason', () => {
    const reason = classifyError(new Error('call failed with Authorization: Bearer abc.def.ghi and password=hunter2'), NOW).reason;
    expect(reason).not.toContain('abc.def.ghi');
    expect(reason).not.toContain('hunter2');
  });

  it('is pure: the same error and clock give the same answer', () => {
    const error = axiosError(429, {}, { 'x-rate-limit-reset': String(NOW / 1000 + 60) });
    expect(classifyError(error, NOW)).toEqual(classifyError(error, NOW));
    expect(classifyError(error, NOW + 30_000).retryAfterMs).toBe(30_000);
  });
});

describe('the core knows no vendor: these need the adapter\'s or source\'s classifyError hook', () => {
  it.each<[string, unknown]>([
    ['jsforce UNABLE_TO_LOCK_ROW', jsforceError('UNABLE_TO_LOCK_ROW')],
    ['jsforce REQUEST_LIMIT_EXCEEDED', jsforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')],
    ['jsforce INVALID_SESSION_ID', jsforceError('INVALID_SESSION_ID', 'Session expired or invalid')],
    ['jsforce non-JSON 503', jsforceError('ERROR_HTTP_503')],
    ['Salesforce REST lock via axios 400', axiosError(400, [{ errorCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access' }])],
    ['Sugar need_login on a 400', axiosError(400, { error: 'need_login' })],
    ['twitter-api-v2 429 (status in `code`)', twitterResponseError(429, { reset: NOW / 1000 + 600 })],
    ['twitter-api-v2 request error', twitterRequestError('ECONNRESET')],
  ])('%s: not retried by the generic rules alone', (_name, error) => {
    const c = classifyError(error, NOW);
    expect(c.retryable).toBe(false);
    expect(c.refreshSession).toBeUndefined();
  });
});

describe('decideRetry: the vendor hook first, the generic rules after', () => {
  const vendor = (error: unknown) => {
    const code = (error as { errorCode?: unknown }).errorCode;
    if (code === 'UNABLE_TO_LOCK_ROW') return { retryable: true, reason: 'Salesforce UNABLE_TO_LOCK_ROW', remoteCode: code };
    if (code === 'INVALID_SESSION_ID') return { retryable: false, refreshSession: true, reason: 'Salesforce INVALID_SESSION_ID' };
    if (code === 'REQUEST_LIMIT_EXCEEDED') return { retryable: true, rateLimited: true, reason: 'Salesforce REQUEST_LIMIT_EXCEEDED' };
    if (code === 'INVALID_LOGIN') return { retryable: false, authFailed: true, reason: 'Salesforce INVALID_LOGIN' };
    return undefined;
  };

  it('takes the hook\'s verdict on a vendor code', () => {
    expect(decideRetry(jsforceError('UNABLE_TO_LOCK_ROW'), NOW, vendor)).toMatchObject({ retryable: true, reason: 'Salesforce UNABLE_TO_LOCK_ROW' });
    expect(decideRetry(jsforceError('INVALID_SESSION_ID'), NOW, vendor)).toMatchObject({ retryable: false, refreshSession: true });
    expect(decideRetry(jsforceError('INVALID_LOGIN'), NOW, vendor)).toMatchObject({ retryable: false, authFailed: true });
  });

  it('falls back to the generic rules when the hook answers undefined or throws', () => {
    expect(decideRetry(axiosError(503), NOW, vendor)).toMatchObject({ retryable: true, reason: 'HTTP 503' });
    const broken = (): never => {
      throw new Error('bug in the hook');
    };
    expect(decideRetry(axiosError(503), NOW, broken)).toMatchObject({ retryable: true, reason: 'HTTP 503' });
    expect(decideRetry(jsforceError('UNABLE_TO_LOCK_ROW'), NOW)).toMatchObject({ retryable: false });
  });

  it('fills the header wait and status the hook left out (a header still beats backoff)', () => {
    const limited = Object.assign(axiosError(403, [{ errorCode: 'REQUEST_LIMIT_EXCEEDED' }], { 'retry-after': '30' }), { errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(decideRetry(limited, NOW, vendor)).toMatchObject({ retryable: true, rateLimited: true, retryAfterMs: 30_000, status: 403 });
    const own = () => ({ retryable: true, reason: 'x', retryAfterMs: 5 });
    expect(decideRetry(axiosError(503, {}, { 'retry-after': '30' }), NOW, own).retryAfterMs).toBe(5);
  });
});
