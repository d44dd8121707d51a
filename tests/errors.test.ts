import { describe, expect, it } from 'vitest';
import { AuthError, ConfigError, ConnectorError, CrmRecordError, MappingError, RateLimitError, SourceError, TransientError, redactSecrets } from '../src/errors.js';

describe('errors', () => {
  it('every class is a ConnectorError with a stable code', () => {
    const all: [ConnectorError, string][] = [
      [new ConfigError('x'), 'CONFIG'],
      [new AuthError('x'), 'AUTH'],
      [new RateLimitError('x', { retryAfterMs: 5 }), 'RATE_LIMIT'],
      [new MappingError('x'), 'MAPPING'],
      [new CrmRecordError('x'), 'CRM_RECORD'],
      [new SourceError('x'), 'SOURCE'],
      [new TransientError('x'), 'TRANSIENT'],
    ];
    for (const [error, code] of all) {
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe(code);
      expect(error.toJSON().code).toBe(code);
    }
    expect(new RateLimitError('x', { retryAfterMs: 5 }).retryAfterMs).toBe(5);
    expect(new TransientError('x').retryable).toBe(true);
    expect(new MappingError('x').retryable).toBe(false);
  });

  it('never carries a secret in its message or JSON', () => {
    const secrets = ['s3cr3t-pa55', 'tok_ABCDEF123456', '00D5g000004ABCD!AQ4AQHq.fake.session', 'xoxb-123-abc'];
    const error = new AuthError(
      `login failed: password=${secrets[0]} api_key: "${secrets[1]}" Authorization: Bearer ${secrets[3]} sid ${secrets[2]} client_secret=${secrets[0]}`,
      { field: 'crm.password' },
    );
    const text = `${error.message} ${JSON.stringify(error)}`;
    for (const s of secrets) expect(text).not.toContain(s);
    expect(error.message).toContain('login failed');
    expect(error.toJSON().details.field).toBe('crm.password');
  });

  it('keeps ordinary text intact', () => {
    expect(redactSecrets('post 123 failed: Subject too long (field Subject)')).toBe('post 123 failed: Subject too long (field Subject)');
  });
});
