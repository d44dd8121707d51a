/**
 * What the X source spent: requests and resources per endpoint, priced from a table (X is
 * pay-per-use since 2026-02), and the problems it met (page `errors`, streams stopped). A copy is
 * what {@link TwitterSourceStats} the source's `stats()` returns, for the run's report.
 */

import type { SourceStats } from '../../model/report.js';

/** Price per resource read, in US dollars (defaults: X's pricing page, 2026-02). */
export interface TwitterPriceTable {
  /** A post read (search, parents). */
  readonly postRead: number;
  /** A user object (each `includes.users` entry). */
  readonly userRead: number;
  /** A DM event. */
  readonly dmEvent: number;
  /** A post mentioning the app owner's own account ("owned read"). */
  readonly ownedRead: number;
}

/** Defaults of {@link TwitterPriceTable}. */
export const DEFAULT_PRICES: TwitterPriceTable = { postRead: 0.005, userRead: 0.01, dmEvent: 0.01, ownedRead: 0.001 };

/** Which price a stream's items are charged at. */
export type PricedResource = keyof TwitterPriceTable;

/** Counters of one endpoint. */
export interface EndpointStats {
  requests: number;
  /** Items of `data` (posts or DM events). */
  items: number;
  /** Entries of `includes.users`. */
  users: number;
  /** `includes.tweets` entries (referenced posts). */
  includedPosts: number;
  costUsd: number;
  /** What this endpoint's `data` items are priced as (the last request's). */
  itemPrice?: PricedResource;
}

/** The source's figures for the run's report. */
export interface TwitterSourceStats {
  /** Per endpoint name (`GET /2/users/:id/mentions`). */
  readonly endpoints: Readonly<Record<string, Readonly<EndpointStats>>>;
  readonly requests: number;
  readonly costUsd: number;
  /** Posts handed to the engine (after edit merging). */
  readonly postsHanded: number;
  /** `errors` entries of 200 pages (deleted or protected referenced posts), as X words them. */
  readonly pageErrors: readonly string[];
  /** Streams stopped this run and why (usage cap, rate limit reached mid-window). */
  readonly stopped: Readonly<Record<string, string>>;
}

/** Counts and prices requests. */
export class TwitterMeter {
  private readonly endpoints = new Map<string, EndpointStats>();
  private handed = 0;
  private readonly pageErrors: string[] = [];
  private readonly stopped = new Map<string, string>();

  constructor(private readonly prices: TwitterPriceTable = DEFAULT_PRICES) {}

  /** Counts one answered request of `endpoint`; `itemPrice` is what its `data` items cost. */
  record(endpoint: string, counts: { items: number; users: number; includedPosts: number }, itemPrice: PricedResource): void {
    const e = this.endpoints.get(endpoint) ?? { requests: 0, items: 0, users: 0, includedPosts: 0, costUsd: 0 };
    e.requests += 1;
    if (counts.items > 0) e.itemPrice = itemPrice;
    e.items += counts.items;
    e.users += counts.users;
    e.includedPosts += counts.includedPosts;
    e.costUsd += counts.items * this.prices[itemPrice] + counts.users * this.prices.userRead + counts.includedPosts * this.prices.postRead;
    this.endpoints.set(endpoint, e);
  }

  /** Counts posts handed to the engine. */
  handedPosts(n: number): void {
    this.handed += n;
  }

  /** Keeps a page's `errors` entries (at most 100, the first ones). */
  pageProblems(problems: readonly string[]): void {
    for (const p of problems) if (this.pageErrors.length < 100) this.pageErrors.push(p);
  }

  /** Notes that a stream stopped early, and why. */
  streamStopped(stream: string, why: string): void {
    this.stopped.set(stream, why);
  }

  /** The prices in use. */
  priceTable(): TwitterPriceTable {
    return { ...this.prices };
  }

  /** The figures in the engine's generic shape (the report's `sourceStats`). */
  sourceStats(): SourceStats {
    const byEndpoint: Record<string, SourceStats['byEndpoint'][string]> = {};
    const read: Record<string, number> = {};
    const add = (into: Record<string, number>, kind: string, n: number): void => {
      if (n > 0) into[kind] = (into[kind] ?? 0) + n;
    };
    let requests = 0;
    let total = 0;
    for (const [name, e] of this.endpoints) {
      const r: Record<string, number> = {};
      add(r, e.itemPrice === 'dmEvent' ? 'dmEvents' : 'posts', e.items);
      add(r, 'posts', e.includedPosts);
      add(r, 'users', e.users);
      for (const [k, n] of Object.entries(r)) add(read, k, n);
      byEndpoint[name] = { requests: e.requests, read: r, cost: round(e.costUsd) };
      requests += e.requests;
      total += e.costUsd;
    }
    return { label: 'X', requests, read, cost: { currency: 'USD', total: round(total), prices: { ...this.prices } }, byEndpoint };
  }

  /** A snapshot of the figures. */
  snapshot(): TwitterSourceStats {
    const endpoints: Record<string, EndpointStats> = {};
    let requests = 0;
    let costUsd = 0;
    for (const [name, e] of this.endpoints) {
      endpoints[name] = { ...e, costUsd: round(e.costUsd) };
      requests += e.requests;
      costUsd += e.costUsd;
    }
    return { endpoints, requests, costUsd: round(costUsd), postsHanded: this.handed, pageErrors: [...this.pageErrors], stopped: Object.fromEntries(this.stopped) };
  }
}

const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;
