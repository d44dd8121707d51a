import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { parseJobArgs } from '../../examples/job/args.js';
import { interpolateEnv, parseJobConfig } from '../../examples/job/config.js';

const base = { source: { type: 'jsonl', path: 'x.jsonl' }, crm: { type: 'local', path: 'y.json' } };
const messageOf = (raw: unknown, env: NodeJS.ProcessEnv = {}): { field: string | undefined; message: string } => {
  try {
    parseJobConfig(raw, env);
  } catch (error) {
    if (error instanceof ConfigError) return { field: error.details.field, message: error.message };
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('job config', () => {
  it('fills every default from a minimal config', () => {
    const config = parseJobConfig(base, {});
    expect(config).toMatchObject({ state: { type: 'memory' }, batchSize: 200, threads: { reopenWindowDays: 5, joinRecentOpenCaseHours: null }, brand: { handles: [], ids: [] } });
    expect(config.triage.priority.default).toBe('Medium');
    expect(config.limits.retries).toBe(5);
  });

  it('names the wrong key and says what is expected', () => {
    expect(messageOf({ ...base, batchSize: 'lots' })).toEqual({ field: 'batchSize', message: "Config error: 'batchSize' expected number, received string" });
    expect(messageOf({ ...base, source: { type: 'jsonl' } })).toEqual({ field: 'source.path', message: "Config error: 'source.path' is required (expected string)" });
    expect(messageOf({ ...base, triage: { rules: [{ name: 't', when: { keyword: ['a'] }, action: 'case' }] } }).field).toBe('triage.rules[0].when.keyword');
    expect(messageOf({ ...base, crm: { type: 'sugar', path: 'y' } })).toEqual({ field: 'crm.type', message: "Config error: 'crm.type' must be one of: \"local\"" });
    expect(messageOf({ ...base, threads: { reopenWindowDays: -1 } }).field).toBe('threads.reopenWindowDays');
    expect(messageOf({ ...base, mapping: { subjectTemplate: '{nope}' } }).field).toBe('mapping.subjectTemplate');
    expect(messageOf({ ...base, threads: { reopenWindowDay: 5 } })).toEqual({ field: 'threads.reopenWindowDay', message: "Config error: unknown key 'threads.reopenWindowDay'" });
  });

  it('says to quote a brand id YAML read as an inexact number', () => {
    expect(messageOf({ ...base, brand: { ids: [900000000000000001] } })).toMatchObject({ field: 'brand.ids[0]', message: expect.stringContaining('quote the id') });
    expect(parseJobConfig({ ...base, brand: { ids: [42, ' 7 '] } }, {}).brand.ids).toEqual(['42', '7']);
    expect(messageOf({ ...base, brand: { ids: [true] } }).message).toContain('must be a provider user id');
  });

  it('refuses a state file that is the CRM file or one of its companions, and a seed that is the CRM file', () => {
    for (const statePath of ['y.json', './y.json', 'y.json.journal', 'y.json.lock']) {
      expect(messageOf({ ...base, state: { type: 'file', path: statePath } }).field).toBe('state.path');
    }
    expect(messageOf({ ...base, crm: { type: 'local', path: 'y.json', seed: './y.json' } }).field).toBe('crm.seed');
    expect(parseJobConfig({ ...base, state: { type: 'file', path: 'state.json' } }, {}).state).toEqual({ type: 'file', path: 'state.json' });
    // The same file through a symlinked folder.
    const dir = mkdtempSync(join(tmpdir(), 'job-config-'));
    try {
      symlinkSync(dir, `${dir}-link`);
      const crm = { type: 'local', path: join(dir, 'crm.json') };
      expect(messageOf({ ...base, crm, state: { type: 'file', path: join(`${dir}-link`, 'crm.json') } }).field).toBe('state.path');
      // …also when the folders below the link do not exist yet.
      const deep = { type: 'local', path: join(dir, 'sub', 'crm.json') };
      expect(messageOf({ ...base, crm: deep, state: { type: 'file', path: join(`${dir}-link`, 'sub', 'crm.json') } }).field).toBe('state.path');
    } finally {
      rmSync(`${dir}-link`, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes secrets from env vars named in the config, and names a missing one with its key', () => {
    expect(interpolateEnv({ a: { b: 'pre-${TOKEN}-post' } }, { TOKEN: 'xyz' })).toEqual({ a: { b: 'pre-xyz-post' } });
    expect(messageOf({ ...base, crm: { type: 'local', path: '${CRM_FILE}' } })).toEqual({ field: 'crm.path', message: 'crm.path: environment variable CRM_FILE is not set' });
  });
});

describe('job arguments', () => {
  it('parses the flags', () => {
    expect(parseJobArgs(['--config', 'c.yaml'])).toEqual({ config: 'c.yaml', dryRun: false, watchSeconds: undefined, json: false, help: false });
    expect(parseJobArgs(['--config', 'c.yaml', '--watch', '--json'])).toMatchObject({ watchSeconds: 60, json: true });
    expect(parseJobArgs(['--config', 'c.yaml', '--watch', '5', '--dry-run'])).toMatchObject({ watchSeconds: 5, dryRun: true });
  });

  it('refuses what makes no sense', () => {
    expect(() => parseJobArgs([])).toThrow(/--config FILE is required/);
    expect(() => parseJobArgs(['--config', 'c', '--once', '--watch', '3'])).toThrow(/exclude each other/);
    expect(() => parseJobArgs(['--config', 'c', '--watch', 'soon'])).toThrow(/number of seconds/);
  });
});
