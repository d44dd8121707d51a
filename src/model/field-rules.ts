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
  const trimmed = handle.trim();
  return trimmed.charCodeAt(0) === 0x40 ? trimmed.slice(1) : trimmed;
}

/** True when a handle (as {@link stripHandle} leaves it) has a character a person can see. */
export function isVisibleHandle(handle: string): boolean {
  const first = handle.charCodeAt(0);
  // Printable ASCII (`!` … `~`) is visible; only other first characters need the regex.
  return (first >= 0x21 && first <= 0x7e) || VISIBLE.test(handle);
}

/** The one form of a provider name: trimmed, lower case (`" Twitter "` → `twitter`). */
export function normalizeProvider(provider: string): string {
  return provider.trim().toLowerCase();
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Normalises an ISO 8601 date-time to `toISOString()` form, or answers `undefined` when it is not
 * one: the time zone must be explicit (`Z` or `±hh:mm`), the date a real calendar date and the time
 * a real clock time (seconds and up to 9 fraction digits optional; no leap second, no `24:00`).
 * A value already in that form (`YYYY-MM-DDTHH:MM:SS.sssZ`, as X and this connector write it) is
 * checked without a regex or `Date` and returned as it is; anything else takes
 * {@link normalizeDateTimeReference}, and both answer the same for every input.
 */
export function normalizeDateTime(value: string): string | undefined {
  const canonical = canonicalDateTime(value);
  return canonical === NOT_CANONICAL ? normalizeDateTimeReference(value) : canonical;
}

/** The general rule of {@link normalizeDateTime}: regex, range checks, `Date.parse`, `toISOString` (exported for tests). */
export function normalizeDateTimeReference(value: string): string | undefined {
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

/** {@link canonicalDateTime}'s answer for a value not in `toISOString()` shape (the general rule decides). */
const NOT_CANONICAL = Symbol('not canonical');
const ZERO = 0x30;

/** The two decimal digits at `at`, or -1 when either is not a digit. */
function twoDigits(value: string, at: number): number {
  const a = value.charCodeAt(at) - ZERO;
  const b = value.charCodeAt(at + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * For a value shaped exactly like `toISOString()` output of years 0000–9999
 * (`YYYY-MM-DDTHH:MM:SS.sssZ`): the value itself when it is a real date and clock time, else
 * `undefined`. Any other shape: {@link NOT_CANONICAL}.
 */
function canonicalDateTime(value: string): string | undefined | typeof NOT_CANONICAL {
  if (value.length !== 24) return NOT_CANONICAL;
  const separators =
    value.charCodeAt(4) === 0x2d && // -
    value.charCodeAt(7) === 0x2d && // -
    value.charCodeAt(10) === 0x54 && // T
    value.charCodeAt(13) === 0x3a && // :
    value.charCodeAt(16) === 0x3a && // :
    value.charCodeAt(19) === 0x2e && // .
    value.charCodeAt(23) === 0x5a; // Z
  if (!separators) return NOT_CANONICAL;
  const century = twoDigits(value, 0);
  const yy = twoDigits(value, 2);
  const month = twoDigits(value, 5);
  const day = twoDigits(value, 8);
  const hour = twoDigits(value, 11);
  const minute = twoDigits(value, 14);
  const second = twoDigits(value, 17);
  const millisHigh = twoDigits(value, 20);
  const millisLow = value.charCodeAt(22) - ZERO;
  if (century < 0 || yy < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || millisHigh < 0 || millisLow < 0 || millisLow > 9) return NOT_CANONICAL;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(century * 100 + yy, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return value;
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
