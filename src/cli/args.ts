import { parseArgs } from 'node:util';
import { ConfigError } from '../errors.js';

/** Command-line options of the sync job. */
export interface JobArgs {
  readonly config: string;
  readonly dryRun: boolean;
  /** Seconds between polls in watch mode; undefined = run once. */
  readonly watchSeconds: number | undefined;
  readonly json: boolean;
  readonly help: boolean;
  /** `--check`: check the CRM's and source's setup instead of syncing. */
  readonly check: boolean;
  /** `--check --apply`: create what is missing where the CRM allows it. */
  readonly apply: boolean;
  // Flags of commands other than the sync go here and in OPTIONS, USAGE and `runCli`'s dispatch
  // (`--list-dead-letters`, `--replay-dead-letters` come with the dead-letter tools).
}

/** Usage text. */
export const USAGE = `Usage: social-crm-sync --config FILE [--dry-run] [--once | --watch [SECONDS]] [--json]
       social-crm-sync --config FILE --check [--apply]
       (from a clone: npm run sync -- --config FILE …; the -- keeps npm from taking the flags)

  --config FILE    job config (YAML or JSON); secrets come from env vars named in it as \${NAME}
  --dry-run        print the plan of every batch; write nothing (CRM, state and checkpoint untouched)
  --once           sync what the source has now, then stop (default)
  --watch [S]      keep polling the source every S seconds (default 60) until Ctrl-C / SIGTERM
  --json           print the SyncReport as one JSON line at the end of stdout
  --check          check that the CRM and the source are set up for the connector (fields, permissions, credentials)
  --apply          with --check: create what is missing where the CRM allows it
  --help           this text

Exit codes: 0 all synced (--check: all ready), 1 finished with dead letters, 2 config or auth error
(nothing written; --check: something is not ready), 3 stopped by an error (e.g. the CRM was
unreachable after retries), 130 stopped by Ctrl-C / SIGTERM before the end of the input; rerunning
resumes at the last checkpoint. Ctrl-C while --watch waits for new posts ends the run normally (0 or 1).`;

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  'dry-run': { type: 'boolean', default: false },
  once: { type: 'boolean', default: false },
  watch: { type: 'string' },
  json: { type: 'boolean', default: false },
  check: { type: 'boolean', default: false },
  apply: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Parses argv (without node and script). Wrong flags are a ConfigError naming the flag, with the usage. */
export function parseJobArgs(argv: readonly string[]): JobArgs {
  // A bare `--watch` (last, or followed by another flag) means the default interval.
  const args = argv.map((a, i) => (a === '--watch' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('-') === true) ? '--watch=60' : a));
  let values;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`, { field: 'argv' });
  }
  let watchSeconds: number | undefined;
  if (values.watch !== undefined) {
    const n = values.watch === '' ? 60 : Number(values.watch);
    if (!Number.isFinite(n) || n <= 0) throw new ConfigError(`--watch expects a number of seconds, got '${values.watch}'`, { field: '--watch' });
    watchSeconds = n;
  }
  if (values.once && watchSeconds !== undefined) throw new ConfigError('--once and --watch exclude each other', { field: '--watch' });
  if (values.apply && !values.check) throw new ConfigError('--apply goes with --check (social-crm-sync --config FILE --check --apply)', { field: '--apply' });
  if (values.check && (values['dry-run'] || watchSeconds !== undefined)) throw new ConfigError('--check runs alone: no --dry-run or --watch with it', { field: '--check' });
  if (!values.help && values.config === undefined) throw new ConfigError(`--config FILE is required\n\n${USAGE}`, { field: '--config' });
  return {
    config: values.config ?? '',
    dryRun: values['dry-run'],
    watchSeconds,
    json: values.json,
    help: values.help,
    check: values.check,
    apply: values.apply,
  };
}
