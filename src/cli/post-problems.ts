import type { Sync } from '../sync/create-sync.js';
import type { CliIo } from './io.js';

/** Lines of each kind printed per run; the rest are counted (and kept in the state's dead letters). */
export const MAX_PROBLEM_LINES = 20;

const where = (postId: string, line: number | undefined): string => (line === undefined ? postId : `line ${line} (${postId})`);

/**
 * Prints to stderr why posts were not synced (dead letters) and the warnings of posts that synced
 * (optional fields dropped, CRM extras such as a SocialPost refused), up to {@link MAX_PROBLEM_LINES} of each, so an admin sees the reasons without opening
 * the state (a memory state keeps none after the run). `finish()` prints how many were left out.
 */
export function printPostProblems(sync: Pick<Sync, 'on'>, io: CliIo): { finish(): void } {
  let deadLetters = 0;
  let warnings = 0;
  const clear = io.errIsTty ? '\r\x1b[K' : ''; // over a progress line redrawn in place

  sync.on('deadLettered', (d) => {
    deadLetters += 1;
    if (deadLetters <= MAX_PROBLEM_LINES) io.err(`${clear}not synced: ${where(d.postId, d.line)}: ${d.reason.replace(/^line \d+: /, '')}\n`);
  });
  sync.on('postWarning', (w) => {
    warnings += 1;
    if (warnings <= MAX_PROBLEM_LINES) io.err(`${clear}warning: ${where(w.postId, w.line)}: ${w.reason}\n`);
  });
  // The post synced, but something the CRM adapter adds to it was refused (e.g. its Salesforce SocialPost).
  sync.on('crmWarning', (w) => {
    warnings += 1;
    if (warnings <= MAX_PROBLEM_LINES) io.err(`${clear}warning: ${w.postId}: ${w.code}: ${w.reason}\n`);
  });
  return {
    finish() {
      if (deadLetters > MAX_PROBLEM_LINES) io.err(`… and ${deadLetters - MAX_PROBLEM_LINES} more post(s) not synced (all are in the state's dead letters)\n`);
      if (warnings > MAX_PROBLEM_LINES) io.err(`… and ${warnings - MAX_PROBLEM_LINES} more warning(s)\n`);
    },
  };
}
