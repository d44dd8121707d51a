/** Wire-level types shared by the emulator's handlers. */

/** A request-level Salesforce REST error (`[{ message, errorCode, fields? }]`). */
export interface RestErrorBody {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** A per-record error inside sObject Collections results (`statusCode`, not `errorCode`). */
export interface RecordErrorBody {
  statusCode: string;
  message: string;
  fields: string[];
  /** DUPLICATES_DETECTED only: the duplicate rule's result. */
  duplicateResult?: unknown;
}

/** One stored record: `Id` plus field values keyed by their API names. */
export interface SObjectRecord {
  Id: string;
  [field: string]: unknown;
}

/** What a handler answers; `html` replaces the JSON body with a text/html one. */
export interface Reply {
  status: number;
  body?: unknown;
  html?: string;
  headers?: Record<string, string>;
}

/** One REST call as the router sees it, top-level or a Composite subrequest. */
export interface RoutedRequest {
  method: string;
  /** Path without the query string, already percent-decoded per segment. */
  segments: string[];
  /** Raw path as received, for error messages and Location headers. */
  rawPath: string;
  query: URLSearchParams;
  body: unknown;
  headers: Record<string, string | undefined>;
  /** True when run as a subrequest of POST /composite. */
  inComposite: boolean;
  /** When the request belongs to a Composite with allOrNone true. */
  forceAllOrNone: boolean;
}
