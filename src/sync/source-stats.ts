import type { SourceStats } from '../model/report.js';

const minus = (after: Readonly<Record<string, number>>, before: Readonly<Record<string, number>> | undefined): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(after)) {
    const d = n - (before?.[k] ?? 0);
    if (d > 0) out[k] = d;
  }
  return out;
};
const money = (n: number): number => Math.max(0, Math.round(n * 1e6) / 1e6);

/**
 * A source's figures of one run: what `after` holds beyond `before` (both from
 * `SocialSource.sourceStats()`, which counts since the source was created). Endpoints with no
 * request in the run are left out.
 */
export function sourceStatsOfRun(before: SourceStats | undefined, after: SourceStats): SourceStats {
  if (before === undefined) return after;
  const byEndpoint: SourceStats['byEndpoint'] = {};
  for (const [name, e] of Object.entries(after.byEndpoint)) {
    const b = before.byEndpoint[name];
    const requests = e.requests - (b?.requests ?? 0);
    if (requests <= 0) continue;
    byEndpoint[name] = { requests, read: minus(e.read, b?.read), ...(e.cost === undefined ? {} : { cost: money(e.cost - (b?.cost ?? 0)) }) };
  }
  return {
    label: after.label,
    requests: after.requests - before.requests,
    read: minus(after.read, before.read),
    ...(after.cost === undefined ? {} : { cost: { ...after.cost, total: money(after.cost.total - (before.cost?.total ?? 0)) } }),
    byEndpoint,
  };
}
