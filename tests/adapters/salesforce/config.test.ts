import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { isAllowedUrl, parseSalesforceConfig } from '../../../src/adapters/salesforce/config.js';

const refresh = { flow: 'refresh_token', clientId: 'cid', clientSecret: 'csecret', refreshToken: '5Aep861SECRET' };

function errorOf(raw: unknown): ConfigError {
  try {
    parseSalesforceConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('crm.type salesforce config', () => {
  it('applies the documented defaults', () => {
    const config = parseSalesforceConfig({ type: 'salesforce', auth: refresh });
    expect(config).toEqual({
      type: 'salesforce',
      loginUrl: 'https://login.salesforce.com',
      apiVersion: '62.0',
      auth: refresh,
      fields: {
        caseExternalId: 'Social_Post_Id__c',
        caseThreadKey: 'Social_Thread_Key__c',
        contactExternalId: 'Social_Author_Id__c',
        contactHandle: 'Social_Handle__c',
      },
      comments: { object: 'CaseComment', published: false },
      socialObjects: 'auto',
      statuses: { new: 'New', reopen: 'Working' },
    });
  });

  it('accepts each of the four flows', () => {
    const flows = [
      { flow: 'access_token', accessToken: '00Dxx!token' },
      refresh,
      { flow: 'jwt', clientId: 'cid', username: 'u@example.com', privateKeyFile: 'key.pem' },
      { flow: 'password', username: 'u@example.com', password: 'pw', securityToken: 'tok' },
    ];
    for (const auth of flows) {
      expect(parseSalesforceConfig({ type: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', auth }).auth.flow).toBe(auth.flow);
    }
  });

  it('names the key of every problem and never echoes a secret', () => {
    const error = errorOf({ type: 'salesforce', loginUrl: 'http://login.salesforce.com', auth: { ...refresh, refreshToken: '', extra: 1 } });
    expect(error.details.field).toMatch(/^crm\./);
    expect(error.message).toContain("'crm.loginUrl' must be an https:// URL");
    expect(error.message).toContain("'crm.auth.extra'");
    expect(error.message).toContain("'crm.auth.refreshToken'");
    expect(error.message).not.toContain('csecret');
  });

  it('requires instanceUrl with the access_token flow', () => {
    expect(errorOf({ type: 'salesforce', auth: { flow: 'access_token', accessToken: 'x' } }).details.field).toBe('crm.instanceUrl');
  });

  it('requires exactly one of privateKeyFile / privateKey for jwt', () => {
    const jwt = { flow: 'jwt', clientId: 'c', username: 'u' };
    expect(errorOf({ type: 'salesforce', auth: jwt }).details.field).toBe('crm.auth.privateKeyFile');
    expect(errorOf({ type: 'salesforce', auth: { ...jwt, privateKey: 'k', privateKeyFile: 'f' } }).message).toContain('exactly one');
  });

  it('rejects an unknown flow, unknown keys and bad field names', () => {
    expect(errorOf({ type: 'salesforce', auth: { flow: 'magic' } }).message).toContain("'crm.auth.flow' must be one of access_token");
    expect(errorOf({ type: 'salesforce', auth: refresh, token: 'x' }).details.field).toBe('crm.token');
    expect(errorOf({ type: 'salesforce', auth: refresh, fields: { caseExternalId: "x' OR" } }).details.field).toBe('crm.fields.caseExternalId');
    expect(errorOf({ type: 'salesforce', auth: refresh, apiVersion: 62 }).details.field).toBe('crm.apiVersion');
  });

  it('allows http only for loopback hosts', () => {
    expect(isAllowedUrl('https://acme.my.salesforce.com')).toBe(true);
    expect(isAllowedUrl('http://127.0.0.1:8080')).toBe(true);
    expect(isAllowedUrl('http://[::1]:8080')).toBe(true);
    expect(isAllowedUrl('http://localhost')).toBe(true);
    expect(isAllowedUrl('http://acme.my.salesforce.com')).toBe(false);
    expect(isAllowedUrl('http://127.0.0.1.evil.com')).toBe(false);
    expect(isAllowedUrl('ftp://127.0.0.1')).toBe(false);
    expect(isAllowedUrl('https://user:pw@acme.my.salesforce.com')).toBe(false);
    expect(isAllowedUrl('not a url')).toBe(false);
  });
});

describe('crm.loginUrl / crm.instanceUrl must be base URLs', () => {
  const base = { type: 'salesforce', auth: refresh };

  it('names crm.loginUrl when the token endpoint is pasted, and says what to give', () => {
    for (const loginUrl of ['https://login.salesforce.com/services/oauth2/token', 'https://acme.my.salesforce.com/services/oauth2/token?x=1']) {
      const error = errorOf({ ...base, loginUrl });
      expect(error.details.field).toBe('crm.loginUrl');
      expect(error.message).toContain("'crm.loginUrl' must be the base URL with no path");
      expect(error.message).toContain('https://login.salesforce.com');
      expect(error.message).toContain('https://test.salesforce.com');
      expect(error.message).toContain('My Domain');
      expect(error.message).not.toContain('?x=1');
    }
  });

  it('accepts the documented base URLs, with or without a trailing slash', () => {
    for (const loginUrl of ['https://login.salesforce.com/', 'https://test.salesforce.com', 'https://acme.my.salesforce.com']) {
      expect(parseSalesforceConfig({ ...base, loginUrl }).loginUrl).toBe(loginUrl.replace(/\/$/, ''));
    }
  });

  it('names crm.instanceUrl given with a /services/data path', () => {
    const error = errorOf({ ...base, instanceUrl: 'https://acme.my.salesforce.com/services/data/v62.0' });
    expect(error.details.field).toBe('crm.instanceUrl');
    expect(error.message).toContain("'crm.instanceUrl' must be the org's base URL with no path");
    expect(error.message).toContain('crm.apiVersion');
  });

  it('refuses a Lightning Experience URL and names the My Domain URL to use', () => {
    const error = errorOf({ ...base, instanceUrl: 'https://acme--uat.sandbox.lightning.force.com/' });
    expect(error.details.field).toBe('crm.instanceUrl');
    expect(error.message).toContain('Lightning');
    expect(error.message).toContain('https://acme--uat.sandbox.my.salesforce.com');
    expect(errorOf({ ...base, loginUrl: 'https://acme.lightning.force.com' }).message).toContain('https://acme.my.salesforce.com');
  });

  it('says credentials are not allowed in the URL, without echoing them', () => {
    const error = errorOf({ ...base, loginUrl: 'http://admin7:Pw0rdSECRET@127.0.0.1:8443/' });
    expect(error.details.field).toBe('crm.loginUrl');
    expect(error.message).toContain("'crm.loginUrl' must not contain credentials");
    expect(error.message).not.toContain('https://');
    expect(error.message).toContain('http://127.0.0.1:8443/');
    expect(error.message).not.toMatch(/Pw0rdSECRET|admin7/);
  });
});
