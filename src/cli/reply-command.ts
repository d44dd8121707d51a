/**
 * `--reply POST_ID --text TEXT [--dm] [--dry-run] [--json]`: the brand answers a synced post through
 * the source (`sync.reply`): sent in its thread (a DM thread by DM) and logged on the post's Case as
 * an outbound comment, once. Prints the outcome; `--json` prints it as the last stdout line.
 */
import { createSync } from '../sync/create-sync.js';
import type { ReplyArgs } from './args.js';
import { resolveBrand } from './brand-identity.js';
import { buildJob } from './build/job.js';
import type { JobConfig } from './config/schema.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Runs `--reply`; errors (a `ReplyError`, an X refusal) reach the caller, which prints them (exit 2 or 3). */
export async function runReplyCommand(reply: ReplyArgs, dryRun: boolean, json: boolean, config: JobConfig, io: CliIo, signal: AbortSignal): Promise<ExitCode> {
  const { source: _s, crm: _c, state: _st, ...settings } = config;
  const parts = await buildJob(config, { readOnly: dryRun });
  try {
    const brand = await resolveBrand(config, parts.source);
    const sync = createSync({ ...settings, brand, source: parts.source, crm: parts.crm, state: parts.state, dryRun });
    try {
      const outcome = await sync.reply({ postId: reply.postId, text: reply.text, ...(reply.dm ? { kind: 'direct_message' as const } : {}) }, { signal });
      io.out(
        outcome.dryRun
          ? `Dry run — nothing was sent. The answer to ${outcome.target} would go on Case ${outcome.caseId}.`
          : `Reply ${outcome.replyId ?? ''} sent to ${outcome.target}; logged on Case ${outcome.caseId} as outbound comment ${outcome.commentId ?? ''}.`,
      );
      if (json) io.out(JSON.stringify(outcome));
      return EXIT.ok;
    } finally {
      await sync.close();
    }
  } finally {
    await parts.close();
  }
}
