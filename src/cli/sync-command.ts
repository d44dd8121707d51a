import { DeadLetterGroups, formatDeadLetterGroups } from '../dead-letters/index.js';
import { BudgetExhaustedError, ConnectorError } from '../errors.js';
import { emptyReport, type SyncReport } from '../model/report.js';
import { collectSuggestions } from './suggestions.js';
import { createSync } from '../sync/create-sync.js';
import type { JobArgs } from './args.js';
import { resolveBrand } from './brand-identity.js';
import { buildJob } from './build/job.js';
import type { JobConfig } from './config/schema.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { printPostProblems } from './post-problems.js';
import { formatPlan, formatProgress, formatSummary } from './summary.js';

/**
 * The sync: builds the parts of the config, runs the sync once or in watch mode until `signal`
 * aborts, prints progress (stderr), the plan (dry run), the summary and the `--json` report (the
 * last stdout line), and closes everything it opened.
 */
export async function runSyncCommand(args: JobArgs, config: JobConfig, io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  const { source: _s, crm: _c, state: _st, ...settings } = config;
  const parts = await buildJob(config, { readOnly: args.dryRun });
  try {
    const brand = await resolveBrand(config, parts.source);
    for (const notice of parts.notices) io.err(`${notice}\n`);
    if (config.state.type === 'memory' && !args.dryRun) {
      io.err('state: memory — checkpoints and dead letters will not outlive this run (the next run starts over; use state: { type: sqlite, path: … } to keep them)\n');
    }
    const sync = createSync({ ...settings, brand, source: parts.source, crm: parts.crm, state: parts.state, dryRun: args.dryRun });
    const letters = new DeadLetterGroups();
    sync.on('deadLettered', (letter) => letters.add(letter));
    let lastCommitted: SyncReport | undefined;
    const suggestions = collectSuggestions(sync, parts.state);
    try {
      sync.on('batchDone', ({ batch, report }) => {
        lastCommitted = report;
        suggestions.flush();
        const line = formatProgress(batch, report);
        io.err(io.errIsTty ? `\r${line}` : `${line}\n`);
      });
      if (args.dryRun) sync.on('planned', ({ batch, plan }) => io.out(formatPlan(batch, plan)));
      sync.on('sourceUnavailable', ({ message }) => io.err(`${message}; trying again at the next poll\n`));
      const problems = printPostProblems(sync, io);
      const report = await sync
        .run({ signal, ...(args.watchSeconds === undefined ? {} : { watch: { intervalMs: args.watchSeconds * 1000 } }) })
        .catch((error: unknown) => {
          // A used-up API budget stops the run between batches: say so, still print the report, exit 3.
          if (!(error instanceof BudgetExhaustedError) || error.report === undefined) {
            // Any other error: the --json report still ends stdout, with the counts up to the last checkpoint.
            // Stopped before the first batch was committed: the counts are all zero, still every key of a SyncReport.
            if (args.json) io.out(JSON.stringify({ ...(lastCommitted ?? emptyReport(args.dryRun)), deadLetterGroups: letters.list(), error: errorSummary(error) }));
            throw error;
          }
          if (io.errIsTty) io.err('\n');
          io.err(`${error.message}\n`);
          io.out(formatSummary(error.report, parts.crmLocation));
          if (args.json) io.out(JSON.stringify({ ...error.report, deadLetterGroups: letters.list(), error: errorSummary(error) })); // always the last line
          return undefined;
        });
      problems.finish();
      if (report === undefined) return EXIT.failed;
      if (io.errIsTty) io.err('\n');
      io.out(formatSummary(report, parts.crmLocation));
      if (report.deadLettered > 0) {
        const keep = config.state.type === 'memory' ? ' (state: memory — they end with this run)' : '; list them with --list-dead-letters, retry after a fix with --replay-dead-letters';
        io.out([`${report.deadLettered} post(s) could not be synced${keep}:`, ...formatDeadLetterGroups(letters.list())].join('\n'));
      }
      // Ctrl-C while caught up is how a --watch run ends; stopped before the end of the input, the rest waits for the next run.
      if (report.stoppedEarly) io.out('Stopped by a signal before the end of the input; rerun to go on from the last checkpoint.');
      if (args.json) io.out(JSON.stringify({ ...report, deadLetterGroups: letters.list() })); // always the last line
      if (report.stoppedEarly) return EXIT.interrupted;
      return report.deadLettered > 0 ? EXIT.deadLetters : EXIT.ok;
    } finally {
      await sync.close();
    }
  } finally {
    await parts.close();
  }
}

/** `error { code, message }` of the `--json` report of a run an error stopped. */
function errorSummary(error: unknown): { code: string; message: string } {
  if (error instanceof ConnectorError) return { code: error.code, message: error.message };
  const code = (error as { code?: unknown } | undefined)?.code;
  return { code: typeof code === 'string' ? code : 'ERROR', message: error instanceof Error ? error.message : String(error) };
}
