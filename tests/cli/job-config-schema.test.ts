import { describe, expect, it } from 'vitest';
import { JobConfigSchema } from '../../src/cli/config/schema.js';
import { JobConfigError } from '../../src/cli/config/problems.js';
import { parseJobConfig } from '../../src/cli/config/parse.js';

const base = { source: { type: 'jsonl', path: 'x.jsonl' }, crm: { type: 'local', path: 'y.json' }, brand: { handles: ['AcmeHelp'] } };
const problemsOf = (raw: unknown) => {
  try {
    parseJobConfig(raw, {});
    return [];
  } catch (error) {
    if (!(error instanceof JobConfigError)) throw error;
    return error.problems;
  }
};

describe('the exported JobConfigSchema refuses what the job refuses', () => {
  it('accepts a config the job runs', () => {
    expect(JobConfigSchema.safeParse(base).success).toBe(true);
  });

  it('refuses a config without a brand account, naming brand', () => {
    const parsed = JobConfigSchema.safeParse({ ...base, brand: undefined });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['brand']);
  });

  it('refuses a state file that is the CRM file, naming state.path', () => {
    const parsed = JobConfigSchema.safeParse({ ...base, state: { type: 'file', path: './y.json' } });
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['state.path']);
  });

  it('parseJobConfig still lists each such problem once, beside the schema problems', () => {
    expect(problemsOf({ ...base, brand: undefined }).map((p) => p.field)).toEqual(['brand']);
    expect(problemsOf({ ...base, brand: {}, batchSize: 'x', state: { type: 'file', path: 'y.json' } }).map((p) => p.field).sort()).toEqual(['batchSize', 'brand', 'state.path']);
  });
});

describe('config problems never show an env value', () => {
  it('a secret that lands in a checked value (a template) is shown as ${NAME}', () => {
    const raw = { ...base, mapping: { commentTemplate: '{token_${SECRET}}' } };
    let error: unknown;
    try {
      parseJobConfig(raw, { SECRET: 'hunter2-S3cr3t' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JobConfigError);
    const shown = `${String(error)} ${JSON.stringify(error)} ${JSON.stringify((error as JobConfigError).problems)}`;
    expect(shown).not.toContain('hunter2-S3cr3t');
    expect((error as JobConfigError).problems[0]?.message).toContain('{token_${SECRET}}');
  });
});
