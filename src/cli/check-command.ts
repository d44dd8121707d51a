import type { CrmAdapter } from '../adapters/types.js';
import { directCallContext } from '../calls/types.js';
import type { SocialSource } from '../sources/types.js';
import type { SetupCheckReport } from '../model/setup-check.js';
import type { JobArgs } from './args.js';
import { buildJob } from './build/job.js';
import type { JobConfig } from './config/schema.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * The lines of one setup check report: one per item, ✓ or ✗, with what was found and how to fix it;
 * a ready item that still asks something of the admin (a permission set created but not assigned)
 * prints it as the next step.
 */
export function formatCheck(report: SetupCheckReport): string {
  const lines = [`${report.service}: ${report.ready ? 'ready' : 'not ready'}`];
  for (const item of report.items) {
    const detail = item.detail === undefined ? '' : ` (${item.detail})`;
    // Not "created": --apply also updates (a permission set upserted again on a second run).
    const applied = item.applied === true ? ' [done by --apply]' : '';
    lines.push(`  ${item.ok ? '✓' : '✗'} ${item.what}${detail}${applied}`);
    if (item.fix !== undefined) lines.push(`      ${item.ok ? 'next' : 'fix'}: ${item.fix}`);
  }
  return lines.join('\n');
}

/** What `--check` asks: the CRM adapter's and the source's optional `check()`. */
export interface CheckTargets {
  readonly crm: Pick<CrmAdapter, 'check'>;
  readonly source: Pick<SocialSource, 'check'>;
  /** `crm.type` and `source.type` of the config, for the lines about what has nothing to check. */
  readonly crmType: string;
  readonly sourceType: string;
}

/**
 * Runs the setup checks of `targets` and prints every item; exit 0 when all are ready, 2 when
 * something is not. A CRM or source without `check()` has nothing to check (and is ready).
 */
export async function runChecks(targets: CheckTargets, options: { apply: boolean; json: boolean }, io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  const ctx = { ...directCallContext, signal };
  const reports: SetupCheckReport[] = [];
  if (targets.crm.check) reports.push(await targets.crm.check(ctx, { apply: options.apply }));
  else io.out(`crm (${targets.crmType}): this CRM has nothing to check`);
  if (targets.source.check) reports.push(await targets.source.check(ctx));
  else io.out(`source (${targets.sourceType}): this source has nothing to check`);
  for (const report of reports) io.out(formatCheck(report));
  if (options.json) io.out(JSON.stringify(reports));
  return reports.every((r) => r.ready) ? EXIT.ok : EXIT.config;
}

/**
 * `--check [--apply]`: builds the config's CRM adapter and source read-only (the job writes nothing
 * of its own; `--apply` lets the adapter create what is missing) and runs {@link runChecks}.
 */
export async function runCheckCommand(args: JobArgs, config: JobConfig, io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  const parts = await buildJob(config, { readOnly: true });
  try {
    return await runChecks({ crm: parts.crm, source: parts.source, crmType: config.crm.type, sourceType: config.source.type }, { apply: args.apply, json: args.json }, io, signal);
  } finally {
    await parts.close();
  }
}
