/**
 * Config errors as a new user reads them (found by trying the job with configs wrong in the usual
 * ways): the whole message in plain words, no part masked as if it were a secret, no problem
 * reported that is only a consequence of another one, and the accepted values of a wrong tag.
 */
import { describe, expect, it } from 'vitest';
import { parseJobConfig } from '../../src/cli/config/parse.js';
import { JobConfigError } from '../../src/cli/config/problems.js';

const jsonl = { type: 'jsonl', path: 'x.jsonl' };
const local = { type: 'local', path: 'y.json' };
const brand = { handles: ['AcmeHelp'] };

/** The message the job prints for a config (it must be refused). */
function messageOf(raw: unknown, env: NodeJS.ProcessEnv = {}): string {
  try {
    parseJobConfig(raw, env);
  } catch (error) {
    if (error instanceof JobConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a JobConfigError');
}

describe('config error messages', () => {
  it('keys named like secrets keep their message (password: is required, not "[redacted] required")', () => {
    const message = messageOf({ source: jsonl, brand, crm: { type: 'salesforce', auth: { flow: 'password', username: 'u@acme.test', clientSecret: '' } } });
    expect(message).toContain('crm.auth.password: is required');
    expect(message).toContain('crm.auth.clientSecret: must not be empty');
    expect(message).not.toContain('[redacted]');
  });

  it('an unset variable behind a token key is named, and an unknown secret-like key says "unknown key"', () => {
    const message = messageOf(
      { source: jsonl, brand, crm: { type: 'salesforce', loginUrl: 'https://login.salesforce.com', auth: { flow: 'refresh_token', clientId: 'id', client_secret: 'x', refreshToken: '${SF_REFRESH}' } } },
      {},
    );
    expect(message).toContain('crm.auth.refreshToken: environment variable SF_REFRESH is not set');
    expect(message).toContain("crm.auth.client_secret: unknown key (did you mean 'clientSecret'?)");
  });

  it('an env value that lands in a message is still shown as its ${NAME}', () => {
    const message = messageOf({ source: jsonl, crm: local, brand, batchSize: '${BATCH}', mapping: { subjectTemplate: '${TPL}' } }, { BATCH: 'zero', TPL: 'S3cretValue {nope}' });
    expect(message).toContain('batchSize');
    expect(message).not.toContain('S3cretValue');
  });

  it('a wrong auth flow lists the flows', () => {
    const message = messageOf({ source: jsonl, brand, crm: { type: 'salesforce', auth: { flow: 'refreshtoken', clientId: 'id', refreshToken: 't' } } });
    expect(message).toBe('Config error: crm.auth.flow: must be one of: "access_token", "refresh_token", "jwt", "password"');
  });

  it('an X source with problems of its own but brand accounts to read is not also told it lacks a brand', () => {
    const message = messageOf({ source: { type: 'twitter', auth: { bearer_token: 'x' }, mentions: ['@AcmeHelp'] }, crm: local });
    expect(message).toContain('source.auth');
    expect(message).not.toContain('brand');
    // a JSONL source never names the brand: the problem stays
    expect(messageOf({ source: { type: 'jsonl' }, crm: local })).toContain('brand: needs at least one');
  });

  it('a file that is no mapping at all gets one problem, not also "brand"', () => {
    expect(messageOf([1, 2])).toBe('Config error: (root): expected object, received array');
  });
});
