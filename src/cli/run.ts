import { ConnectorError } from '../errors.js';
import { parseJobArgs, USAGE } from './args.js';
import { runCheckCommand } from './check-command.js';
import { runReplyCommand } from './reply-command.js';
import { loadJobConfig } from './config/parse.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { argvWithNpmFlags } from './npm-flags.js';
import { stopOnSignals } from './signals.js';
import { runStateCommand } from './state-commands.js';
import { runSyncCommand } from './sync-command.js';

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Output and environment; default: the process's. */
  readonly io?: CliIo;
  /** Stops the run after the current batch. Default: SIGINT and SIGTERM do, for the length of the run. */
  readonly signal?: AbortSignal;
}

function plainMessage(error: unknown): string {
  if (error instanceof ConnectorError) {
    const field = error.details.field === undefined ? '' : ` [${error.details.field}]`;
    return `${error.name}${field}: ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Runs `social-crm-sync` with `argv` (the arguments after the program name) and resolves with its
 * exit code; it never throws: an error is printed to stderr in plain words and becomes exit 2
 * (config, auth: nothing was written) or 3 (the run stopped; a rerun resumes).
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<ExitCode> {
  const io = options.io ?? processIo();
  const own = options.signal === undefined ? stopOnSignals(() => io.err('\nStopping after the current batch…\n')) : undefined;
  const signal = options.signal ?? own?.signal ?? new AbortController().signal;
  let syncing = false; // only a sync has checkpoints to resume from
  try {
    const { argv: effective, notices } = argvWithNpmFlags(argv, io.env);
    for (const notice of notices) io.err(`${notice}\n`);
    const args = parseJobArgs(effective);
    if (args.help) {
      io.out(USAGE);
      return EXIT.ok;
    }
    if (args.stateCommand?.kind === 'migrate-state') return await runStateCommand(args.stateCommand, args, undefined, io);
    const config = loadJobConfig(args.config, io.env);
    if (args.stateCommand !== undefined) return await runStateCommand(args.stateCommand, args, config, io);
    if (args.check) return await runCheckCommand(args, config, io, signal);
    if (args.reply !== undefined) return await runReplyCommand(args.reply, args.dryRun, args.json, config, io, signal);
    syncing = true;
    return await runSyncCommand(args, config, io, signal);
  } catch (error) {
    const config = error instanceof ConnectorError && (error.code === 'CONFIG' || error.code === 'AUTH');
    io.err(`${plainMessage(error)}\n`);
    if (!config && syncing) io.err('The run stopped; nothing past the last checkpoint was lost. Rerun to resume.\n');
    return config ? EXIT.config : EXIT.failed;
  } finally {
    own?.dispose();
  }
}
