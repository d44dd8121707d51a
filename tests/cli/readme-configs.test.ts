/**
 * The README's job configs are what admins copy: each ```yaml block must be valid YAML and, completed
 * with the parts it leaves to other sections, a config the job accepts (keys exactly as shown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseJobConfig } from '../../src/cli/config/parse.js';
import { ROOT } from '../e2e/run-job.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
const env = new Proxy({} as NodeJS.ProcessEnv, { get: (_t, name) => (typeof name === 'string' ? `value-of-${name}` : undefined), has: () => true });
const base = { source: { type: 'jsonl', path: 'posts.jsonl' }, crm: { type: 'local', path: 'crm.json' }, brand: { handles: ['AcmeHelp'] } };

describe('README job configs', () => {
  it('has the four config blocks (reference, X, Salesforce, SugarCRM)', () => {
    expect(blocks).toHaveLength(4);
  });

  it.each(blocks.map((b, i) => [i, b] as const))('block %i is valid YAML and a config the job accepts', (_i, block) => {
    const parsed = parseYaml(block) as Record<string, unknown>;
    expect(() => parseJobConfig({ ...base, ...parsed }, env)).not.toThrow();
  });
});
