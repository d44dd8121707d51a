import type { WritePlan } from '../adapters/types.js';
import type { SyncReport } from '../model/report.js';

const ROWS: readonly [keyof SyncReport, string][] = [
  ['postsRead', 'Posts read'],
  ['duplicates', 'Duplicates skipped'],
  ['ignored', 'Ignored (reposts, brand broadcasts, rules)'],
  ['alreadyInCrm', 'Already in the CRM (not written again)'],
  ['casesCreated', 'Cases created'],
  ['casesReopened', 'Cases reopened'],
  ['commentsAdded', 'Customer comments added'],
  ['outboundComments', 'Brand replies logged (outbound)'],
  ['contactsCreated', 'Contacts created'],
  ['contactsMatched', 'Contacts matched'],
  ['contactsUpdated', 'Contacts updated (handle / social id)'],
  ['nameSuggestions', 'Possible duplicates by name (to review)'],
  ['deadLettered', 'Dead letters (not synced, see state)'],
  ['warnings', 'Warnings (post synced anyway)'],
  ['crmCalls', 'CRM API calls'],
  ['crmWrites', '  of which wrote to the CRM'],
  ['batches', 'Batches'],
];

/** The end-of-run summary as a two-column table. */
export function formatSummary(report: SyncReport, crmLocation: string): string {
  const width = Math.max(...ROWS.map(([, label]) => label.length));
  const lines = ROWS.map(([key, label]) => `  ${label.padEnd(width)}  ${String(report[key]).padStart(7)}`);
  const head = report.dryRun ? 'Dry run — nothing was written. It would have done:' : 'Sync finished.';
  const seconds = (report.durationMs / 1000).toFixed(2);
  // A remote CRM's location is its URL, not a file.
  const where = report.dryRun ? '' : `\n${/^https?:\/\//.test(crmLocation) ? 'CRM' : 'CRM file'}: ${crmLocation}`;
  const cost = report.sourceStats === undefined ? '' : `\n${formatSourceStats(report.sourceStats)}`;
  return `${head}\n${lines.join('\n')}\n  ${'Time'.padEnd(width)}  ${seconds.padStart(6)}s${where}${cost}`;
}

const count = (n: number): string => n.toLocaleString('en-US');
const READ_WORDS: Readonly<Record<string, string>> = { posts: 'posts', users: 'users', dmEvents: 'DM events' };
const money = (amount: number, currency: string): string => {
  const digits = amount !== 0 && Math.abs(amount) < 0.01 ? 3 : 2;
  const text = amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 3) });
  return currency === 'USD' ? `$${text}` : `${text} ${currency}`;
};

/**
 * The source's line of the summary, e.g. `X: 12 requests, 1,034 posts read, 90 users read, ~$5.17
 * (prices: postRead $0.005, userRead $0.01, dmEvent $0.01, ownedRead $0.001)`.
 */
export function formatSourceStats(stats: NonNullable<SyncReport['sourceStats']>): string {
  const reads = Object.entries(stats.read).map(([kind, n]) => `${count(n)} ${READ_WORDS[kind] ?? kind} read`);
  const parts = [`${count(stats.requests)} request${stats.requests === 1 ? '' : 's'}`, ...reads];
  if (stats.cost !== undefined) {
    const { currency, total, prices } = stats.cost;
    const table = Object.entries(prices).map(([k, v]) => `${k} ${money(v, currency)}`).join(', ');
    parts.push(`~${money(total, currency)} (prices: ${table})`);
  }
  return `${stats.label}: ${parts.join(', ')}`;
}

/** One progress line. */
export function formatProgress(batch: number, report: SyncReport): string {
  return `batch ${batch}: ${report.postsRead} posts read, ${report.casesCreated} cases, ${report.commentsAdded + report.outboundComments} comments, ${report.deadLettered} dead letters`;
}

const refText = (ref: { id: string } | { externalKey: string }): string => ('id' in ref ? ref.id : `(new ${ref.externalKey})`);

/** A readable listing of a dry-run plan. */
export function formatPlan(batch: number, plan: WritePlan): string {
  const out = [`Plan for batch ${batch}:`];
  for (const c of plan.contacts) {
    const handle = c.fields.handles[0]?.handle ?? '';
    out.push(`  ${c.id === undefined ? '+ create' : '~ update'} Contact ${c.id ?? c.key} @${handle} (${[c.fields.firstName, c.fields.lastName].filter(Boolean).join(' ')})`);
  }
  for (const c of plan.cases) {
    const parent = c.parent === undefined ? '' : ` parent ${refText(c.parent)}`;
    out.push(`  + create Case ${c.key} [${c.fields.priority}] "${c.fields.subject.slice(0, 70)}" for ${refText(c.contact)}${parent}`);
  }
  for (const r of plan.reopens) out.push(`  ~ reopen Case ${r.id} → ${r.status} (by ${r.key})`);
  for (const c of plan.comments) out.push(`  + ${c.fields.outbound ? 'outbound ' : ''}comment ${c.key} on Case ${refText(c.case)}`);
  return out.join('\n');
}
