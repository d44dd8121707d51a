/** Query rows as the adapter reads them (zod at the boundary), turned into the connector's CRM records. */
import { z } from 'zod';
import type { CrmCase, CrmContact } from '../types.js';
import type { SalesforceFields } from './config.js';

const text = z.string().nullish();
const ContactRowSchema = z.looseObject({ Id: z.string(), FirstName: text, LastName: text, Email: text });
const CaseRowSchema = z.looseObject({
  Id: z.string(),
  Subject: text,
  Status: text,
  IsClosed: z.boolean().nullish(),
  ContactId: text,
  ParentId: text,
  CreatedDate: text,
  ClosedDate: text,
});
const CommentRowSchema = z.looseObject({ Id: z.string(), ParentId: z.string(), CommentBody: text, Body: text });

/** The fields every Contact query selects. */
export const contactSelect = (f: SalesforceFields): string[] => ['Id', 'FirstName', 'LastName', 'Email', f.contactExternalId, f.contactHandle];
/** The fields every Case query selects. */
export const caseSelect = (f: SalesforceFields): string[] => ['Id', 'Subject', 'Status', 'IsClosed', 'ContactId', 'ParentId', f.caseExternalId, f.caseThreadKey, 'CreatedDate', 'ClosedDate'];

const str = (row: Record<string, unknown>, key: string): string | undefined => {
  const v = row[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const iso = (value: string | null | undefined): string | undefined => {
  if (value === null || value === undefined) return undefined;
  const t = Date.parse(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isNaN(t) ? value : new Date(t).toISOString();
};

/** Splits `provider:id`. */
export function splitKey(key: string): { provider: string; id: string } | undefined {
  const at = key.indexOf(':');
  return at <= 0 || at === key.length - 1 ? undefined : { provider: key.slice(0, at), id: key.slice(at + 1) };
}

/** A Contact row; `providersOfHandle` names the providers a handle-only Contact is reported under. */
export function toContact(raw: unknown, f: SalesforceFields, providersOfHandle: (handle: string) => readonly string[]): CrmContact | undefined {
  const parsed = ContactRowSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const row = parsed.data;
  const external = str(row, f.contactExternalId);
  const handle = str(row, f.contactHandle)?.replace(/^@/, '');
  const social = external === undefined ? undefined : splitKey(external);
  const providers = social !== undefined ? [social.provider] : handle === undefined ? [] : providersOfHandle(handle);
  return {
    id: row.Id,
    firstName: row.FirstName ?? undefined,
    lastName: row.LastName ?? '',
    email: row.Email ?? undefined,
    handles: handle === undefined ? [] : providers.map((provider) => ({ provider, handle })),
    socialIds: social === undefined ? [] : [social],
  };
}

/** The External ID a Contact row carries. */
export const contactExternalIdOf = (raw: unknown, f: SalesforceFields): string | null => {
  const parsed = ContactRowSchema.safeParse(raw);
  return parsed.success ? (str(parsed.data, f.contactExternalId) ?? null) : null;
};

/** A Case row. */
export function toCase(raw: unknown, f: SalesforceFields, closedStatuses: ReadonlySet<string>): CrmCase | undefined {
  const parsed = CaseRowSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const row = parsed.data;
  const status = row.Status ?? '';
  return {
    id: row.Id,
    subject: row.Subject ?? undefined,
    status,
    isClosed: row.IsClosed ?? closedStatuses.has(status),
    contactId: row.ContactId ?? undefined,
    parentId: row.ParentId ?? undefined,
    externalPostId: str(row, f.caseExternalId),
    threadKey: str(row, f.caseThreadKey),
    createdAt: iso(row.CreatedDate) ?? new Date(0).toISOString(),
    closedAt: iso(row.ClosedDate),
  };
}

/** A CaseComment or FeedItem row: its id, Case and body. */
export function toCommentRow(raw: unknown): { id: string; caseId: string; body: string } | undefined {
  const parsed = CommentRowSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  return { id: parsed.data.Id, caseId: parsed.data.ParentId, body: parsed.data.CommentBody ?? parsed.data.Body ?? '' };
}
