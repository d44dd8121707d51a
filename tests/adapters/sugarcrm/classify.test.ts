/** classifyError judges Sugar's errors by their label, not their status. */
import { describe, expect, it } from 'vitest';
import { classifySugarError, sugarApiError } from '../../../src/adapters/sugarcrm/errors.js';
import { replyError } from '../../../src/adapters/sugarcrm/http.js';

const sugar = (status: number, error: string, message = '', headers: Record<string, string> = {}, path = '/Cases/filter') =>
  replyError(status, { error, error_message: message }, headers, `POST ${path}`, path);

describe('classifySugarError', () => {
  it('asks for one session refresh on need_login and invalid_grant, whatever the status', () => {
    expect(classifySugarError(sugar(401, 'need_login'))).toMatchObject({ retryable: true, refreshSession: true, remoteCode: 'need_login' });
    expect(classifySugarError(sugar(401, 'invalid_grant', 'The access token provided has expired.'))).toMatchObject({ refreshSession: true });
    expect(classifySugarError(sugar(400, 'invalid_grant'))).toMatchObject({ refreshSession: true });
  });

  it('stops the run on not_authorized, naming the module', () => {
    const c = classifySugarError(sugar(403, 'not_authorized', 'No access', {}, '/Notes/filter'));
    expect(c).toMatchObject({ retryable: false, authFailed: true });
    expect(c?.reason).toContain('module Notes');
  });

  it('never retries invalid_parameter / missing_parameter, on 422 as on the 412 of older versions', () => {
    for (const status of [412, 422]) {
      expect(classifySugarError(sugar(status, 'invalid_parameter'))).toMatchObject({ retryable: false });
      expect(classifySugarError(sugar(status, 'missing_parameter'))).toMatchObject({ retryable: false });
    }
  });

  it('retries maintenance, 429, 502 and network errors, honouring Retry-After', () => {
    expect(classifySugarError(sugar(503, 'maintenance', 'down', { 'retry-after': '7' }))).toMatchObject({ retryable: true, retryAfterMs: 7000 });
    expect(classifySugarError(sugar(429, 'too_many_requests', '', { 'retry-after': '2' }))).toMatchObject({ retryable: true, rateLimited: true, retryAfterMs: 2000 });
    const proxy = replyError(502, '<html>Bad Gateway</html>', {}, 'POST /bulk', '/bulk');
    expect(classifySugarError(proxy)).toMatchObject({ retryable: true, status: 502 });
    const network = sugarApiError({ label: 'ECONNRESET', detail: 'no reply', request: 'POST /bulk' });
    expect(classifySugarError(network)).toMatchObject({ retryable: true });
    expect(network.errorCode).toBe('ECONNRESET');
  });

  it('fails a login for good, and leaves errors that are not Sugar\'s to the engine', () => {
    expect(classifySugarError(replyError(401, { error: 'need_login', error_message: 'x' }, {}, 'POST /oauth2/token', '/oauth2/token'))).toMatchObject({ authFailed: true, retryable: false });
    expect(classifySugarError(new Error('boom'))).toBeUndefined();
    expect(classifySugarError({ response: { status: 401 } })).toBeUndefined();
  });
});
