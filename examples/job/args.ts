import { parseArgs } from 'node:util';
import { ConfigError } from '../../src/errors.js';

/** Command-line options of the sync job. */
export interface JobArgs {
  readonly config: string;
  readonly dryRun: boolean;
  /** Seconds between polls in watch mode; undefined = run once. */
  readonly watchSeconds: number | undefined;
  readonly json: boolean;
  readonly help: boolean;
}

/** Usage text. */
export const USAGE = `Usage: npm run sync -- --config FILE [--dry-run] [--once | --watch [SECONDS]] [--json]

  --config FILE    job config (YAML or JSON); secrets come from env vars named in it as \${NAME}
  --dry-run        print the plan of every batch; write nothing (CRM, state and checkpoint untouched)
  --once           sync what the source has now, then stop (default)
  --watch [S]      keep polling the source every S seconds (default 60) until Ctrl-C
  --json           print the SyncReport as one JSON line at the end of stdout
  --help           this text

Exit codes: 0 all synced, 1 finished with dead letters, 2 config or auth error (nothing written),
3 stopped by an error (e.g. the CRM was unreachable after retries), 130 stopped by Ctrl-C / SIGTERM
before the end of the input; rerunning resumes at the last checkpoint.`;

/** Parses argv (without node and script). */
export function parseJobArgs(argv: readonly string[]): JobArgs {
  // A bare `--watch` (last, or followed by another flag) means the default interval.
  const args = argv.map((a, i) => (a === '--watch' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('-') === true) ? '--watch=60' : a));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        config: { type: 'string', short: 'c' },
        'dry-run': { type: 'boolean', default: false },
        once: { type: 'boolean', default: false },
        watch: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
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
  if (!values.help && values.config === undefined) throw new ConfigError(`--config FILE is required\n\n${USAGE}`, { field: '--config' });
  return { config: values.config ?? '', dryRun: values['dry-run'], watchSeconds, json: values.json, help: values.help };
}
