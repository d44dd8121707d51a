/**
 * Runs SOQL queries packed into Composite requests (up to 5 queries = one API call) and follows
 * `nextRecordsUrl` for results of more than one page (one call per page).
 */
import type { Connection } from 'jsforce';
import type { CrmCallContext } from '../types.js';
import { packComposites, sendComposite, type Subrequest } from './composite.js';
import { errorsOfBody, SalesforceApiError } from './errors.js';
import { queryPath } from './query-builder.js';
import { reportLimitInfo } from './usage.js';
import { QueryReplySchema, type QueryReply } from './wire-schemas.js';

function parseReply(raw: unknown, operation: string): QueryReply {
  const parsed = QueryReplySchema.safeParse(raw);
  if (!parsed.success) throw new SalesforceApiError('UNREADABLE_REPLY', `Salesforce ${operation}: a query reply is not { done, records }`);
  return parsed.data;
}

/** Runs every query; returns the records of all of them, in query order. A failed query throws its Salesforce error. */
export async function runQueries(
  connection: Connection,
  apiVersion: string,
  ctx: CrmCallContext,
  operation: string,
  queries: readonly string[],
): Promise<Record<string, unknown>[][]> {
  const subrequests: Subrequest[] = queries.map((soql, i) => ({ limited: true, method: 'GET', url: queryPath(apiVersion, soql), referenceId: `q${i}` }));
  const results: Record<string, unknown>[][] = queries.map(() => []);
  for (const pack of packComposites(subrequests)) {
    const replies = await sendComposite(connection, apiVersion, ctx, operation, 'read', () => pack);
    for (const sub of pack) {
      const reply = replies.get(sub.referenceId);
      if (reply === undefined) throw new SalesforceApiError('UNREADABLE_REPLY', `Salesforce ${operation}: no subresponse for ${sub.referenceId}`);
      if (reply.httpStatusCode >= 300) {
        const error = errorsOfBody(reply.body, reply.httpStatusCode)[0];
        throw new SalesforceApiError(error?.errorCode ?? `ERROR_HTTP_${reply.httpStatusCode}`, `Salesforce ${operation}: ${error?.message ?? 'query failed'}`);
      }
      let page = parseReply(reply.body, operation);
      const out = results[Number(sub.referenceId.slice(1))] ?? [];
      out.push(...page.records);
      while (!page.done && page.nextRecordsUrl !== undefined) {
        const next = page.nextRecordsUrl;
        page = parseReply(
          await ctx.call(`${operation}-more`, async () => {
            try {
              return await connection.request(next);
            } finally {
              reportLimitInfo(connection, ctx);
            }
          }),
          operation,
        );
        out.push(...page.records);
      }
    }
  }
  return results;
}
