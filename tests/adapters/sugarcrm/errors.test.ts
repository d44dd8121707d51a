/** The four Sugar error classes share one base: each is still its connector class, with Sugar's facts. */
import { describe, expect, it } from 'vitest';
import { SugarAuthError, SugarRateLimitError, SugarRecordError, SugarTransientError, sugarApiError } from '../../../src/adapters/sugarcrm/errors.js';
import { AuthError, CrmRecordError, RateLimitError, TransientError } from '../../../src/errors.js';

const facts = { status: 503, label: 'maintenance', detail: 'down for upgrade', request: 'POST /bulk', module: 'Cases', retryAfterMs: 2_500 };

const { retryAfterMs: _wait, ...withoutWait } = facts;

describe('Sugar errors', () => {
  it.each([
    [SugarTransientError, TransientError, 'TRANSIENT', 2_500],
    [SugarRateLimitError, RateLimitError, 'RATE_LIMIT', 2_500],
    [SugarAuthError, AuthError, 'AUTH', undefined],
    [SugarRecordError, CrmRecordError, 'CRM_RECORD', undefined],
  ] as const)('%o is its connector class with the facts, status, label and retry-after header', (Sugar, Base, code, retryAfterMs) => {
    const error = new Sugar(facts);
    expect(error).toBeInstanceOf(Base);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(Sugar.name);
    expect(error).toMatchObject({ code, facts, status: 503, errorCode: 'maintenance', headers: { 'retry-after': '3' } });
    expect(error.message).toBe('SugarCRM POST /bulk → 503: maintenance: down for upgrade');
    expect(error.details).toEqual({ remoteCode: 'maintenance', status: 503, record: 'Cases' });
    expect((error as { retryAfterMs?: number }).retryAfterMs).toBe(retryAfterMs);
    expect(new Sugar(withoutWait, 'own message')).toMatchObject({ message: 'own message', headers: {} });
  });

  it('sugarApiError picks the class by the facts', () => {
    expect(sugarApiError(facts)).toBeInstanceOf(SugarTransientError);
    expect(sugarApiError({ ...facts, status: 429, label: 'too_many' })).toBeInstanceOf(SugarRateLimitError);
    expect(sugarApiError({ ...facts, status: 401, label: 'need_login' })).toBeInstanceOf(SugarAuthError);
    expect(sugarApiError({ ...facts, status: 422, label: 'invalid_parameter' })).toBeInstanceOf(SugarRecordError);
  });
});
