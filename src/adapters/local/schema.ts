/**
 * The Local CRM file (ARCHITECTURE.md "Formats", Local CRM file): `{ cases, contacts, comments }`, absent optional
 * fields as `null`. Hand-written seed files may leave out anything optional; it defaults on load.
 */
import { z } from 'zod';
import { CustomFieldsSchema, SocialHandleSchema, SocialIdSchema } from '../../model/drafts.js';

const nullableString = z.string().nullable().default(null);

/** One Case row of the local CRM file. */
export const LocalCaseSchema = z.object({
  id: z.string().min(1),
  caseNumber: nullableString,
  subject: z.string().default(''),
  description: z.string().default(''),
  status: z.string().min(1),
  priority: z.string().default('Medium'),
  origin: nullableString,
  contactId: nullableString,
  parentId: nullableString,
  externalPostId: nullableString,
  threadKey: nullableString,
  createdAt: z.string().min(1),
  closedAt: nullableString,
  updatedAt: nullableString,
  custom: CustomFieldsSchema.default({}),
});
/** A Case as the local CRM stores it. */
export type LocalCase = z.output<typeof LocalCaseSchema>;

/** One Contact row of the local CRM file. */
export const LocalContactSchema = z.object({
  id: z.string().min(1),
  firstName: nullableString,
  lastName: z.string().min(1),
  handles: z.array(SocialHandleSchema).default([]),
  socialIds: z.array(SocialIdSchema).default([]),
  email: nullableString,
  followers: z.number().int().nonnegative().nullable().default(null),
  verified: z.boolean().nullable().default(null),
  location: nullableString,
  updatedAt: nullableString,
  custom: CustomFieldsSchema.default({}),
});
/** A Contact as the local CRM stores it. */
export type LocalContact = z.output<typeof LocalContactSchema>;

/** One Case comment row of the local CRM file. */
export const LocalCommentSchema = z.object({
  id: z.string().min(1),
  caseId: z.string().min(1),
  body: z.string(),
  externalPostId: nullableString,
  outbound: z.boolean().default(false),
  createdAt: z.string().min(1),
});
/** A Case comment as the local CRM stores it. */
export type LocalComment = z.output<typeof LocalCommentSchema>;

/** The whole local CRM file (without the journal's top-level `seq`, which journal-file owns). */
export const LocalCrmDocumentSchema = z.object({
  cases: z.array(LocalCaseSchema).default([]),
  contacts: z.array(LocalContactSchema).default([]),
  comments: z.array(LocalCommentSchema).default([]),
});
/** The local CRM's data: every Case, Contact and comment. */
export type LocalCrmDocument = z.output<typeof LocalCrmDocumentSchema>;

/** One journal entry of the local CRM: full rows to insert or replace by id (idempotent). */
export const LocalCrmChangeSchema = z.object({
  contacts: z.array(LocalContactSchema),
  cases: z.array(LocalCaseSchema),
  comments: z.array(LocalCommentSchema),
});
/** Rows one `apply` inserts or replaces. */
export type LocalCrmChange = z.output<typeof LocalCrmChangeSchema>;
