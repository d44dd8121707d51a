import type { SyncReport } from '../model/report.js';
import type { Settlement } from './settle.js';

/** Mutable counters of the run. */
export type ReportCounters = { -readonly [K in keyof SyncReport]: SyncReport[K] };

/** What one batch adds to the report besides its settlement (posts read, duplicates, rejected lines). */
export interface BatchTally {
  readonly postsRead: number;
  readonly duplicates: number;
  /** Dead letters of input lines that never became posts (first seen in this batch). */
  readonly rejected: number;
}

/** Adds a committed batch to the run's counters: each post once, plus Contacts and dead letters. */
export function countSettlement(report: ReportCounters, settlement: Settlement, tally: BatchTally): void {
  report.postsRead += tally.postsRead;
  report.duplicates += tally.duplicates;
  for (const post of settlement.posts) {
    if (post.kind === 'ignored') report.ignored += 1;
    else if (post.kind === 'existing') report.alreadyInCrm += 1;
    else if (post.kind === 'case') report.casesCreated += 1;
    else if (post.kind === 'comment') {
      if (post.outbound) report.outboundComments += 1;
      else report.commentsAdded += 1;
      if (post.reopened) report.casesReopened += 1;
    }
  }
  for (const contact of settlement.contacts) {
    if (contact.kind === 'created') {
      report.contactsCreated += 1;
      if (contact.suggested !== undefined) report.nameSuggestions += 1;
    } else if (contact.kind === 'updated') report.contactsUpdated += 1;
    else report.contactsMatched += 1;
  }
  report.deadLettered += settlement.deadLetters.length + tally.rejected;
}
