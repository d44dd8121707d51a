/**
 * Typed errors. Every error the connector raises is a {@link ConnectorError} with a stable `code`
 * that scripts can switch on. Messages say what was wrong and where; they never carry a secret:
 * anything that looks like a credential is masked before it reaches a message or `toJSON()`.
 */

import type { SyncReport } from './model/report.js';

/** Stable error codes, one per error class. */
export type ConnectorErrorCode =
  | 'CONFIG'
  | 'AUTH'
  | 'RATE_LIMIT'
  | 'MAPPING'
  | 'CRM_RECORD'
  | 'SOURCE'
  | 'TRANSIENT'
  | 'BUDGET_EXHAUSTED'
  | 'CONNECTOR';

/** Extra, non-secret facts about where an error happened. */
export interface ErrorDetails {
  /** Dotted path of the offending field, e.g. `author.handle` or `crm.path`. */
  readonly field?: string;
  /** The post the error concerns. */
  readonly postId?: string;
  /** A CRM record id or external key. */
  readonly record?: string;
  /** Line number in a JSONL input (1-based). */
  readonly line?: number;
  /** The CRM's or API's own error code, e.g. `REQUIRED_FIELD_MISSING`. */
  readonly remoteCode?: string;
  /** HTTP status of the failed call, when there was one. */
  readonly status?: number;
}

const SECRET_KEY = /(pass(word)?|secret|token|api[-_]?key|authorization|session[-_]?id|client[-_]?secret|bearer|cookie)/i;

/** What a credential looks like, as opposed to a word: 8+ token characters with a digit and a letter, or 20+ token characters. */
const TOKENISH = String.raw`(?:(?=[A-Za-z0-9._~+/=-]*[0-9])(?=[A-Za-z0-9._~+/=-]*[A-Za-z])[A-Za-z0-9._~+/=-]{8,}|[A-Za-z0-9._~+/=-]{20,})(?![A-Za-z0-9._~+/=-])`;
/**
 * A key naming a secret value (`password`, `client_secret`, `refresh_token`, `apiKey`, `sessionId`, …).
 * Its prefix is bounded so a long hyphenated text costs linear time, not quadratic.
 */
const KEY = String.raw`[A-Za-z0-9_-]{0,40}(?:pass(?:word|wd)?|secret|token|api[-_]?key|session[-_]?id|assertion|private[-_]?key)`;
/** A quoted value (JSON, YAML, a JS object), escapes included. */
const QUOTED = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`;

/** Masks, in order; each keeps the text around the secret value. */
const MASKS: readonly (readonly [RegExp, string])[] = [
  // JWTs (`eyJ…` header, payload, signature) and Salesforce session ids (`00D…!…`), wherever they are.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[redacted]'],
  [/\b00D[A-Za-z0-9]{12,15}![A-Za-z0-9._]+/g, '[redacted]'],
  // SOAP and XML elements: <sessionId>…</sessionId>, <urn:password>…</urn:password>.
  [new RegExp(String.raw`(<(?:[\w-]+:)?${KEY}(?:\s[^<>]{0,200})?>)[^<]+(?=</)`, 'gi'), '$1[redacted]'],
  // An Authorization header with its scheme: everything after Bearer/Basic/Token/Digest is the credential.
  [/(\b(?:Proxy-)?Authorization["']?\s*[:=]\s*["']?(?:Bearer|Basic|Token|Digest)\s+)[^\s"',;]+/gi, '$1[redacted]'],
  // OAuth 1.0a header parameters (oauth_token="…", oauth_signature="…").
  [/(\boauth_[a-z_]+=)"[^"]*"/gi, '$1"[redacted]"'],
  // `Bearer <token>` / `OAuth <token>` where what follows looks like a token (never `OAuth 2.0`, `bearer token`).
  [new RegExp(String.raw`(\b(?:Bearer|OAuth)\s+)${TOKENISH}`, 'gi'), '$1[redacted]'],
  // A secret key with a quoted value: "password":"…", api_key: '…', clientSecret = "…".
  [new RegExp(String.raw`((?:"${KEY}"|'${KEY}'|\b${KEY})\s*[:=]\s*)(?:${QUOTED})`, 'gi'), '$1"[redacted]"'],
  // Query strings and form bodies: access_token=…&password=… (the value up to the next separator).
  [new RegExp(String.raw`((?:\b${KEY}|(?<=[?&])code)=)[^\s&"'<>;,)]+`, 'gi'), '$1[redacted]'],
  // A secret key with an unquoted value only when the value looks like a token (`password: login failed` stays).
  [new RegExp(String.raw`(\b${KEY}\s*:\s*)${TOKENISH}`, 'gi'), '$1[redacted]'],
  // Credentials in a URL: https://user:secret@host.
  [/(\b[a-z][a-z0-9+.-]{0,30}:\/\/[^\s:/@]{1,200}:)[^\s@/]{1,200}@/gi, '$1[redacted]@'],
];

/**
 * Masks credential values inside a free-text string, never ordinary words: JWTs, Salesforce session
 * ids (`00D…!…`), `<sessionId>`/`<password>` elements, Authorization header values (`Bearer …`,
 * OAuth 1.0a `oauth_…="…"`), `Bearer`/`OAuth` followed by something token-like, secret keys
 * (`password`, `client_secret`, `refresh_token`, `apiKey`, `sessionId`, …) with a quoted value or in a
 * query string or form body (`access_token=…`), and passwords in URLs. "X OAuth 2.0 refresh refused",
 * "the bearer token was refused" and "password flow: login failed" come out unchanged.
 */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of MASKS) out = out.replace(pattern, replacement);
  return out;
}

/** True when an object key names a secret (password, token, apiKey, …). */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** Base class of every error the connector throws or reports. */
export class ConnectorError extends Error {
  /** Stable machine-readable code. */
  readonly code: ConnectorErrorCode;
  /** Where the error happened (never secrets). */
  readonly details: ErrorDetails;
  /** Whether trying the same call again later may succeed. */
  readonly retryable: boolean;

  constructor(
    message: string,
    options: { code?: ConnectorErrorCode; details?: ErrorDetails; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'CONNECTOR';
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? false;
  }

  /** A plain, secret-free object for logs and dead letters. */
  toJSON(): { name: string; code: ConnectorErrorCode; message: string; retryable: boolean; details: ErrorDetails } {
    return { name: this.name, code: this.code, message: this.message, retryable: this.retryable, details: this.details };
  }
}

/** The job or sync configuration is invalid; `details.field` names the key. */
export class ConfigError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message, { code: 'CONFIG', details, cause });
  }
}

/** Credentials were rejected or a session could not be refreshed. */
export class AuthError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message, { code: 'AUTH', details, cause });
  }
}

/** A remote API limit was hit. `retryAfterMs` says when trying again makes sense. */
export class RateLimitError extends ConnectorError {
  /** Milliseconds to wait before the next call, from `Retry-After` or a reset header. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryAfterMs?: number; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { code: 'RATE_LIMIT', details: options.details ?? {}, retryable: true, cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A post could not be turned into CRM drafts (bad or missing field). */
export class MappingError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message, { code: 'MAPPING', details, cause });
  }
}

/** The CRM refused one record (validation, duplicate, missing reference). Never retried. */
export class CrmRecordError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}, cause?: unknown) {
    super(message, { code: 'CRM_RECORD', details, cause });
  }
}

/** The social source failed or handed over something unreadable. `retryable`: it may work on a later poll (e.g. a file being rotated). */
export class SourceError extends ConnectorError {
  constructor(message: string, details: ErrorDetails = {}, cause?: unknown, retryable = false) {
    super(message, { code: 'SOURCE', details, cause, retryable });
  }
}

/** A failure that may succeed later (network error, 5xx, row lock). */
export class TransientError extends ConnectorError {
  /** Milliseconds to wait before retrying, when the remote said so. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryAfterMs?: number; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { code: 'TRANSIENT', details: options.details ?? {}, retryable: true, cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A service's budget figures as last reported (`ctx.reportUsage`). */
export interface BudgetReading {
  readonly used: number;
  readonly limit: number;
  /** `used / limit`. */
  readonly share: number;
  readonly name?: string;
  readonly resetAt?: string;
}

/**
 * A service's API budget is (nearly) used up: its usage went above `limits.stopAbove`, or the service
 * said the period's cap is reached. The engine starts no new batch; what was committed stays, and a
 * rerun resumes from the last checkpoint (the job exits 3). `report` is the run's report so far.
 */
export class BudgetExhaustedError extends ConnectorError {
  /** The service whose budget ran out (`salesforce`, `twitter`). */
  readonly service: string;
  /** Its last reading, when it reported one. */
  readonly reading: BudgetReading | undefined;
  /** The run's report up to the stop (set by the engine). */
  readonly report: SyncReport | undefined;
  constructor(message: string, options: { service: string; reading?: BudgetReading; report?: SyncReport; details?: ErrorDetails; cause?: unknown }) {
    super(message, { code: 'BUDGET_EXHAUSTED', details: options.details ?? {}, retryable: true, cause: options.cause });
    this.service = options.service;
    this.reading = options.reading;
    this.report = options.report;
  }
}
