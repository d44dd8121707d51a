import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { JobConfig, JobConfigInput } from '../../src/cli/config/schema.js';
import type { SyncSettingsInput } from '../../src/sync/settings.js';
import { JobConfigError, type ConfigProblem } from '../../src/cli/config/problems.js';
import { interpolateEnv } from '../../src/cli/config/env.js';
import { parseJobConfig } from '../../src/cli/config/parse.js';

const brand = { handles: ['AcmeHelp'] };
const base = { source: { type: 'jsonl', path: 'x.jsonl' }, crm: { type: 'local', path: 'y.json' }, brand };
/** The problems a config has (every one of them). */
const problemsOf = (raw: unknown, env: NodeJS.ProcessEnv = {}): readonly ConfigProblem[] => {
  try {
    parseJobConfig(raw, env);
  } catch (error) {
    if (error instanceof JobConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a JobConfigError');
};
const only = (raw: unknown, env: NodeJS.ProcessEnv = {}): ConfigProblem => {
  const problems = problemsOf(raw, env);
  expect(problems).toHaveLength(1);
  return problems[0] as ConfigProblem;
};

describe('job config', () => {
  it('a SQLite state without path takes the default file beside crm.path (state: { type: sqlite, retainDays: 30 })', () => {
    const config = parseJobConfig({ ...base, crm: { type: 'local', path: 'data/crm.json' }, state: { type: 'sqlite', retainDays: 30 } }, {});
    expect(config.state).toEqual({ type: 'sqlite', path: join('data', 'state.db'), retainDays: 30 });
    expect(parseJobConfig({ ...base, state: { type: 'sqlite' } }, {}).state).toEqual(parseJobConfig(base, {}).state);
    expect(only({ ...base, state: { type: 'file' } })).toMatchObject({ field: 'state.path' }); // a file state still names its file
  });

  it('fills every default from a minimal config', () => {
    const config = parseJobConfig(base, {});
    expect(config).toMatchObject({ state: { type: 'sqlite', retainDays: 400 }, batchSize: 200, threads: { reopenWindowDays: 5, joinRecentOpenCaseHours: null }, brand: { handles: ['AcmeHelp'], ids: [] } });
    expect(config.triage.priority.default).toBe('Medium');
    expect(config.limits.retries).toBe(5);
  });

  it('a config without state gets a SQLite state beside the CRM file; memory must be asked for', () => {
    expect(parseJobConfig({ ...base, crm: { type: 'local', path: 'data/crm.json' } }, {}).state).toEqual({ type: 'sqlite', path: join('data', 'state.db'), retainDays: 400 });
    expect(parseJobConfig({ ...base, state: { type: 'memory' } }, {}).state).toEqual({ type: 'memory' });
    expect(parseJobConfig({ ...base, state: { type: 'sqlite', path: 's.db', retainDays: 30 } }, {}).state).toEqual({ type: 'sqlite', path: 's.db', retainDays: 30 });
    expect(only({ ...base, state: { type: 'sqlite', path: 's.db', retainDays: 0 } }).field).toBe('state.retainDays');
  });

  it('names the wrong key and says what is expected', () => {
    expect(only({ ...base, batchSize: 'lots' })).toEqual({ field: 'batchSize', message: 'expected number, received string' });
    expect(only({ ...base, source: { type: 'jsonl' } })).toEqual({ field: 'source.path', message: 'is required (expected string)' });
    expect(only({ ...base, triage: { rules: [{ name: 't', when: { keyword: ['a'] }, action: 'case' }] } }).field).toBe('triage.rules[0].when.keyword');
    expect(only({ ...base, crm: { type: 'sugar', path: 'y' } })).toEqual({ field: 'crm.type', message: 'must be one of: "local", "salesforce", "sugarcrm"' });
    expect(only({ ...base, threads: { reopenWindowDays: -1 } }).field).toBe('threads.reopenWindowDays');
    expect(only({ ...base, mapping: { subjectTemplate: '{nope}' } }).field).toBe('mapping.subjectTemplate');
    expect(only({ ...base, threads: { reopenWindowDay: 5 } })).toEqual({ field: 'threads.reopenWindowDay', message: "unknown key (did you mean 'reopenWindowDays'?)" });
  });

  it('lists every problem at once, each with its key, in the message too', () => {
    const raw = { ...base, batchSze: 10, threads: { reopenWindowDays: 'x' }, crm: { type: 'local', path: 'y.json', sed: 'z' }, limits: { retries: -1 } };
    const problems = problemsOf(raw);
    expect(problems.map((p) => p.field).sort()).toEqual(['batchSze', 'crm.sed', 'limits.retries', 'threads.reopenWindowDays']);
    let message = '';
    try {
      parseJobConfig(raw, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Config error, 4 problems:\n/);
    for (const p of problems) expect(message).toContain(`  - ${p.field}: ${p.message}`);
    expect(message).not.toContain('more problem');
  });

  it('says "did you mean" for an unknown key one edit away from a known one, also inside a chosen type', () => {
    expect(only({ ...base, batchSze: 10 }).message).toBe("unknown key (did you mean 'batchSize'?)");
    expect(only({ ...base, batchsize: 10 }).message).toBe("unknown key (did you mean 'batchSize'?)");
    expect(problemsOf({ ...base, brnad: brand, brand: undefined })).toContainEqual({ field: 'brnad', message: "unknown key (did you mean 'brand'?)" }); // swapped letters: one edit
    expect(only({ ...base, crm: { type: 'local', path: 'y.json', sede: 'z' } })).toEqual({ field: 'crm.sede', message: "unknown key (did you mean 'seed'?)" });
    expect(only({ ...base, limits: { retriez: 1 } }).message).toBe("unknown key (did you mean 'retries'?)");
    expect(only({ ...base, colour: 'red' })).toEqual({ field: 'colour', message: 'unknown key' }); // nothing near
  });

  it('refuses a config without the brand\'s accounts (its posts would become customer Cases)', () => {
    for (const b of [undefined, {}, { handles: [], ids: [] }]) {
      expect(only({ ...base, brand: b })).toMatchObject({ field: 'brand', message: expect.stringContaining('brand.handles') });
    }
    expect(parseJobConfig({ ...base, brand: { ids: ['900000000000000001'] } }, {}).brand).toEqual({ handles: [], ids: ['900000000000000001'] });
    // Listed together with the other problems.
    expect(problemsOf({ ...base, brand: undefined, batchSize: 0 }).map((p) => p.field)).toEqual(['batchSize', 'brand']);
  });

  it('takes brand: { none: true } as the engine does (no post of this source is the brand\'s), and names it in the refusal', () => {
    expect(parseJobConfig({ ...base, brand: { none: true } }, {}).brand).toMatchObject({ handles: [], ids: [], none: true });
    expect(only({ ...base, brand: { none: false } }).message).toContain('brand: { none: true }');
  });

  it('says to quote a brand id YAML read as an inexact number', () => {
    expect(only({ ...base, brand: { ids: [900000000000000001] } })).toMatchObject({ field: 'brand.ids[0]', message: expect.stringContaining('quote the id') });
    expect(parseJobConfig({ ...base, brand: { ids: [42, ' 7 '] } }, {}).brand.ids).toEqual(['42', '7']);
    expect(only({ ...base, brand: { ids: [true] } }).message).toContain('must be a provider user id');
  });

  it('refuses a state file that is the CRM file or one of its companions, and a seed that is the CRM file', () => {
    for (const statePath of ['y.json', './y.json', 'y.json.journal', 'y.json.lock']) {
      expect(only({ ...base, state: { type: 'file', path: statePath } }).field).toBe('state.path');
    }
    expect(only({ ...base, crm: { type: 'local', path: 'y.json', seed: './y.json' } }).field).toBe('crm.seed');
    expect(parseJobConfig({ ...base, state: { type: 'file', path: 'state.json' } }, {}).state).toEqual({ type: 'file', path: 'state.json', retainDays: 400 });
    // The same file through a symlinked folder.
    const dir = mkdtempSync(join(tmpdir(), 'job-config-'));
    try {
      symlinkSync(dir, `${dir}-link`);
      const crm = { type: 'local', path: join(dir, 'crm.json') };
      expect(only({ ...base, crm, state: { type: 'file', path: join(`${dir}-link`, 'crm.json') } }).field).toBe('state.path');
      // …also when the folders below the link do not exist yet.
      const deep = { type: 'local', path: join(dir, 'sub', 'crm.json') };
      expect(only({ ...base, crm: deep, state: { type: 'file', path: join(`${dir}-link`, 'sub', 'crm.json') } }).field).toBe('state.path');
    } finally {
      rmSync(`${dir}-link`, { force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes secrets from env vars named in the config, and names every missing one with its key', () => {
    expect(interpolateEnv({ a: { b: 'pre-${TOKEN}-post' } }, { TOKEN: 'xyz' }).value).toEqual({ a: { b: 'pre-xyz-post' } });
    expect(only({ ...base, crm: { type: 'local', path: '${CRM_FILE}' } })).toEqual({ field: 'crm.path', message: 'environment variable CRM_FILE is not set' });
    const both = problemsOf({ ...base, crm: { type: 'local', path: '${CRM_FILE}' }, batchSize: '${BATCH}' });
    expect(both).toEqual([
      { field: 'crm.path', message: 'environment variable CRM_FILE is not set' },
      { field: 'batchSize', message: 'environment variable BATCH is not set' },
    ]);
  });

  it('converts ${ENV} in a number or boolean field, and only there', () => {
    const config = parseJobConfig(
      { ...base, batchSize: '${BATCH}', limits: { retries: '${RETRIES}', jitter: '${JITTER}' }, threads: { joinRecentOpenCaseHours: '${HOURS}' } },
      { BATCH: '50', RETRIES: ' 3 ', JITTER: 'false', HOURS: '1.5' },
    );
    expect(config.batchSize).toBe(50);
    expect(config.limits.retries).toBe(3);
    expect(config.limits.jitter).toBe(false);
    expect(config.threads.joinRecentOpenCaseHours).toBe(1.5);
    // A string field keeps a numeric-looking value as text.
    expect(parseJobConfig({ ...base, source: { type: 'jsonl', path: '${IN}' } }, { IN: '123' }).source).toEqual({ type: 'jsonl', path: '123' });
    // Not a number: the usual message, naming the key.
    expect(only({ ...base, batchSize: '${BATCH}' }, { BATCH: 'lots' })).toEqual({ field: 'batchSize', message: 'expected number, received string' });
    // A literal string is not converted: only env references are.
    expect(only({ ...base, batchSize: '50' }).field).toBe('batchSize');
  });
});

describe('public types', () => {
  it('types brand.ids as string[] for those who write and read configs', () => {
    type In = NonNullable<NonNullable<JobConfigInput['brand']>['ids']>;
    type Out = JobConfig['brand']['ids'];
    expectTypeOf<In>().toEqualTypeOf<string[]>();
    expectTypeOf<Out>().toEqualTypeOf<string[]>();
    expectTypeOf<NonNullable<SyncSettingsInput['brand']>['ids']>().toEqualTypeOf<string[] | undefined>();
  });
});
