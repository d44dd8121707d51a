import { z } from 'zod';

/** The outcome of one sync run. The job's `--json` output prints this as its last line. */
export const SyncReportSchema = z.object({
  postsRead: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  ignored: z.number().int().nonnegative(),
  casesCreated: z.number().int().nonnegative(),
  casesReopened: z.number().int().nonnegative(),
  commentsAdded: z.number().int().nonnegative(),
  outboundComments: z.number().int().nonnegative(),
  contactsCreated: z.number().int().nonnegative(),
  contactsMatched: z.number().int().nonnegative(),
  contactsUpdated: z.number().int().nonnegative(),
  nameSuggestions: z.number().int().nonnegative(),
  deadLettered: z.number().int().nonnegative(),
  crmCalls: z.number().int().nonnegative(),
  batches: z.number().int().nonnegative(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  checkpoint: z.string().nullable(),
});
/** The outcome of one sync run. */
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** A report with every count at zero. */
export function emptyReport(dryRun: boolean, startedAt: Date = new Date()): SyncReport {
  return {
    postsRead: 0,
    duplicates: 0,
    ignored: 0,
    casesCreated: 0,
    casesReopened: 0,
    commentsAdded: 0,
    outboundComments: 0,
    contactsCreated: 0,
    contactsMatched: 0,
    contactsUpdated: 0,
    nameSuggestions: 0,
    deadLettered: 0,
    crmCalls: 0,
    batches: 0,
    dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
    checkpoint: null,
  };
}
