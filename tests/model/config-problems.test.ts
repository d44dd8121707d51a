import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../../src/model/config-problems.js';

const Schema = z.strictObject({ auth: z.strictObject({ token: z.string() }), search: z.array(z.strictObject({ name: z.string() })).optional() });
const errorOf = (value: unknown): z.ZodError => {
  const parsed = Schema.safeParse(value);
  if (parsed.success) throw new Error('expected a failure');
  return parsed.error;
};

describe('configProblems', () => {
  it('names each key under its section, an unknown key itself, and never echoes a value', () => {
    const problems = configProblems(errorOf({ auth: { token: 5, tokn: 'hunter2-secret' }, search: [{ name: 1 }] }), 'source');
    expect(problems.map((p) => p.key)).toEqual(expect.arrayContaining(['source.auth.token', 'source.auth.tokn', 'source.search[0].name']));
    expect(problems.find((p) => p.key === 'source.auth.tokn')?.text).toBe("unknown key 'source.auth.tokn'");
    expect(JSON.stringify(problems)).not.toContain('hunter2-secret');
  });

  it("keys without a section when root is '', and a caller's own wording where it gives one", () => {
    const problems = configProblems(errorOf({ auth: {} }), '', (issue) => (issue.path.join('.') === 'auth.token' ? 'is the API token' : undefined));
    expect(problems).toEqual([{ key: 'auth.token', text: "'auth.token' is the API token" }]);
  });
});
