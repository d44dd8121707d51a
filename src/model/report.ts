import { z } from 'zod';

/** A service's budget as it last reported it: `used` of `limit` (`share` = used / limit). */
export const ServiceUsageReportSchema = z.object({
  used: z.number().nonnegative(),
  limit: z.number().positive(),
  share: z.number().nonnegative(),
  /** Which budget (`api-usage`, an endpoint's window), when the service named it. */
  name: z.string().optional(),
  /** When its window resets (ISO 8601), when the service said. */
  resetAt: z.string().optional(),
});

/** One endpoint's (or operation's) share of a source's figures. */
export const SourceEndpointStatsSchema = z.object({
  requests: z.number().int().nonnegative(),
  /** Resources read, by kind (`posts`, `users`, `dmEvents`). */
  read: z.record(z.string(), z.number().int().nonnegative()),
  /** What these requests cost, in `cost.currency`, when the source prices its reads. */
  cost: z.number().nonnegative().optional(),
});

/**
 * What a source spent in this process so far, generic over sources (`SocialSource.sourceStats()`):
 * requests, resources read by kind, and, for a pay-per-use API, their price.
 */
export const SourceStatsSchema = z.object({
  /** The source's name as people know it (`X`). */
  label: z.string(),
  requests: z.number().int().nonnegative(),
  /** Resources read, by kind (`posts`, `users`, `dmEvents`). */
  read: z.record(z.string(), z.number().int().nonnegative()),
  /** The run's price, when the source has a price table. */
  cost: z
    .object({
      /** ISO 4217 (`USD`). */
      currency: z.string(),
      total: z.number().nonnegative(),
      /** The price per resource used (e.g. `postRead: 0.005`). */
      prices: z.record(z.string(), z.number().nonnegative()),
    })
    .optional(),
  /** Per endpoint (`GET /2/users/:id/mentions`). */
  byEndpoint: z.record(z.string(), SourceEndpointStatsSchema),
});
/** What a source spent: see {@link SourceStatsSchema}. */
export type SourceStats = z.infer<typeof SourceStatsSchema>;

/**
 * The outcome of one sync run. The job's `--json` output prints this as its last line.
 *
 * Every post read lands in exactly one of: `duplicates`, `ignored`, `alreadyInCrm`, `casesCreated`,
 * `commentsAdded`, `outboundComments`, or the dead-letter store. `deadLettered` counts dead letters,
 * which also cover input lines that never became posts and failed side writes of a synced post (a
 * Contact update, a reopen).
 */
export const SyncReportSchema = z.object({
  /** Posts the source delivered (not counting unreadable lines, which are dead letters). */
  postsRead: z.number().int().nonnegative(),
  /** Posts seen before (in the state, or earlier in the same page): skipped. */
  duplicates: z.number().int().nonnegative(),
  /** Posts deliberately not synced (reposts, brand broadcasts, triage rules). */
  ignored: z.number().int().nonnegative(),
  /** Posts whose Case or comment the batch's lookup found in the CRM (e.g. a replay after the state was lost): nothing written. */
  alreadyInCrm: z.number().int().nonnegative(),
  /** Cases this sync wrote (a retried write the CRM answers with "already there" was still this sync's). */
  casesCreated: z.number().int().nonnegative(),
  casesReopened: z.number().int().nonnegative(),
  /** Customer posts added to an existing Case. */
  commentsAdded: z.number().int().nonnegative(),
  /** The brand's replies logged on the Case of the customer they answer. */
  outboundComments: z.number().int().nonnegative(),
  contactsCreated: z.number().int().nonnegative(),
  /** Authors linked to an existing Contact for the first time (per link the state has not seen). */
  contactsMatched: z.number().int().nonnegative(),
  /** Existing Contacts given a new handle or provider id. */
  contactsUpdated: z.number().int().nonnegative(),
  /** New Contacts whose name looks like existing ones (suggested, never merged). */
  nameSuggestions: z.number().int().nonnegative(),
  /** Dead letters written (see above). */
  deadLettered: z.number().int().nonnegative(),
  /**
   * Warnings of posts that synced anyway: invalid optional fields dropped (one per field, the
   * `postWarning` event) and CRM extras the adapter could not write (the `crmWarning` event).
   */
  warnings: z.number().int().nonnegative(),
  /** Round trips to the CRM, retries included. */
  crmCalls: z.number().int().nonnegative(),
  /** Of `crmCalls`, the round trips that write (`ctx.call(…, { kind: 'write' })`). */
  crmWrites: z.number().int().nonnegative(),
  /** Round trips the source made through its call context, retries included (0 for a local file). */
  sourceCalls: z.number().int().nonnegative(),
  /** The last budget figures each service reported (`ctx.reportUsage`), by service name. */
  usage: z.record(z.string(), ServiceUsageReportSchema),
  /**
   * The source's own figures (requests, resources read, cost), when it keeps them
   * (`SocialSource.sourceStats()`): since the source was created, so a watching job's report grows.
   */
  sourceStats: SourceStatsSchema.optional(),
  batches: z.number().int().nonnegative(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number().nonnegative(),
  /** The source cursor after the last committed batch (where a rerun resumes). */
  checkpoint: z.string().nullable(),
  /** True when the run was stopped (signal, `maxBatches`) before the source had nothing more to give. */
  stoppedEarly: z.boolean(),
});
/** The outcome of one sync run. */
export type SyncReport = z.infer<typeof SyncReportSchema>;

/** A report with every count at zero. */
export function emptyReport(dryRun: boolean, startedAt: Date = new Date()): SyncReport {
  return {
    postsRead: 0,
    duplicates: 0,
    ignored: 0,
    alreadyInCrm: 0,
    casesCreated: 0,
    casesReopened: 0,
    commentsAdded: 0,
    outboundComments: 0,
    contactsCreated: 0,
    contactsMatched: 0,
    contactsUpdated: 0,
    nameSuggestions: 0,
    deadLettered: 0,
    warnings: 0,
    crmCalls: 0,
    crmWrites: 0,
    sourceCalls: 0,
    usage: {},
    batches: 0,
    dryRun,
    startedAt: startedAt.toISOString(),
    finishedAt: startedAt.toISOString(),
    durationMs: 0,
    checkpoint: null,
    stoppedEarly: false,
  };
}
