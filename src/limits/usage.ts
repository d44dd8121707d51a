/**
 * API calls used and allowed in the remote's current window (e.g. Salesforce's 24 hours). Every
 * reading slows the limiter by the levels below, whatever its window; only readings of `budget`
 * windows (`ServiceUsage.window`, the default) can also stop a run (`RunBudget`, `limits.stopAbove`):
 * a short `rate` window (X's 15 minutes) resets before a stop would help, so it only slows.
 */
export interface ApiUsage {
  readonly used: number;
  readonly max: number;
}

/** How hard a limiter should brake, from the share of the daily limit already used. */
export type UsageLevel = 'normal' | 'slow' | 'crawl';

/** Thresholds (fractions of `max`) and the least `minTime` each level imposes. */
export interface UsagePolicy {
  /** Share of the limit from which calls are slowed (default 0.8). */
  readonly slowAt: number;
  /** Share of the limit from which calls crawl (default 0.95). */
  readonly crawlAt: number;
  /** Least ms between call starts at `slow` (default 250; and at least twice the configured minTime). */
  readonly slowMinTimeMs: number;
  /** Least ms between call starts at `crawl` (default 2,000 = 1,800 calls/hour; and at least 8× the configured minTime). */
  readonly crawlMinTimeMs: number;
}

/** The default {@link UsagePolicy}. */
export const DEFAULT_USAGE_POLICY: UsagePolicy = { slowAt: 0.8, crawlAt: 0.95, slowMinTimeMs: 250, crawlMinTimeMs: 2000 };

/** The level for a usage reading; `normal` when `max` is not a positive number. */
export function usageLevel(usage: ApiUsage, policy: UsagePolicy = DEFAULT_USAGE_POLICY): UsageLevel {
  if (!(usage.max > 0) || !Number.isFinite(usage.used)) return 'normal';
  const share = usage.used / usage.max;
  if (share >= policy.crawlAt) return 'crawl';
  if (share >= policy.slowAt) return 'slow';
  return 'normal';
}

/** The `minTime` a level imposes on a limiter configured with `baseMinTimeMs`. */
export function minTimeFor(level: UsageLevel, baseMinTimeMs: number, policy: UsagePolicy = DEFAULT_USAGE_POLICY): number {
  if (level === 'crawl') return Math.max(baseMinTimeMs * 8, policy.crawlMinTimeMs);
  if (level === 'slow') return Math.max(baseMinTimeMs * 2, policy.slowMinTimeMs);
  return baseMinTimeMs;
}

/**
 * Reads Salesforce's `Sforce-Limit-Info` response header, e.g. `api-usage=18/5000` or
 * `api-usage=18/5000; per-app-api-usage=17/250(appName=sample)`. Returns the org-wide
 * `api-usage`, or `undefined` when the header has none.
 */
export function parseSforceLimitInfo(header: string): ApiUsage | undefined {
  const match = /(?:^|[\s;,])api-usage=(\d+)\/(\d+)/.exec(header);
  if (!match) return undefined;
  const used = Number(match[1]);
  const max = Number(match[2]);
  return max > 0 ? { used, max } : undefined;
}
