import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../src/errors.js';
import { canonicalPath } from '../../src/files/file-lock.js';
import { SyncSettingsSchema } from '../../src/sync/settings.js';

const path = z.string().trim().min(1, 'must be a file path');

/** `source:` — where posts come from. */
export const SourceConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('jsonl'), path }),
]);

/** `crm:` — where Cases go. `seed`: a local CRM file to start from when `path` holds nothing yet. */
export const CrmConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local'), path, seed: path.optional() }),
]);

/** `state:` — checkpoints, post records, identity cache, dead letters. */
export const StateConfigSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('file'), path }),
  z.strictObject({ type: z.literal('memory') }),
]);

/** The job config file (YAML or JSON). Unknown keys are errors, so a typo never passes silently. */
export const JobConfigSchema = z.strictObject({
  source: SourceConfigSchema,
  crm: CrmConfigSchema,
  state: StateConfigSchema.default({ type: 'memory' }),
  ...SyncSettingsSchema.omit({ dryRun: true }).shape,
});
/** A validated job config. */
export type JobConfig = z.output<typeof JobConfigSchema>;

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Replaces `${NAME}` in every string with the environment variable; a missing one is a ConfigError naming the key. */
export function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, at = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_m, name: string) => {
      const v = env[name];
      if (v === undefined || v === '') throw new ConfigError(`${at || 'config'}: environment variable ${name} is not set`, { field: at });
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, `${at}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolateEnv(v, env, at ? `${at}.${k}` : k)]));
  }
  return value;
}

function issuePath(p: readonly PropertyKey[]): string {
  return p.map((s) => (typeof s === 'number' ? `[${s}]` : String(s))).join('.').replace(/\.\[/g, '[');
}

/** The `type` values each section accepts in this version (Salesforce, SugarCRM and X arrive with later issues). */
const TYPE_CHOICES: Readonly<Record<string, readonly string[]>> = {
  'source.type': ['jsonl'],
  'crm.type': ['local'],
  'state.type': ['file', 'memory'],
};

/** Explains one zod issue in plain words: which key, what was expected. */
function explain(issue: z.core.$ZodIssue): { field: string; text: string } {
  const base = issuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => (base ? `${base}.${k}` : k));
    return { field: keys[0] ?? base, text: `unknown key ${keys.map((k) => `'${k}'`).join(', ')}` };
  }
  const choices = TYPE_CHOICES[base];
  if (issue.code === 'invalid_union' && choices !== undefined) {
    return { field: base, text: `'${base}' must be one of: ${choices.map((c) => `"${c}"`).join(', ')}` };
  }
  const detail = issue.message.replace(/^Invalid input: /, '');
  if (issue.code === 'invalid_type' && detail.endsWith('received undefined')) {
    return { field: base, text: `'${base}' is required (${detail.replace(/, received undefined$/, '')})` };
  }
  return { field: base || '(root)', text: `'${base || '(root)'}' ${detail}` };
}

/** The files a store at `path` writes: the file itself, its journal, its lock and its temp file. */
const filesOf = (file: string): string[] => {
  const full = canonicalPath(file);
  return [full, `${full}.journal`, `${full}.lock`, `${full}.tmp`];
};

/** The CRM and the state must not write the same files (one would overwrite the other). */
function checkDistinctFiles(config: JobConfig): void {
  if (config.crm.seed !== undefined && canonicalPath(config.crm.seed) === canonicalPath(config.crm.path)) {
    throw new ConfigError(`Config error: crm.seed must be another file than crm.path (${config.crm.path})`, { field: 'crm.seed' });
  }
  if (config.state.type !== 'file') return;
  const crmFiles = new Set(filesOf(config.crm.path));
  if (filesOf(config.state.path).some((f) => crmFiles.has(f))) {
    throw new ConfigError(`Config error: state.path (${config.state.path}) must be another file than crm.path (${config.crm.path}) and its .journal/.lock files`, { field: 'state.path' });
  }
}

/** Validates a parsed config object. */
export function parseJobConfig(raw: unknown, env: NodeJS.ProcessEnv = process.env): JobConfig {
  const parsed = JobConfigSchema.safeParse(interpolateEnv(raw, env));
  if (parsed.success) {
    checkDistinctFiles(parsed.data);
    return parsed.data;
  }
  const first = parsed.error.issues[0];
  const { field, text } = first ? explain(first) : { field: '(root)', text: 'invalid' };
  const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more problem(s))` : '';
  throw new ConfigError(`Config error: ${text}${more}`, { field });
}

/** Reads a YAML or JSON job config file. */
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
