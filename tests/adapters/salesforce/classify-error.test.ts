import { describe, expect, it } from 'vitest';
import { AuthError } from '../../../src/errors.js';
import { classifySalesforceError } from '../../../src/adapters/salesforce/classify-error.js';
import { SalesforceApiError } from '../../../src/adapters/salesforce/errors.js';

/** An error shaped like jsforce's HttpApiError: `name` and `errorCode` carry Salesforce's code. */
const jsforceError = (errorCode: string, message = 'x') => Object.assign(new Error(message), { name: errorCode, errorCode });

describe('classifyError (Salesforce codes)', () => {
  it('INVALID_SESSION_ID asks for one session refresh', () => {
    expect(classifySalesforceError(jsforceError('INVALID_SESSION_ID', 'Session expired or invalid'))).toMatchObject({ refreshSession: true, retryable: false, remoteCode: 'INVALID_SESSION_ID' });
  });
  it('REQUEST_LIMIT_EXCEEDED pauses (concurrent) or stops (daily allocation used up), never hammers', () => {
    expect(classifySalesforceError(jsforceError('REQUEST_LIMIT_EXCEEDED', 'ConcurrentPerOrgLongTxn Limit exceeded.'))).toMatchObject({ rateLimited: true, retryable: true, retryAfterMs: 60_000 });
    expect(classifySalesforceError(jsforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.'))).toMatchObject({ rateLimited: true, exhausted: true, retryable: false });
  });
  it.each(['UNABLE_TO_LOCK_ROW', 'SERVER_UNAVAILABLE', 'ERROR_HTTP_503', 'ERROR_HTTP_500'])('%s is retryable', (code) => {
    expect(classifySalesforceError(jsforceError(code))).toMatchObject({ retryable: true });
  });
  it.each(['INVALID_LOGIN', 'LOGIN_MUST_USE_SECURITY_TOKEN', 'INVALID_CLIENT_ID', 'invalid_grant', 'API_DISABLED_FOR_ORG'])('%s fails the login: stop, do not retry', (code) => {
    expect(classifySalesforceError(jsforceError(code))).toMatchObject({ authFailed: true, retryable: false });
  });
  it('our AuthError stops the run; request-level errors of Composite subrequests are read too', () => {
    expect(classifySalesforceError(new AuthError('Salesforce jwt flow: rejected'))).toMatchObject({ authFailed: true });
    expect(classifySalesforceError(new SalesforceApiError('UNABLE_TO_LOCK_ROW', 'locked'))).toMatchObject({ retryable: true });
  });
  it('leaves validation errors, network errors and unknown shapes to the engine', () => {
    expect(classifySalesforceError(jsforceError('REQUIRED_FIELD_MISSING'))).toBeUndefined();
    expect(classifySalesforceError(jsforceError('ERROR_HTTP_400'))).toBeUndefined();
    expect(classifySalesforceError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(classifySalesforceError('boom')).toBeUndefined();
  });
});
