import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { formatPath } from '../../model/validate.js';
import { brandProblems, distinctFileProblems } from './checks.js';
import { convertEnvText, interpolateEnv, redactEnvValues } from './env.js';
import { explainIssue } from './explain.js';
import { JobConfigError, type ConfigProblem } from './problems.js';
import { JOB_RULE, JobConfigSchema, type JobConfig } from './schema.js';

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

/** An issue of the schema's job rules: listed from the raw config below (also when other keys are wrong). */
const isJobRule = (issue: z.core.$ZodIssue): boolean => issue.code === 'custom' && issue.params?.[JOB_RULE] === true;

/**
 * Validates a parsed job config (YAML/JSON already read): `${NAME}` references are replaced from
 * `env` (and converted where a number or boolean is wanted), then the schema and the job's own rules
 * (a brand, distinct files) run. Every problem is reported at once in one {@link JobConfigError}.
 */
export function parseJobConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): JobConfig {
  const { value, fromEnv, problems: envProblems, substituted } = interpolateEnv(raw, env);
  let parsed = JobConfigSchema.safeParse(value);
  if (!parsed.success && convertEnvValues(value, parsed.error.issues, fromEnv)) parsed = JobConfigSchema.safeParse(value);
  const envFields = new Set(envProblems.map((p) => p.field));
  const problems: ConfigProblem[] = [
    ...envProblems,
    // A key whose env var is missing already has its problem: not also "expected number".
    ...(parsed.success ? [] : parsed.error.issues.filter((i) => !isJobRule(i)).flatMap((i) => explainIssue(i, JobConfigSchema, value)).filter((p) => !envFields.has(p.field))),
    ...brandProblems(value),
    ...distinctFileProblems(value),
  ];
  const shown = problems.map((p) => ({ field: p.field, message: redactEnvValues(p.message, substituted) }));
  if (shown.length > 0 || !parsed.success) throw new JobConfigError(shown.length > 0 ? shown : [{ field: '(root)', message: 'invalid' }]);
  return parsed.data;
}

/** Plain words for why a config file cannot be read. */
const UNREADABLE: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a folder',
};

/** An unquoted `${NAME}` in the line of a YAML error: inside `{ … }` YAML reads its `{` as a new map. */
const UNQUOTED_REFERENCE = /(^|[\s,{:[])\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/** The fix to add to a YAML error whose line holds an unquoted `${NAME}` (the line itself is never quoted: it may hold a secret). */
function unquotedReferenceHint(text: string, error: unknown): string {
  const line = (error as { linePos?: readonly { line: number }[] }).linePos?.[0]?.line;
  const source = line === undefined ? undefined : text.split(/\r?\n/)[line - 1];
  return source !== undefined && UNQUOTED_REFERENCE.test(source) ? ' (write a ${NAME} inside { … } in quotes: key: "${NAME}")' : '';
}

/** Reads a YAML or JSON job config file and validates it with {@link parseJobConfig}. */
export function loadJobConfig(file: string, env: NodeJS.ProcessEnv = process.env): JobConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === undefined ? String(error) : (UNREADABLE[code] ?? code);
    const from = isAbsolute(file) ? '' : ` (relative to the working directory, ${process.cwd()})`;
    throw new ConfigError(`Cannot read config file ${file}${code === 'ENOENT' ? from : ''}: ${why}`, { field: '--config' });
  }
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    // yaml's first line ends "at line 2, column 1:" before quoting the file's lines (which may hold a
    // literal secret): keep the line and column, not the quote nor its dangling colon.
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? '').replace(/:\s*$/, '') : String(error);
    const hint = file.endsWith('.json') ? '' : unquotedReferenceHint(text, error);
    throw new ConfigError(`Config file ${file} is not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${why}${hint}`, { field: '--config' });
  }
  return parseJobConfig(raw ?? {}, env);
}
