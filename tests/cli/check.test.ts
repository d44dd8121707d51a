import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/cli/check-command.js';
import type { CliIo } from '../../src/cli/io.js';
import type { SetupCheckReport } from '../../src/model/setup-check.js';
import { ROOT, runJob, tempDir, writeConfig } from '../e2e/run-job.js';
import { join } from 'node:path';

function captured(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { out, io: { out: (t) => out.push(t), err: () => undefined, errIsTty: false, env: {} } };
}
const signal = new AbortController().signal;

describe('--check', () => {
  it('prints every item of the CRM and source checks; exit 2 when one is not ready, passing --apply on', async () => {
    const seen: unknown[] = [];
    const crmReport: SetupCheckReport = {
      service: 'salesforce',
      ready: false,
      items: [
        { what: 'Case.Social_Post_Id__c (External ID, unique)', ok: false, detail: 'missing', fix: 'Setup > Object Manager > Case > New field' },
        { what: 'Origin picklist value "Twitter"', ok: true, detail: 'found' },
      ],
    };
    const { io, out } = captured();
    const code = await runChecks(
      {
        crm: { check: async (_ctx, options) => (seen.push(options), crmReport) },
        source: { check: async () => ({ service: 'x', ready: true, items: [{ what: 'bearer token', ok: true }] }) },
        crmType: 'salesforce',
        sourceType: 'twitter',
      },
      { apply: true, json: false },
      io,
      signal,
    );
    expect(code).toBe(2);
    expect(seen).toEqual([{ apply: true }]);
    const text = out.join('\n');
    expect(text).toContain('salesforce: not ready');
    expect(text).toContain('✗ Case.Social_Post_Id__c (External ID, unique) (missing)');
    expect(text).toContain('fix: Setup > Object Manager > Case > New field');
    expect(text).toContain('✓ Origin picklist value "Twitter" (found)');
    expect(text).toContain('x: ready');
  });

  it('--apply: a ready item that still needs the admin (permission set not assigned) prints the next step', async () => {
    const { io, out } = captured();
    const assign = 'Assign it to the integration user: `sf org assign permset --name Social_CRM_Connector --on-behalf-of <username>`';
    const report: SetupCheckReport = {
      service: 'salesforce',
      ready: true,
      items: [
        { what: 'Case createable', ok: true, detail: 'yes' },
        { what: 'Permission set Social_CRM_Connector', ok: true, applied: true, detail: 'created through the Metadata API; not assigned yet', fix: assign },
      ],
    };
    const code = await runChecks({ crm: { check: async () => report }, source: {}, crmType: 'salesforce', sourceType: 'jsonl' }, { apply: true, json: false }, io, signal);
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain(`✓ Permission set Social_CRM_Connector (created through the Metadata API; not assigned yet) [done by --apply]\n      next: ${assign}`);
    expect(text.match(/next:|fix:/g)).toHaveLength(1);
  });

  it('--apply run again: an item it updated is not called created', async () => {
    const { io, out } = captured();
    const report: SetupCheckReport = { service: 'salesforce', ready: true, items: [{ what: 'Permission set Social_CRM_Connector', ok: true, applied: true, detail: 'updated through the Metadata API; not assigned yet' }] };
    await runChecks({ crm: { check: async () => report }, source: {}, crmType: 'salesforce', sourceType: 'jsonl' }, { apply: true, json: false }, io, signal);
    expect(out.join('\n')).toContain('✓ Permission set Social_CRM_Connector (updated through the Metadata API; not assigned yet) [done by --apply]');
    expect(out.join('\n')).not.toContain('created');
  });

  it('exit 0 when all is ready', async () => {
    const { io } = captured();
    const ready = async (): Promise<SetupCheckReport> => ({ service: 's', ready: true, items: [] });
    expect(await runChecks({ crm: { check: ready }, source: { check: ready }, crmType: 'a', sourceType: 'b' }, { apply: false, json: false }, io, signal)).toBe(0);
  });

  it('the local CRM has nothing to check: exit 0, nothing written', () => {
    const dir = tempDir('check');
    const config = writeConfig(dir, {
      source: { type: 'jsonl', path: join(ROOT, 'examples/data/bad-lines.jsonl') },
      crm: { type: 'local', path: join(dir, 'crm.json') },
      brand: { handles: ['AcmeHelp'] },
    });
    const run = runJob(['--config', config, '--check']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('crm (local): this CRM has nothing to check');
  });
});
