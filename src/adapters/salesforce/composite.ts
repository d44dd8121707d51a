/**
 * Composite requests (`POST /services/data/vXX.X/composite`): one API call for up to 25
 * subrequests, of which at most 5 may be sObject Collections or query operations. The adapter only
 * sends collections and queries, so a Composite carries at most 5 of them. `allOrNone: false` (a
 * failed subrequest does not roll back the others) and `collateSubrequests: false` (subrequests run
 * in the order given: a Case written after its Contact finds it by External ID).
 */
import type { Connection } from 'jsforce';
import type { CrmCallContext } from '../types.js';
import { reportLimitInfo } from './usage.js';
import { CompositeReplySchema, type CompositeSubresponse } from './wire-schemas.js';
import { SalesforceReplyError } from './errors.js';

/** Most subrequests of one Composite request. */
export const MAX_COMPOSITE_SUBREQUESTS = 25;
/** Most sObject Collections or query subrequests of one Composite request. */
export const MAX_COMPOSITE_COLLECTIONS_OR_QUERIES = 5;
/** Most records of one sObject Collections request. */
export const MAX_COLLECTION_RECORDS = 200;

/** One subrequest. */
export interface Subrequest {
  /** True for sObject Collections and query subrequests (at most 5 per Composite). */
  readonly limited: boolean;
  readonly method: 'GET' | 'POST' | 'PATCH';
  /** Path from the root, e.g. `/services/data/v62.0/composite/sobjects/Contact/Social_Author_Id__c`. */
  readonly url: string;
  readonly referenceId: string;
  readonly body?: unknown;
  readonly httpHeaders?: Readonly<Record<string, string>>;
}

/** Cuts subrequests into Composite bodies within both limits, keeping their order. */
export function packComposites(subrequests: readonly Subrequest[]): Subrequest[][] {
  const out: Subrequest[][] = [];
  let current: Subrequest[] = [];
  let limited = 0;
  for (const sub of subrequests) {
    if (current.length === MAX_COMPOSITE_SUBREQUESTS || (sub.limited && limited === MAX_COMPOSITE_COLLECTIONS_OR_QUERIES)) {
      out.push(current);
      current = [];
      limited = 0;
    }
    current.push(sub);
    if (sub.limited) limited += 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The JSON body of one Composite request. */
export function compositeBody(subrequests: readonly Subrequest[]): unknown {
  return {
    allOrNone: false,
    collateSubrequests: false,
    compositeRequest: subrequests.map((s) => ({
      method: s.method,
      url: s.url,
      referenceId: s.referenceId,
      ...(s.body === undefined ? {} : { body: s.body }),
      ...(s.httpHeaders === undefined ? {} : { httpHeaders: s.httpHeaders }),
    })),
  };
}

/**
 * Sends one Composite request as ONE call through `ctx`, and returns the subresponses keyed by
 * reference id. `build` runs on every attempt (a retried write may need a different body).
 */
export async function sendComposite(
  connection: Connection,
  apiVersion: string,
  ctx: CrmCallContext,
  operation: string,
  kind: 'read' | 'write',
  build: (attempt: number) => readonly Subrequest[],
): Promise<Map<string, CompositeSubresponse>> {
  let attempt = 0;
  return ctx.call(
    operation,
    async () => {
      attempt += 1;
      const subrequests = build(attempt);
      if (subrequests.length === 0) return new Map<string, CompositeSubresponse>();
      try {
        const raw: unknown = await connection.request({
          method: 'POST',
          url: `/services/data/v${apiVersion}/composite`,
          body: JSON.stringify(compositeBody(subrequests)),
          headers: { 'content-type': 'application/json' },
        });
        const parsed = CompositeReplySchema.safeParse(raw);
        if (!parsed.success) throw new SalesforceReplyError(`Salesforce ${operation}: the Composite reply is not { compositeResponse: [...] }`);
        return new Map(parsed.data.compositeResponse.map((r) => [r.referenceId, r]));
      } finally {
        reportLimitInfo(connection, ctx);
      }
    },
    { kind },
  );
}
