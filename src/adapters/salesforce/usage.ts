/** The org's API budget, as every reply states it (`Sforce-Limit-Info: api-usage=USED/LIMIT`), fed to the engine. */
import type { Connection } from 'jsforce';
import type { CrmCallContext } from '../types.js';

/** Parses `api-usage=USED/LIMIT` out of a `Sforce-Limit-Info` header value. */
export function parseLimitInfo(header: string | undefined): { used: number; limit: number } | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  if (!match) return undefined;
  return { used: Number(match[1]), limit: Number(match[2]) };
}

/** Reports the usage jsforce read from the last reply (errors included) through `ctx.reportUsage`. */
export function reportLimitInfo(connection: Connection, ctx: CrmCallContext): void {
  const usage = (connection.limitInfo as { apiUsage?: { used?: unknown; limit?: unknown } } | undefined)?.apiUsage;
  if (typeof usage?.used === 'number' && typeof usage.limit === 'number' && usage.limit > 0) {
    ctx.reportUsage({ used: usage.used, limit: usage.limit, name: 'api-usage' });
  }
}
