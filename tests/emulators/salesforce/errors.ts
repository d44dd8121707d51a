import type { RecordErrorBody, Reply, RestErrorBody } from './types.js';

/** Thrown by handlers: becomes `status` with body `[{ message, errorCode, fields? }]`. */
export class RestError extends Error {
  readonly status: number;
  readonly errors: RestErrorBody[];
  constructor(status: number, errorCode: string, message: string, fields?: string[]) {
    super(message);
    this.status = status;
    this.errors = [{ message, errorCode, ...(fields ? { fields } : {}) }];
  }
  toReply(): Reply {
    return { status: this.status, body: this.errors };
  }
}

/** Thrown by the record layer: one or more per-record errors (`statusCode`). */
export class RecordError extends Error {
  readonly errors: RecordErrorBody[];
  constructor(statusCode: string, message: string, fields: string[] = [], duplicateResult?: unknown) {
    super(message);
    this.errors = [{ statusCode, message, fields, ...(duplicateResult ? { duplicateResult } : {}) }];
  }
  /** The single-record REST form: HTTP 400 with `errorCode` instead of `statusCode`. */
  toReply(status = 400): Reply {
    return {
      status,
      body: this.errors.map((e) => ({
        message: e.message, errorCode: e.statusCode, fields: e.fields,
        ...(e.duplicateResult ? { duplicateResult: e.duplicateResult } : {}),
      })),
    };
  }
}

export const notFound = (): RestError =>
  new RestError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const sessionInvalid = (): RestError =>
  new RestError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const requestLimitExceeded = (): RestError =>
  new RestError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

export const malformedQuery = (message: string): RestError => new RestError(400, 'MALFORMED_QUERY', message);

export const jsonParserError = (message: string): RestError => new RestError(400, 'JSON_PARSER_ERROR', message);

/** Converts anything a handler threw into a reply; unknown errors are 500 UNKNOWN_EXCEPTION. */
export function errorToReply(error: unknown): Reply {
  if (error instanceof RestError) return error.toReply();
  if (error instanceof RecordError) return error.toReply();
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: [{ message: `An unexpected error occurred: ${message}`, errorCode: 'UNKNOWN_EXCEPTION' }] };
}
