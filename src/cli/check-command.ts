import { directCallContext } from '../calls/types.js';
import type { SetupCheckReport } from '../model/setup-check.js';
import type { JobArgs } from './args.js';
import { buildJob } from './build/job.js';
import type { JobConfig } from './config/schema.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The lines of one setup check report: one per item, ✓ or ✗, with what was found and how to fix it. */
export function formatCheck(report: SetupCheckReport): string {
  const lines = [`${report.service}: ${report.ready ? 'ready' : 'not ready'}`];
  for (const item of report.items) {
    const detail = item.detail === undefined ? '' : ` (${item.detail})`;
    const applied = item.applied === true ? ' [created now]' : '';
    lines.push(`  ${item.ok ? '✓' : '✗'} ${item.what}${detail}${applied}`);
    if (!item.ok && item.fix !== undefined) lines.push(`      fix: ${item.fix}`);
  }
  return lines.join('\n');
}

/**
 * `--check [--apply]`: asks the CRM adapter and the source for their optional `check()` and prints
 * every item. Opens everything read-only (writes nothing of its own; `--apply` lets the adapter
 * create what is missing). Exit 0 when all is ready, 2 when something is not.
 */
export async function runCheckCommand(args: JobArgs, config: JobConfig, io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  const parts = await buildJob(config, { readOnly: true });
  try {
    const ctx = { ...directCallContext, signal };
    const reports: SetupCheckReport[] = [];
    if (parts.crm.check) reports.push(await parts.crm.check(ctx, { apply: args.apply }));
    else io.out(`crm (${config.crm.type}): this CRM has nothing to check`);
    if (parts.source.check) reports.push(await parts.source.check(ctx));
    else io.out(`source (${config.source.type}): this source has nothing to check`);
    for (const report of reports) io.out(formatCheck(report));
    if (args.json) io.out(JSON.stringify(reports));
    return reports.every((r) => r.ready) ? EXIT.ok : EXIT.config;
  } finally {
    await parts.close();
  }
}
