import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

describe('redactSecrets: secret values, never words', () => {
  const TOKEN = 'ya29.a0AfB_byC9x8Q2kLmN4oPq7rStUvWx';
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSJ9.c2lnbmF0dXJlLWJ5dGVz';
  const SESSION = '00D5g000004ABCD!AQ4AQHq.fake.session';
  const forms: [string, string][] = [
    ['Authorization: Bearer <s>', 'Authorization: Bearer [redacted]'],
    ['authorization: "Basic <s>"', 'authorization: "Basic [redacted]"'],
    ['call failed with Bearer <s> (401)', 'call failed with Bearer [redacted] (401)'],
    ['Authorization: OAuth <s>', 'Authorization: OAuth [redacted]'],
    ['Authorization: OAuth oauth_consumer_key="<s>", oauth_token="<s>", oauth_signature="<s>"', 'Authorization: OAuth oauth_consumer_key="[redacted]", oauth_token="[redacted]", oauth_signature="[redacted]"'],
    ['POST /token grant_type=refresh_token&refresh_token=<s>&client_id=abc', 'POST /token grant_type=refresh_token&refresh_token=[redacted]&client_id=abc'],
    ['GET /cb?code=<s>&state=xyz', 'GET /cb?code=[redacted]&state=xyz'],
    ['https://api.example.test/x?access_token=<s>', 'https://api.example.test/x?access_token=[redacted]'],
    ['body: username=u%40acme.test&password=<s>&client_secret=<s>', 'body: username=u%40acme.test&password=[redacted]&client_secret=[redacted]'],
    ['{"username":"u","password":"<s>"}', '{"username":"u","password":"[redacted]"}'],
    ['{ "access_token" : "<s>", "token_type": "Bearer" }', '{ "access_token" : "[redacted]", "token_type": "Bearer" }'],
    ["{ apiKey: '<s>' }", '{ apiKey: "[redacted]" }'],
    ['<soapenv:Body><sessionId><s></sessionId><urn:password><s></urn:password></soapenv:Body>', '<soapenv:Body><sessionId>[redacted]</sessionId><urn:password>[redacted]</urn:password></soapenv:Body>'],
    ['sessionId=<s>; path=/', 'sessionId=[redacted]; path=/'],
    ['https://svc:<s>@proxy.example.test/', 'https://svc:[redacted]@proxy.example.test/'],
  ];

  it.each(forms)('masks %s', (form, masked) => {
    expect(redactSecrets(form.replaceAll('<s>', TOKEN))).toBe(masked);
    expect(redactSecrets(form.replaceAll('<s>', 'hunter2pass'))).not.toContain('hunter2pass');
  });

  it('masks JWTs and Salesforce session ids wherever they are', () => {
    expect(redactSecrets(`assertion rejected: ${JWT} (invalid_grant)`)).toBe('assertion rejected: [redacted] (invalid_grant)');
    expect(redactSecrets(`sid ${SESSION} expired`)).toBe('sid [redacted] expired');
    expect(redactSecrets(`INVALID_SESSION_ID: ${SESSION}`)).toBe('INVALID_SESSION_ID: [redacted]');
  });

  it('leaves sentences about OAuth, bearer tokens and passwords unchanged', () => {
    const sentences = [
      'X OAuth 2.0 refresh refused (invalid_request): authorize the app again and put the new refresh token in the config',
      'X OAuth 2.0 refresh failed: the token endpoint did not answer',
      'X OAuth 2.0: no access token',
      'the bearer token was refused',
      'Bearer token expired; OAuth flow restarted',
      'password flow: login failed',
      'password: is required',
      'refresh_token: expired or revoked',
      'session id missing: log in again',
      'OAuth 1.0a signature mismatch',
      'HTTP status code=500 from the token endpoint',
      'token_type must be bearer',
    ];
    for (const s of sentences) expect(redactSecrets(s)).toBe(s);
  });

  it('property: a generated token in any form is masked', () => {
    const token = fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9._~-]{6,40}$/), fc.integer({ min: 0, max: 9 }), fc.constantFrom('a', 'Z', 'q'))
      .map(([body, digit, letter]) => `${letter}${body}${digit}`);
    fc.assert(
      fc.property(token, fc.constantFrom(...forms.map(([form]) => form)), fc.string({ maxLength: 20 }).filter((p) => !/[A-Za-z0-9._~+/=-]$/.test(p)), (secret, form, prefix) => {
        const out = redactSecrets(`${prefix}${form.replaceAll('<s>', secret)}`);
        expect(out).not.toContain(secret);
      }),
      { numRuns: 300 },
    );
  });

  it('property: sentences of words (with OAuth, bearer, token, password, 2.0, colons) survive unchanged', () => {
    const word = fc.oneof(
      fc.stringMatching(/^[a-z]{1,12}$/),
      fc.constantFrom('OAuth', 'oauth', 'Bearer', 'bearer', 'token', 'password', 'password:', 'secret:', 'refresh_token:', 'sessionId:', '2.0', '1.0a', 'Authorization', '(401)', 'failed:'),
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
        const sentence = words.join(' ');
        expect(redactSecrets(sentence)).toBe(sentence);
      }),
      { numRuns: 500 },
    );
  });

  it('every ConnectorError message goes through it: the X refusal keeps its words', () => {
    expect(new AuthError('X OAuth 2.0 refresh refused (invalid_grant)').message).toBe('X OAuth 2.0 refresh refused (invalid_grant)');
    expect(new AuthError(`X refused Bearer ${TOKEN}`).message).toBe('X refused Bearer [redacted]');
  });
});
