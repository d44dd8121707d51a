import { z } from 'zod';

/** Case priorities, as Salesforce and SugarCRM name them. */
export const PRIORITIES = ['Low', 'Medium', 'High'] as const;
/** Priority of a Case. */
export type Priority = (typeof PRIORITIES)[number];

/** Extra CRM fields set by declarative mapping (`mapping.caseFields`, `mapping.contactFields`). */
export const CustomFieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** Extra CRM fields by their CRM API name. */
export type CustomFields = z.infer<typeof CustomFieldsSchema>;

/** Reference to a record, either by its CRM id or by the external key it gets in the same plan. */
export const RecordRefSchema = z.union([
  z.object({ id: z.string().min(1) }),
  z.object({ externalKey: z.string().min(1) }),
]);
/** A record reference: `{ id }` for a record already in the CRM, `{ externalKey }` for one in the plan. */
export type RecordRef = z.infer<typeof RecordRefSchema>;

/** A social handle on a Contact. */
export const SocialHandleSchema = z.object({ provider: z.string().min(1), handle: z.string().min(1) });
/** A provider user id on a Contact. */
export const SocialIdSchema = z.object({ provider: z.string().min(1), id: z.string().min(1) });

/** Fields of a Contact the connector creates or updates. */
export const ContactDraftSchema = z.object({
  firstName: z.string().optional(),
  lastName: z.string().min(1),
  email: z.string().optional(),
  handles: z.array(SocialHandleSchema),
  socialIds: z.array(SocialIdSchema),
  followers: z.number().int().nonnegative().optional(),
  verified: z.boolean().optional(),
  location: z.string().optional(),
  custom: CustomFieldsSchema.default({}),
});
/** Fields of a Contact to create or update. */
export type ContactDraft = z.infer<typeof ContactDraftSchema>;

/** Fields of a Case the connector creates. `externalPostId` is its idempotency key. */
export const CaseDraftSchema = z.object({
  externalPostId: z.string().min(1),
  threadKey: z.string().min(1),
  subject: z.string(),
  description: z.string(),
  status: z.string().min(1),
  priority: z.enum(PRIORITIES),
  origin: z.string().min(1),
  createdAt: z.string(),
  custom: CustomFieldsSchema.default({}),
});
/** Fields of a Case to create. */
export type CaseDraft = z.infer<typeof CaseDraftSchema>;

/** A comment on a Case: an inbound post joining the Case, or the brand's outbound answer. */
export const CommentDraftSchema = z.object({
  externalPostId: z.string().min(1),
  body: z.string(),
  outbound: z.boolean(),
  createdAt: z.string(),
});
/** Fields of a Case comment to add. */
export type CommentDraft = z.infer<typeof CommentDraftSchema>;
