import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/summary.js';
import { emptyReport } from '../../src/model/report.js';

describe('summary table', () => {
  it('shows how many CRM calls wrote, under the calls', () => {
    const text = formatSummary({ ...emptyReport(false), crmCalls: 7, crmWrites: 3 }, 'crm.json');
    expect(text).toMatch(/CRM API calls\s+7\n\s+of which wrote to the CRM\s+3\n/);
  });
});

describe('where the CRM is', () => {
  it('a local CRM is a file; a remote one is its URL, not a "CRM file"', () => {
    expect(formatSummary(emptyReport(false), '.data/crm.json')).toMatch(/\nCRM file: \.data\/crm\.json$/);
    const remote = formatSummary(emptyReport(false), 'https://acme.my.salesforce.com');
    expect(remote).toMatch(/\nCRM: https:\/\/acme\.my\.salesforce\.com$/);
    expect(remote).not.toContain('CRM file');
  });
});
