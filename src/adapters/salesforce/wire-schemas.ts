/**
 * zod schemas of what Salesforce sends back (REST API v62.0), checked at the boundary: token
 * replies, query results, Composite and sObject Collections results, error bodies, describes.
 * Unknown properties pass through (Salesforce adds fields between versions).
 */
import { z } from 'zod';

/** Reply of `POST /services/oauth2/token`. */
export const TokenReplySchema = z.looseObject({
  access_token: z.string().min(1),
  instance_url: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  id: z.string().optional(),
  issued_at: z.string().optional(),
});
/** A token reply. */
export type TokenReply = z.infer<typeof TokenReplySchema>;

/** One error of a REST error body (`errorCode`) or of a collection result (`statusCode`). */
export const SalesforceErrorSchema = z.looseObject({
  message: z.string().default(''),
  errorCode: z.string().optional(),
  statusCode: z.string().optional(),
  fields: z.array(z.string()).optional(),
  duplicateResult: z.unknown().optional(),
});
/** A Salesforce error as sent. */
export type SalesforceError = z.infer<typeof SalesforceErrorSchema>;

/** A `SaveResult` / `UpsertResult` of sObject Collections. */
export const SaveResultSchema = z.looseObject({
  id: z.string().nullish(),
  success: z.boolean(),
  created: z.boolean().optional(),
  errors: z.array(SalesforceErrorSchema).default([]),
});
/** One record's result in a collection reply. */
export type SaveResult = z.infer<typeof SaveResultSchema>;

/** A query reply (`GET /query`). Records are checked by the reader that knows their fields. */
export const QueryReplySchema = z.looseObject({
  totalSize: z.number().optional(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.looseObject({})),
});
/** A query reply. */
export type QueryReply = z.infer<typeof QueryReplySchema>;

/** One subresponse of a Composite reply. */
export const CompositeSubresponseSchema = z.looseObject({
  body: z.unknown(),
  httpHeaders: z.record(z.string(), z.string()).default({}),
  httpStatusCode: z.number().int(),
  referenceId: z.string(),
});
/** A subresponse. */
export type CompositeSubresponse = z.infer<typeof CompositeSubresponseSchema>;

/** Reply of `POST /composite`. */
export const CompositeReplySchema = z.looseObject({ compositeResponse: z.array(CompositeSubresponseSchema) });

/** A field of an sObject describe. */
export const DescribeFieldSchema = z.looseObject({
  name: z.string(),
  type: z.string(),
  length: z.number().default(0),
  byteLength: z.number().optional(),
  externalId: z.boolean().default(false),
  unique: z.boolean().default(false),
  idLookup: z.boolean().default(false),
  createable: z.boolean().default(false),
  updateable: z.boolean().default(false),
  filterable: z.boolean().default(true),
  picklistValues: z.array(z.looseObject({ value: z.string(), active: z.boolean().default(true) })).default([]),
});
/** A describe field. */
export type DescribeField = z.infer<typeof DescribeFieldSchema>;

/** `GET /sobjects/{T}/describe`. */
export const DescribeSObjectSchema = z.looseObject({
  name: z.string(),
  createable: z.boolean().default(false),
  updateable: z.boolean().default(false),
  queryable: z.boolean().default(true),
  fields: z.array(DescribeFieldSchema),
});
/** An sObject describe. */
export type DescribeSObject = z.infer<typeof DescribeSObjectSchema>;
