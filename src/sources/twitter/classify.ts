/**
 * What X's errors mean (the source's `classifyError` hook) and how its rate-limit headers become
 * usage figures. twitter-api-v2 throws `ApiResponseError` with `code` (HTTP status), `data` (X's
 * problem body), `headers` and `rateLimit` (`reset` in epoch seconds; X sends no Retry-After);
 * errors are read by shape, so a second copy of the library still classifies.
 */
import { z } from 'zod';
import type { CallContext, UsageWindow, VendorErrorClassification } from '../../calls/types.js';
import { ProblemSchema } from './payloads.js';

const WindowSchema = z.object({ limit: z.number(), remaining: z.number(), reset: z.number() });
/** twitter-api-v2's `rateLimit` (of a response or an `ApiResponseError`). */
export const RateLimitSchema = WindowSchema.extend({ day: WindowSchema.optional(), userDay: WindowSchema.optional() });
/** Rate-limit figures of one reply. */
export type RateLimit = z.infer<typeof RateLimitSchema>;

const ResponseErrorSchema = z.object({
  code: z.number().int(),
  data: z.unknown().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
  rateLimit: RateLimitSchema.optional(),
});

/** X's problem type of a usage cap (monthly or daily product cap): waiting for a reset cannot help. */
export const USAGE_CAPPED_TYPE = 'https://api.twitter.com/2/problems/usage-capped';

/** The facts of an X reply error, or `undefined` when `error` is no HTTP reply error. */
export interface XErrorFacts {
  readonly status: number;
  readonly problemType?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly rateLimit?: RateLimit;
}

/** Reads an `ApiResponseError` (or anything shaped like it). */
export function xErrorFacts(error: unknown): XErrorFacts | undefined {
  const e = ResponseErrorSchema.safeParse(error);
  if (!e.success || e.data.code < 400) return undefined;
  const problem = ProblemSchema.safeParse(e.data.data);
  const p = problem.success ? problem.data : {};
  const firstError = (e.data.data as { errors?: { message?: unknown }[] } | undefined)?.errors?.[0]?.message;
  // X puts the general words in `detail` and the specific ones (a query's syntax error) in `errors[0].message`.
  const parts = [p.detail, typeof firstError === 'string' ? firstError : undefined].filter((x): x is string => x !== undefined && x !== '');
  const detail = parts.length === 0 ? undefined : parts.join(' — ');
  const rateLimit = e.data.rateLimit ?? rateLimitFromHeaders(e.data.headers);
  return {
    status: e.data.code,
    ...(p.type === undefined ? {} : { problemType: p.type }),
    ...(p.title === undefined ? {} : { title: p.title }),
    ...(detail === undefined ? {} : { detail }),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  };
}

function rateLimitFromHeaders(headers: Record<string, unknown> | undefined): RateLimit | undefined {
  const n = (k: string): number => Number(headers?.[k]);
  const reset = n('x-rate-limit-reset');
  if (!Number.isFinite(reset)) return undefined;
  return { limit: n('x-rate-limit-limit'), remaining: n('x-rate-limit-remaining'), reset };
}

/** Milliseconds until an epoch-seconds reset (at least 1 s: X's clock and ours differ). */
export function msUntilReset(resetEpochSeconds: number, now = Date.now()): number {
  return Math.max(1000, resetEpochSeconds * 1000 - now + 1000);
}

/** Options of {@link classifyXError}. */
export interface ClassifyOptions {
  /** True when a 401 can be cured by refreshing (an OAuth 2.0 user token with a refresh token). */
  readonly canRefresh: boolean;
  readonly now?: number;
}

/**
 * The source's `classifyError`: 429 → wait until `x-rate-limit-reset` (or the 24-hour window's
 * reset when that one is used up); `usage-capped` → exhausted (stop, do not wait); 401 → refresh
 * an OAuth 2.0 user token, else credentials are wrong; 403 → refused, never retried; 5xx/503 →
 * retry. Other errors: `undefined` (the engine's generic rules).
 */
export function classifyXError(error: unknown, options: ClassifyOptions): VendorErrorClassification | undefined {
  const network = networkFailure(error);
  if (network !== undefined) return { retryable: true, ...network };
  const f = xErrorFacts(error);
  if (f === undefined) return undefined;
  const base = { status: f.status, ...(f.problemType === undefined ? {} : { remoteCode: f.problemType }) };
  if (f.problemType === USAGE_CAPPED_TYPE || /usage ?cap/i.test(f.title ?? '')) {
    return { ...base, retryable: false, exhausted: true, rateLimited: true, reason: `X usage cap reached: ${f.detail ?? 'usage-capped'}` };
  }
  if (f.status === 429) {
    const rl = f.rateLimit;
    const windows = [rl, rl?.day, rl?.userDay].filter((w): w is z.infer<typeof WindowSchema> => w !== undefined && w.remaining <= 0 && Number.isFinite(w.reset));
    const reset = windows.length === 0 ? undefined : Math.max(...windows.map((w) => w.reset));
    const retryAfterMs = reset === undefined ? 60_000 : msUntilReset(reset, options.now);
    return { ...base, retryable: true, rateLimited: true, retryAfterMs, reason: `X rate limit (HTTP 429), resets in ${Math.ceil(retryAfterMs / 1000)} s` };
  }
  if (f.status === 401) {
    if (options.canRefresh) return { ...base, retryable: true, refreshSession: true, reason: 'X access token expired (HTTP 401): refreshing' };
    return { ...base, retryable: false, authFailed: true, reason: `X refused the credentials (HTTP 401)${f.detail === undefined ? '' : `: ${f.detail}`}` };
  }
  if (f.status === 403) return { ...base, retryable: false, reason: `X refused (HTTP 403)${f.detail === undefined ? '' : `: ${f.detail}`}` };
  if (f.status >= 500) return { ...base, retryable: true, reason: `X HTTP ${f.status}` };
  return undefined;
}

const NetworkErrorSchema = z.object({ type: z.enum(['request', 'partial-response']) });
const CodeSchema = z.object({ code: z.string() });

/**
 * twitter-api-v2's `ApiRequestError` (no answer: reset, refused, timed out) and
 * `ApiPartialResponseError` (the answer broke off): worth another try. 1.29.1 keeps the socket error
 * in `_options.error` (its `requestError` getter reads another key), so both are looked at.
 */
function networkFailure(error: unknown): { reason: string; remoteCode?: string } | undefined {
  const e = NetworkErrorSchema.safeParse(error);
  if (!e.success) return undefined;
  if (e.data.type === 'partial-response') return { reason: 'X answer broke off (partial response)' };
  const holder = error as { requestError?: unknown; _options?: { error?: unknown } };
  const code = CodeSchema.safeParse(holder.requestError ?? holder._options?.error);
  return code.success ? { reason: `X network error (${code.data.code})`, remoteCode: code.data.code } : { reason: 'X network error' };
}

/** Feeds one reply's rate-limit figures (window and 24-hour headers) to the engine, per endpoint. */
export function reportRateLimit(ctx: CallContext, endpoint: string, rl: RateLimit | undefined): void {
  if (rl === undefined) return;
  // The endpoint's 15-minute window only slows (a 429 waits for its reset); the 24-hour ones are budgets.
  const windows: [string, z.infer<typeof WindowSchema> | undefined, UsageWindow][] = [
    [endpoint, rl, 'rate'],
    [`${endpoint} (app 24h)`, rl.day, 'budget'],
    [`${endpoint} (user 24h)`, rl.userDay, 'budget'],
  ];
  for (const [name, w, window] of windows) {
    if (w === undefined || !Number.isFinite(w.limit) || !Number.isFinite(w.remaining) || w.limit <= 0) continue;
    ctx.reportUsage({
      used: Math.max(0, w.limit - w.remaining),
      limit: w.limit,
      name,
      window,
      ...(Number.isFinite(w.reset) ? { resetAt: new Date(w.reset * 1000).toISOString() } : {}),
    });
  }
}
