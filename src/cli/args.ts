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
  /** The state commands (dead letters, migration, retention); absent: the sync or `--check`. */
  readonly stateCommand?: StateCommandArgs;
  /** `--reply POST_ID --text TEXT [--dm]`: answer a synced post instead of syncing (src/cli/reply-command.ts). */
  readonly reply?: ReplyArgs;
}

/** `--reply POST_ID --text TEXT [--dm]`. */
export interface ReplyArgs {
  readonly postId: string;
  readonly text: string;
  /** The post is a DM (answered by DM). */
  readonly dm: boolean;
}

/** A command on the job's state instead of a sync. */
export type StateCommandArgs =
  | { readonly kind: 'list-dead-letters' }
  | { readonly kind: 'replay-dead-letters'; readonly only?: string }
  | { readonly kind: 'migrate-state'; readonly from: string; readonly to: string }
  | { readonly kind: 'compact-state' }
  | { readonly kind: 'list-suggestions'; readonly csv: boolean };

/** The state command of the parsed flags, or a ConfigError for a wrong combination. */
function stateCommandOf(values: { [k: string]: string | boolean | undefined }, positionals: readonly string[]): StateCommandArgs | undefined {
  const chosen = (['list-dead-letters', 'replay-dead-letters', 'migrate-state', 'compact-state', 'list-suggestions'] as const).filter((k) => values[k] !== undefined && values[k] !== false);
  if (chosen.length > 1) throw new ConfigError(`--${chosen[0]} and --${chosen[1]} exclude each other`, { field: `--${chosen[1]}` });
  const only = typeof values.only === 'string' ? values.only : undefined;
  if (only !== undefined && chosen[0] !== 'replay-dead-letters') throw new ConfigError('--only CODE goes with --replay-dead-letters', { field: '--only' });
  if (values.csv === true && chosen[0] !== 'list-suggestions') throw new ConfigError('--csv goes with --list-suggestions', { field: '--csv' });
  if (chosen[0] !== 'migrate-state' && positionals.length > 0) throw new ConfigError(`unexpected argument '${positionals[0]}'\n\n${USAGE}`, { field: 'argv' });
  switch (chosen[0]) {
    case undefined:
      return undefined;
    case 'migrate-state': {
      const from = typeof values['migrate-state'] === 'string' ? values['migrate-state'] : '';
      if (positionals.length !== 1 || from === '') throw new ConfigError('--migrate-state FROM TO: a file state (FROM) and a new SQLite file (TO)', { field: '--migrate-state' });
      return { kind: 'migrate-state', from, to: positionals[0] ?? '' };
    }
    case 'replay-dead-letters':
      return { kind: 'replay-dead-letters', ...(only === undefined ? {} : { only }) };
    case 'list-suggestions':
      return { kind: 'list-suggestions', csv: values.csv === true };
    default:
      return { kind: chosen[0] };
  }
}

/** Usage text. */
export const USAGE = `Usage: social-crm-sync --config FILE [--dry-run] [--once | --watch [SECONDS]] [--json]
       social-crm-sync --config FILE --check [--apply] [--json]
       social-crm-sync --config FILE --list-dead-letters [--json]
       social-crm-sync --config FILE --replay-dead-letters [--only CODE] [--dry-run] [--json]
       social-crm-sync --config FILE --compact-state
       social-crm-sync --config FILE --list-suggestions [--csv]
       social-crm-sync --config FILE --reply POST_ID --text TEXT [--dm] [--dry-run] [--json]
       social-crm-sync --migrate-state FROM.json TO.db
       (from a clone: npm run sync -- --config FILE …; the -- keeps npm from taking the flags)

  --config FILE    job config (YAML or JSON); secrets come from env vars named in it as \${NAME}
  --dry-run        print the plan of every batch; write nothing (CRM, state and checkpoint untouched)
  --once           sync what the source has now, then stop (default)
  --watch [S]      keep polling the source every S seconds (default 60) until Ctrl-C / SIGTERM
  --json           print the SyncReport as one JSON line at the end of stdout (--check: the check results)
  --check          check that the CRM and the source are set up for the connector (fields, permissions, credentials)
  --apply          with --check: create what is missing where the CRM allows it
  --list-dead-letters    print the state's dead letters (post id, stream, stage, code, field, reason, when);
                         --json: one JSON object a line
  --replay-dead-letters  retry them after a fix (a picklist value added, a field widened): those that sync
                         are removed, the rest kept with the new reason; --only CODE, --dry-run
  --compact-state  drop post records older than state.retainDays (default 400; a later reply still finds
                   its Case through the CRM)
  --migrate-state FROM TO  copy a file state (state.json) into a new SQLite state file
  --list-suggestions [--csv]  the "possible duplicates by name" to review: author, handle, the Contact
                   created, the Contact it resembles, score
  --reply POST_ID --text TEXT  answer a synced post through the source (X: in its thread) and log the
                   answer on its Case as an outbound comment; --dm for a DM (answered by DM)
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
  'list-dead-letters': { type: 'boolean', default: false },
  'replay-dead-letters': { type: 'boolean', default: false },
  only: { type: 'string' },
  'compact-state': { type: 'boolean', default: false },
  'migrate-state': { type: 'string' },
  'list-suggestions': { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  reply: { type: 'string' },
  text: { type: 'string' },
  dm: { type: 'boolean', default: false },
} as const;

/** Parses argv (without node and script). Wrong flags are a ConfigError naming the flag, with the usage. */
export function parseJobArgs(argv: readonly string[]): JobArgs {
  // A bare `--watch` (last, or followed by another flag) means the default interval.
  const args = argv.map((a, i) => (a === '--watch' && (argv[i + 1] === undefined || argv[i + 1]?.startsWith('-') === true) ? '--watch=60' : a));
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true }));
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
  const stateCommand = stateCommandOf(values, positionals);
  const reply = replyOf(values, stateCommand !== undefined || values.check || watchSeconds !== undefined);
  if (!values.help && values.config === undefined && stateCommand?.kind !== 'migrate-state') throw new ConfigError(`--config FILE is required\n\n${USAGE}`, { field: '--config' });
  return {
    config: values.config ?? '',
    dryRun: values['dry-run'],
    watchSeconds,
    json: values.json,
    help: values.help,
    check: values.check,
    apply: values.apply,
    ...(stateCommand === undefined ? {} : { stateCommand }),
    ...(reply === undefined ? {} : { reply }),
  };
}

/** `--reply POST_ID --text TEXT [--dm]`, or a ConfigError for a wrong combination. */
function replyOf(values: { reply?: string | undefined; text?: string | undefined; dm?: boolean | undefined }, otherCommand: boolean): ReplyArgs | undefined {
  if (values.reply === undefined) {
    if (values.text !== undefined || values.dm === true) throw new ConfigError('--text and --dm go with --reply POST_ID', { field: values.text !== undefined ? '--text' : '--dm' });
    return undefined;
  }
  if (otherCommand) throw new ConfigError('--reply runs alone (with --dry-run or --json at most)', { field: '--reply' });
  if (values.reply.trim() === '') throw new ConfigError('--reply POST_ID: the id of the post to answer', { field: '--reply' });
  if (values.text === undefined || values.text.trim() === '') throw new ConfigError('--reply POST_ID needs --text TEXT (the answer)', { field: '--text' });
  return { postId: values.reply.trim(), text: values.text, dm: values.dm === true };
}
