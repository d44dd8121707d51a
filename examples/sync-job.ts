/**
 * The CRM admin's sync job: reads a job config, syncs the source into the CRM, prints progress and a
 * summary. Run: `npm run sync -- --config FILE [--dry-run] [--once | --watch [S]] [--json]`.
 */
import { BudgetExhaustedError, ConnectorError } from '../src/errors.js';
import { createSync } from '../src/sync/create-sync.js';
import { parseJobArgs, USAGE } from './job/args.js';
import { buildJob } from './job/build.js';
import { loadJobConfig } from './job/config.js';
import { formatPlan, formatProgress, formatSummary } from './job/summary.js';

/** Exit codes of the job. */
export const EXIT = { ok: 0, deadLetters: 1, config: 2, failed: 3, interrupted: 130 } as const;

function plainMessage(error: unknown): string {
  if (error instanceof ConnectorError) {
    const field = error.details.field === undefined ? '' : ` [${error.details.field}]`;
    return `${error.name}${field}: ${error.message}`;
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseJobArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  const config = loadJobConfig(args.config);
  const { source: _s, crm: _c, state: _st, ...settings } = config;
  const parts = buildJob(config, { dryRun: args.dryRun });
  const sync = createSync({ ...settings, source: parts.source, crm: parts.crm, state: parts.state, dryRun: args.dryRun });
  const tty = process.stderr.isTTY === true;
  sync.on('batchDone', ({ batch, report }) => {
    const line = formatProgress(batch, report);
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  });
  if (args.dryRun) sync.on('planned', ({ batch, plan }) => console.log(formatPlan(batch, plan)));
  sync.on('sourceUnavailable', ({ message }) => process.stderr.write(`${message}; trying again at the next poll\n`));
  if (parts.seeded) process.stderr.write(`Seeded ${parts.crmLocation} from ${config.crm.seed ?? ''}\n`);

  const controller = new AbortController();
  const stop = (): void => {
    process.stderr.write('\nStopping after the current batch…\n');
    controller.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const report = await sync.run({
      signal: controller.signal,
      ...(args.watchSeconds === undefined ? {} : { watch: { intervalMs: args.watchSeconds * 1000 } }),
    }).catch((error: unknown) => {
      // A used-up API budget stops the run between batches: say so, still print the report, exit 3.
      if (!(error instanceof BudgetExhaustedError) || error.report === undefined) throw error;
      console.error(plainMessage(error));
      if (args.json) console.log(JSON.stringify(error.report));
      return undefined;
    });
    if (report === undefined) return EXIT.failed;
    if (tty) process.stderr.write('\n');
    console.log(formatSummary(report, parts.crmLocation));
    if (report.deadLettered > 0) console.log(`${report.deadLettered} post(s) could not be synced; their reasons are in the state's dead letters.`);
    // Ctrl-C while caught up is how a --watch run ends; stopped before the end of the input, the rest waits for the next run.
    if (report.stoppedEarly) console.log('Stopped by a signal before the end of the input; rerun to go on from the last checkpoint.');
    if (args.json) console.log(JSON.stringify(report)); // always the last line
    if (report.stoppedEarly) return EXIT.interrupted;
    return report.deadLettered > 0 ? EXIT.deadLetters : EXIT.ok;
  } finally {
    await sync.close();
    await parts.crm.close();
    await parts.state.close();
    await parts.source.close?.();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const config = error instanceof ConnectorError && (error.code === 'CONFIG' || error.code === 'AUTH');
    console.error(plainMessage(error));
    if (!config) console.error('The run stopped; nothing past the last checkpoint was lost. Rerun to resume.');
    process.exitCode = config ? EXIT.config : EXIT.failed;
  },
);
