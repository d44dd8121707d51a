import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { formatPath } from '../../model/validate.js';
import { brandProblems, distinctFileProblems } from './checks.js';
import { convertEnvText, interpolateEnv } from './env.js';
import { explainIssue } from './explain.js';
import { JobConfigError, type ConfigProblem } from './problems.js';
import { JobConfigSchema, type JobConfig } from './schema.js';

/**
 * Sets, in place, each env-provided string the schema wants as a number or boolean to that value.
 * True when something changed (then the config is validated again).
 */
function convertEnvValues(data: unknown, issues: readonly z.core.$ZodIssue[], fromEnv: ReadonlySet<string>): boolean {
  let changed = false;
  for (const issue of issues) {
    if (issue.code !== 'invalid_type') continue;
    const expected = issue.expected === 'number' ? 'number' : issue.expected === 'boolean' ? 'boolean' : undefined;
    if (expected === undefined) continue;
    if (!fromEnv.has(formatPath(issue.path)) || issue.path.length === 0) continue;
    const parent = issue.path.slice(0, -1).reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<PropertyKey, unknown>)[k] : undefined), data);
    const key = issue.path.at(-1) as PropertyKey;
    const text = parent !== null && typeof parent === 'object' ? (parent as Record<PropertyKey, unknown>)[key] : undefined;
    const value = typeof text === 'string' ? convertEnvText(text, expected) : undefined;
    if (value === undefined) continue;
    (parent as Record<PropertyKey, unknown>)[key] = value;
    changed = true;
  }
  return changed;
}

/**
 * Validates a parsed job config (YAML/JSON already read): `${NAME}` references are replaced from
 * `env` (and converted where a number or boolean is wanted), then the schema and the job's own rules
 * (a brand, distinct files) run. Every problem is reported at once in one {@link JobConfigError}.
 */
export function parseJobConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): JobConfig {
  const { value, fromEnv, problems: envProblems } = interpolateEnv(raw, env);
  let parsed = JobConfigSchema.safeParse(value);
  if (!parsed.success && convertEnvValues(value, parsed.error.issues, fromEnv)) parsed = JobConfigSchema.safeParse(value);
  const envFields = new Set(envProblems.map((p) => p.field));
  const problems: ConfigProblem[] = [
    ...envProblems,
    // A key whose env var is missing already has its problem: not also "expected number".
    ...(parsed.success ? [] : parsed.error.issues.flatMap((i) => explainIssue(i, JobConfigSchema, value)).filter((p) => !envFields.has(p.field))),
    ...brandProblems(value),
    ...distinctFileProblems(value),
  ];
  if (problems.length > 0 || !parsed.success) throw new JobConfigError(problems.length > 0 ? problems : [{ field: '(root)', message: 'invalid' }]);
  return parsed.data;
}

/** Reads a YAML or JSON job config file and validates it with {@link parseJobConfig}. */
export function loadJobConfig(file: string, env: NodeJS.ProcessEnv = process.env): JobConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`Cannot read config file ${file}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`, { field: '--config' });
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Config file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, { field: '--config' });
  }
  return parseJobConfig(raw ?? {}, env);
}
