import { RestError } from './errors.js';
import type { Org } from './org.js';
import { runSoql } from './soql-run.js';
import type { Reply, RoutedRequest } from './types.js';

interface Cursor {
  records: Record<string, unknown>[];
  totalSize: number;
  offset: number;
}

/** Server-side query cursors behind `nextRecordsUrl` (`/query/01g…-2000`). */
export class QueryCursors {
  private readonly cursors = new Map<string, Cursor>();
  constructor(private readonly org: Org, private readonly defaultBatchSize: number) {}

  private batchSize(req: RoutedRequest): number {
    const header = req.headers['sforce-query-options'];
    const m = header ? /batchSize\s*=\s*(\d+)/i.exec(header) : null;
    if (!m) return this.defaultBatchSize;
    return Math.min(Math.max(Number(m[1]), 200), 2000, this.defaultBatchSize);
  }

  private page(version: string, locatorId: string, cursor: Cursor, size: number): Reply {
    const records = cursor.records.slice(cursor.offset, cursor.offset + size);
    const nextOffset = cursor.offset + records.length;
    const done = nextOffset >= cursor.records.length;
    if (done) this.cursors.delete(locatorId);
    else this.cursors.set(locatorId, { ...cursor, offset: nextOffset });
    return {
      status: 200,
      body: {
        totalSize: cursor.totalSize,
        done,
        ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locatorId}-${nextOffset}` }),
        records,
      },
    };
  }

  /** GET /query?q=SOQL */
  start(req: RoutedRequest, version: string): Reply {
    const soql = req.query.get('q');
    if (soql === null || soql.trim() === '') throw new RestError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    const outcome = runSoql(this.org, soql, version);
    const locatorId = this.org.ids.next('01g');
    return this.page(version, locatorId, { records: outcome.records, totalSize: outcome.totalSize, offset: 0 }, this.batchSize(req));
  }

  /** GET /query/{locator}-{offset} */
  more(req: RoutedRequest, version: string, locator: string): Reply {
    const m = /^([a-zA-Z0-9]{15,18})-(\d+)$/.exec(locator);
    const cursor = m ? this.cursors.get(m[1] as string) : undefined;
    if (!m || !cursor || cursor.offset !== Number(m[2])) {
      throw new RestError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    }
    return this.page(version, m[1] as string, cursor, this.batchSize(req));
  }
}
