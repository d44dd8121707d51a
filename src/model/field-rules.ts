/**
 * Rules for single SocialPost fields, shared by `SocialPostSchema` and the JSONL fast path so that
 * both accept, reject and normalise exactly the same values.
 */

/** A character that is neither whitespace nor a control character (C0, DEL, C1). */
const VISIBLE = /[^\s\p{Cc}]/u;

/** Error message of a handle with nothing visible in it. */
export const HANDLE_MESSAGE = 'must have a visible character after the leading "@" (not only whitespace or control characters)';

/** Error message of a `createdAt` that is not a full date-time with a time zone. */
export const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a time zone, e.g. 2026-11-01T10:00:00Z';

/** Error message of a `url` that is not an http(s) URL. */
export const URL_MESSAGE = 'must be an http: or https: URL';

/** Error message of a `lang` that is not a language tag. */
export const LANG_MESSAGE = 'must be a language tag such as "en" or "pt-BR"';

/** A BCP 47-shaped language tag as X and listening tools write them (`en`, `pt-BR`, `zh-Hant`, `und`). */
const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** True when `lang` is a language tag. */
export function isLanguageTag(lang: string): boolean {
  return LANG_TAG.test(lang);
}

/** A trimmed handle without its one leading `@`. */
export function stripHandle(handle: string): string {
  return handle.trim().replace(/^@/, '');
}

/** True when a handle (as {@link stripHandle} leaves it) has a character a person can see. */
export function isVisibleHandle(handle: string): boolean {
  return VISIBLE.test(handle);
}

/** The one form of a provider name: trimmed, lower case (`" Twitter "` → `twitter`). */
export function normalizeProvider(provider: string): string {
  return provider.trim().toLowerCase();
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Normalises an ISO 8601 date-time to `toISOString()` form, or answers `undefined` when it is not
 * one: the time zone must be explicit (`Z` or `±hh:mm`), the date a real calendar date and the time
 * a real clock time (seconds and up to 9 fraction digits optional; no leap second, no `24:00`).
 */
export function normalizeDateTime(value: string): string | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = Number(m[6] ?? 0);
  const offsetHours = Number(m[7] ?? 0);
  const offsetMinutes = Number(m[8] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The trimmed URL when it parses as an absolute `http:` or `https:` URL, else `undefined`. */
export function normalizeHttpUrl(value: string): string | undefined {
  const trimmed = value.trim();
  let protocol: string;
  try {
    protocol = new URL(trimmed).protocol;
  } catch {
    return undefined;
  }
  return protocol === 'http:' || protocol === 'https:' ? trimmed : undefined;
}
