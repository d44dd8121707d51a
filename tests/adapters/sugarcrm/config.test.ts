import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { isAllowedBaseUrl, parseSugarConfig } from '../../../src/adapters/sugarcrm/config.js';
import { CrmConfigSchema } from '../../../src/cli/config/crms.js';

const auth = { username: 'sync', password: 's3cret-pw', clientId: 'sugar', clientSecret: '', platform: 'social_sync' };

function errorOf(input: unknown): ConfigError {
  try {
    parseSugarConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('SugarCRM config', () => {
  it('takes exactly the documented keys and fills the documented defaults', () => {
    const config = parseSugarConfig({ type: 'sugarcrm', baseUrl: 'https://acme.sugarondemand.com', auth });
    expect(config).toMatchObject({
      apiVersion: 'v11',
      accountId: null,
      fields: {
        caseExternalId: 'social_post_id_c',
        caseThreadKey: 'social_thread_key_c',
        contactExternalId: 'social_author_id_c',
        contactHandle: 'twitter',
        noteExternalId: 'social_post_id_c',
      },
      statuses: { new: 'New', reopen: 'Assigned', closed: ['Closed', 'Rejected', 'Duplicate'] },
      priorities: { High: 'P1', Medium: 'P2', Low: 'P3' },
      bulkSize: 20,
    });
    const full = {
      type: 'sugarcrm',
      baseUrl: 'https://acme.sugarondemand.com',
      apiVersion: 'v11',
      auth,
      accountId: null,
      fields: {
        caseExternalId: 'social_post_id_c',
        caseThreadKey: 'social_thread_key_c',
        contactExternalId: 'social_author_id_c',
        contactHandle: 'twitter',
        noteExternalId: 'social_post_id_c',
      },
      statuses: { new: 'Open_New', reopen: 'Open_Assigned', closed: ['Closed_Closed'] },
      priorities: { High: 'P1', Medium: 'P2', Low: 'P3' },
      bulkSize: 20,
    };
    expect(parseSugarConfig(full).statuses.new).toBe('Open_New');
  });

  it('refuses plain http except to loopback hosts, naming crm.baseUrl', () => {
    expect(isAllowedBaseUrl('http://127.0.0.1:8080')).toBe(true);
    expect(isAllowedBaseUrl('http://localhost:1')).toBe(true);
    expect(isAllowedBaseUrl('http://[::1]:1')).toBe(true);
    expect(isAllowedBaseUrl('https://user:pw@acme.example')).toBe(false);
    const error = errorOf({ type: 'sugarcrm', baseUrl: 'http://acme.sugarondemand.com', auth });
    expect(error.details.field).toBe('crm.baseUrl');
    expect(error.message).toContain('https://');
  });

  it('names unknown and missing keys and never shows the password', () => {
    const error = errorOf({ type: 'sugarcrm', baseUrl: 'ftp://x', auth: { ...auth, username: '' }, bulksize: 3 });
    expect(error.message).toContain("'crm.bulksize'");
    expect(error.message).toContain('crm.baseUrl');
    expect(error.message).toContain('crm.auth.username');
    expect(error.message).not.toContain('s3cret-pw');
    expect(errorOf({ type: 'sugarcrm', baseUrl: 'https://a.example', auth, fields: { caseExternalID: 'x_c' } }).details.field).toBe(
      'crm.fields.caseExternalID',
    );
    expect(errorOf({ type: 'sugarcrm', baseUrl: 'https://a.example' }).details.field).toBe('crm.auth');
  });

  it('refuses a closed status used as new or reopen, and a bad field name', () => {
    expect(errorOf({ type: 'sugarcrm', baseUrl: 'https://a.example', auth, statuses: { reopen: 'Closed' } }).details.field).toBe(
      'crm.statuses.closed',
    );
    expect(errorOf({ type: 'sugarcrm', baseUrl: 'https://a.example', auth, fields: { contactHandle: 'two words' } }).details.field).toBe(
      'crm.fields.contactHandle',
    );
  });
});

describe('crm.baseUrl given as the REST base', () => {
  const base = { type: 'sugarcrm', auth };

  it('takes <site_url>/rest/<version>[/] apart: site URL kept, its version used when apiVersion is not set', () => {
    const cases: Array<[string, string]> = [
      ['https://acme.sugarondemand.com/rest/v11', 'v11'],
      ['https://acme.sugarondemand.com/rest/v11/', 'v11'],
      ['https://acme.sugarondemand.com/rest/v11_20', 'v11_20'],
      ['https://acme.example/sugar/rest/v11_20/', 'v11_20'],
    ];
    for (const [baseUrl, version] of cases) {
      const config = parseSugarConfig({ ...base, baseUrl });
      expect(config.baseUrl).toBe(baseUrl.replace(/\/rest\/.*$/, ''));
      expect(config.apiVersion).toBe(version);
    }
    expect(parseSugarConfig({ ...base, baseUrl: 'https://a.example/rest/v11_20', apiVersion: 'v11_20' }).apiVersion).toBe('v11_20');
    expect(parseSugarConfig({ ...base, baseUrl: 'https://a.example/', apiVersion: 'v11_4' })).toMatchObject({ baseUrl: 'https://a.example', apiVersion: 'v11_4' });
    // The job file's crm: block goes through the same schema (the CLI's union of CRM types).
    expect(CrmConfigSchema.parse({ ...base, baseUrl: 'https://acme.sugarondemand.com/rest/v11_20/' })).toMatchObject({ baseUrl: 'https://acme.sugarondemand.com', apiVersion: 'v11_20' });
  });

  it('names crm.baseUrl when its version contradicts crm.apiVersion, or another /rest/ path is given', () => {
    const clash = errorOf({ ...base, baseUrl: 'https://a.example/rest/v11_20/', apiVersion: 'v11' });
    expect(clash.details.field).toBe('crm.baseUrl');
    expect(clash.message).toContain('without /rest/');
    for (const baseUrl of ['https://a.example/rest/v11/oauth2/token', 'https://a.example/rest/']) {
      const error = errorOf({ ...base, baseUrl });
      expect(error.details.field).toBe('crm.baseUrl');
      expect(error.message).toContain("'crm.baseUrl' must be the instance URL without /rest/");
    }
  });

  it('says credentials are not allowed in the URL, in the same words as Salesforce, without echoing them', () => {
    const error = errorOf({ ...base, baseUrl: 'http://sync:Pw0rdSECRET@127.0.0.1:8080/' });
    expect(error.details.field).toBe('crm.baseUrl');
    expect(error.message).toContain("'crm.baseUrl' must not contain credentials");
    expect(error.message).not.toMatch(/Pw0rdSECRET|sync:Pw/);
  });
});
