/**
 * Sugar records ↔ the connector's records: the zod shapes of what the filter API returns (only the
 * fields the adapter asked for; anything else passes), and the field mapping of drafts to Sugar's
 * Cases, Contacts and Notes (`name` ≤ 255 and always set, statuses and priorities as configured,
 * `account_id`, email in Sugar's `email` array shape). `null` is never sent: Sugar does not clear a
 * field with it, so an absent value is simply left out.
 */
import { z } from 'zod';
import type { CaseDraft, CommentDraft, ContactDraft } from '../../model/drafts.js';
import type { CrmCase, CrmComment, CrmContact } from '../../model/crm-records.js';
import type { SugarCrmConfig } from './config.js';

/** Sugar's record limits the adapter enforces before sending. */
export const SUGAR_FIELD_LIMITS = {
  caseSubject: 255,
  /** Cases.description is a MySQL TEXT (65,535 bytes): 16,000 characters fit even at 4 bytes each. */
  caseDescription: 16_000,
  /** Notes.description is a MySQL TEXT. */
  commentBodyBytes: 65_535,
  contactLastName: 100,
  contactFirstName: 100,
} as const;

const NAME_LIMIT = 255;

/** The provider whose handles the Contact handle field (Sugar's stock `twitter`) holds. */
export const HANDLE_PROVIDER = 'twitter';
const text = z.string().nullish();
const id = z.string().min(1);

/** A record of a filter reply: the fields the adapter reads, others ignored. */
export const SugarRecordSchema = z.looseObject({ id, date_entered: text, date_modified: text });
/** `POST /<module>/filter`. */
export const FilterReplySchema = z.object({ next_offset: z.number().int(), records: z.array(SugarRecordSchema) });
/** One record as returned. */
export type SugarRecord = z.infer<typeof SugarRecordSchema>;

const str = (record: SugarRecord, field: string): string | undefined => {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const EmailSchema = z.array(z.looseObject({ email_address: z.string(), primary_address: z.union([z.boolean(), z.string(), z.number()]).optional() }));

/** Cuts to `limit` characters (whole code points). */
export function cutChars(value: string, limit: number): string {
  const chars = Array.from(value);
  return chars.length <= limit ? value : chars.slice(0, limit).join('');
}

/** The stored handle without a leading `@` or a profile URL around it. */
export function bareHandle(value: string): string {
  return value.trim().replace(/^https?:\/\/(www\.)?(twitter|x)\.com\//i, '').replace(/^@/, '').replace(/\/$/, '');
}

/** `provider:id` as stored in the Contact external-id field. */
function splitKey(value: string): { provider: string; id: string } | undefined {
  const at = value.indexOf(':');
  return at <= 0 || at === value.length - 1 ? undefined : { provider: value.slice(0, at), id: value.slice(at + 1) };
}

/** Fields the adapter asks for per module. */
export function fieldsToRead(config: SugarCrmConfig): Record<'Contacts' | 'Cases' | 'Notes', string[]> {
  const f = config.fields;
  return {
    Contacts: ['first_name', 'last_name', 'email', f.contactHandle, f.contactExternalId],
    Cases: ['name', 'case_number', 'status', 'primary_contact_id', f.caseExternalId, f.caseThreadKey, 'date_entered', ...(f.caseParent ? [f.caseParent] : [])],
    Notes: ['parent_type', 'parent_id', f.noteExternalId],
  };
}

/** A Sugar Contact as the connector sees it. */
export function toCrmContact(record: SugarRecord, config: SugarCrmConfig): CrmContact {
  const key = str(record, config.fields.contactExternalId);
  const social = key === undefined ? undefined : splitKey(key);
  const handle = str(record, config.fields.contactHandle);
  const emails = EmailSchema.safeParse(record['email']);
  const primary = emails.success ? (emails.data.find((e) => e.primary_address === true || e.primary_address === '1' || e.primary_address === 1) ?? emails.data[0]) : undefined;
  return {
    id: record.id,
    firstName: str(record, 'first_name'),
    lastName: str(record, 'last_name') ?? '',
    email: primary?.email_address,
    handles: handle === undefined || bareHandle(handle) === '' ? [] : [{ provider: HANDLE_PROVIDER, handle: bareHandle(handle) }],
    socialIds: social === undefined ? [] : [social],
  };
}

/** A Sugar Case as the connector sees it; `closedAt` is its last change when its status is closed. */
export function toCrmCase(record: SugarRecord, config: SugarCrmConfig): CrmCase {
  const status = str(record, 'status') ?? '';
  const isClosed = config.statuses.closed.includes(status);
  return {
    id: record.id,
    subject: str(record, 'name'),
    status,
    isClosed,
    contactId: str(record, 'primary_contact_id'),
    parentId: config.fields.caseParent ? str(record, config.fields.caseParent) : undefined,
    externalPostId: str(record, config.fields.caseExternalId),
    threadKey: str(record, config.fields.caseThreadKey),
    createdAt: str(record, 'date_entered') ?? str(record, 'date_modified') ?? new Date(0).toISOString(),
    closedAt: isClosed ? str(record, 'date_modified') : undefined,
  };
}

/** A Sugar Note carrying a post's external id, as a comment. */
export function toCrmComment(record: SugarRecord, config: SugarCrmConfig): CrmComment | undefined {
  const externalPostId = str(record, config.fields.noteExternalId);
  const caseId = str(record, 'parent_id');
  if (externalPostId === undefined || caseId === undefined || str(record, 'parent_type') !== 'Cases') return undefined;
  return { id: record.id, caseId, externalPostId };
}

/** Declarative extra fields without `null`s (Sugar would not clear a field with one anyway). */
function extraFields(custom: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(custom).filter(([, v]) => v !== null && v !== undefined));
}

/** Body of a Contact create (`id` set) or update (no id, no email: Sugar would replace every address). */
export function contactBody(fields: ContactDraft, config: SugarCrmConfig, createId?: string): Record<string, unknown> {
  const social = fields.socialIds[0];
  const handle = fields.handles.find((h) => h.provider === HANDLE_PROVIDER);
  return {
    ...extraFields(fields.custom),
    ...(createId === undefined ? {} : { id: createId }),
    last_name: fields.lastName,
    ...(fields.firstName === undefined ? {} : { first_name: fields.firstName }),
    ...(handle === undefined ? {} : { [config.fields.contactHandle]: handle.handle }),
    ...(social === undefined ? {} : { [config.fields.contactExternalId]: `${social.provider}:${social.id}` }),
    ...(createId !== undefined && fields.email !== undefined ? { email: [{ email_address: fields.email, primary_address: true }] } : {}),
  };
}

/** The Case name: the subject, or a stand-in naming the post when the subject is blank; ≤ 255 characters. */
export function caseName(fields: CaseDraft): string {
  return cutChars(fields.subject.trim() === '' ? `Social post ${fields.externalPostId}` : fields.subject, NAME_LIMIT);
}

/** Body of a Case create with its deterministic id. */
export function caseBody(
  fields: CaseDraft,
  config: SugarCrmConfig,
  ids: { readonly id: string; readonly contactId: string; readonly parentId?: string | undefined },
): Record<string, unknown> {
  const f = config.fields;
  return {
    ...extraFields(fields.custom),
    id: ids.id,
    name: caseName(fields),
    description: fields.description,
    status: fields.status,
    priority: config.priorities[fields.priority],
    primary_contact_id: ids.contactId,
    [f.caseExternalId]: fields.externalPostId,
    [f.caseThreadKey]: fields.threadKey,
    ...(f.caseParent && ids.parentId !== undefined ? { [f.caseParent]: ids.parentId } : {}),
    ...(config.accountId === null ? {} : { account_id: config.accountId }),
    ...(config.caseSource === null ? {} : { source: config.caseSource }),
    ...(config.caseType === null ? {} : { type: config.caseType }),
  };
}

/** The Note name: `Post`/`Reply` and the first line of the body, ≤ 255 characters, never empty. */
export function noteName(fields: CommentDraft): string {
  const firstLine = fields.body.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
  const label = `${fields.outbound ? 'Reply' : 'Post'} ${fields.externalPostId}`;
  return cutChars(firstLine === '' ? label : `${label}: ${firstLine}`, NAME_LIMIT);
}

/** Body of a Note create: `parent_type: Cases`, the Case, the author Contact for inbound posts. */
export function noteBody(fields: CommentDraft, config: SugarCrmConfig, ids: { readonly id: string; readonly caseId: string; readonly contactId?: string | undefined }): Record<string, unknown> {
  return {
    id: ids.id,
    name: noteName(fields),
    description: fields.body,
    parent_type: 'Cases',
    parent_id: ids.caseId,
    ...(!fields.outbound && ids.contactId !== undefined ? { contact_id: ids.contactId } : {}),
    [config.fields.noteExternalId]: fields.externalPostId,
  };
}
