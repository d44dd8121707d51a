import type { FaultKind } from './faults.js';

export type CallKind = 'data' | 'oauth' | 'soap' | 'control';

/** One HTTP request the emulator received. */
export interface CallRecord {
  at: number;
  kind: CallKind;
  method: string;
  /** Path without the query string. */
  path: string;
  /** HTTP status sent, or 'dropped' when the socket was destroyed. */
  status: number | 'dropped';
  /** API requests it cost, as Salesforce counts them (a Composite request is one). */
  apiCalls: number;
  fault?: FaultKind;
  /** For POST /composite: the subrequests run. */
  subrequests?: { referenceId: string; status: number }[];
}

export interface CallFilter {
  method?: string;
  /** Substring or RegExp of the path. */
  path?: string | RegExp;
  kind?: CallKind;
}

/** Every request received, with counts per endpoint and API calls as Salesforce counts them. */
export class CallLog {
  readonly entries: CallRecord[] = [];

  add(record: CallRecord): void {
    this.entries.push(record);
  }

  filter(filter: CallFilter = {}): CallRecord[] {
    return this.entries.filter((e) => {
      if (filter.kind && e.kind !== filter.kind) return false;
      if (filter.method && e.method !== filter.method.toUpperCase()) return false;
      if (filter.path instanceof RegExp) return filter.path.test(e.path);
      if (typeof filter.path === 'string') return e.path.includes(filter.path);
      return true;
    });
  }

  /** Number of requests matching the filter. */
  count(filter: CallFilter = {}): number {
    return this.filter(filter).length;
  }

  /** API calls charged against the daily allocation (optionally filtered). */
  apiCalls(filter: CallFilter = {}): number {
    return this.filter(filter).reduce((sum, e) => sum + e.apiCalls, 0);
  }

  /** Requests per "METHOD path-shape" (ids and external id values replaced by placeholders). */
  byEndpoint(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const e of this.entries) {
      const shape = e.path
        .replace(/\/v\d+\.\d+/, '/vXX.X')
        .replace(/\/[a-zA-Z0-9]{3}5g0[a-zA-Z0-9]{9}(?:[a-zA-Z0-9]{3})?(?=\/|$)/g, '/{id}')
        .replace(/\/query\/[^/]+$/, '/query/{locator}');
      const key = `${e.method} ${shape}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
