import { readHeader } from './error-shape.js';

/**
 * Parses a `Retry-After` value: delta seconds (`"120"`, `"1.5"`) or an HTTP date
 * (`"Wed, 21 Oct 2015 07:28:00 GMT"`). Returns milliseconds from `now`, never negative.
 */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Milliseconds until an epoch-seconds instant, never negative. */
export function untilEpochSeconds(epochSeconds: number, now: number): number {
  return Math.max(0, Math.round(epochSeconds * 1000 - now));
}

/**
 * The wait a response's headers ask for, in milliseconds:
 * - `Retry-After` (seconds or HTTP date) always counts;
 * - window resets — `ratelimit-reset` (delta seconds, IETF draft) and `x-rate-limit-reset`
 *   (epoch seconds, X/Twitter) — count only when `rateLimited`: they are sent on every response,
 *   and a 5xx is no reason to wait for the end of a quota window.
 */
export function headerDelayMs(headers: unknown, now: number, rateLimited: boolean): number | undefined {
  const retryAfter = readHeader(headers, 'retry-after');
  const fromRetryAfter = retryAfter === undefined ? undefined : parseRetryAfter(retryAfter, now);
  if (fromRetryAfter !== undefined) return fromRetryAfter;
  if (!rateLimited) return undefined;
  const delta = seconds(readHeader(headers, 'ratelimit-reset'));
  if (delta !== undefined) return Math.round(delta * 1000);
  const epoch = seconds(readHeader(headers, 'x-rate-limit-reset'));
  return epoch === undefined ? undefined : untilEpochSeconds(epoch, now);
}
