/**
 * `lookup` for Sugar: one batch, three filter calls sent together (`POST /Contacts/filter`,
 * `/Cases/filter`, `/Notes/filter`, each paged through `next_offset` until -1), plus one more for the
 * open Cases of matched Contacts the first Cases call could not guess. Contacts match by the
 * external-id field, the handle field (`$in`, with the `@` spellings), email and full name; inside
 * `$or`, every field of one definition is OR-ed, so a name (first AND last) is an explicit `$and`.
 */
import type { CallContext } from '../../calls/types.js';
import { identityKey } from '../../model/social-post.js';
import type { CrmCase, CrmComment, CrmContact, LookupRequest, LookupResult } from '../types.js';
import type { SugarCrmConfig } from './config.js';
import { contactIdOf } from './ids.js';
import { fieldsToRead, FilterReplySchema, HANDLE_PROVIDER, toCrmCase, toCrmComment, toCrmContact, type SugarRecord } from './records.js';
import type { SugarSession } from './session.js';

/** Records per filter page (Sugar caps `max_num` at its `max_record_fetch_size`, 1,000 by default). */
export const FILTER_PAGE_SIZE = 200;

type Definition = Record<string, unknown>;

/** Every record matching `filter` (all pages). */
export async function filterAll(session: SugarSession, ctx: CallContext, module: string, filter: Definition[], fields: readonly string[]): Promise<SugarRecord[]> {
  const records: SugarRecord[] = [];
  let offset = 0;
  for (let page = 0; page < 10_000; page += 1) {
    const body = { filter, max_num: FILTER_PAGE_SIZE, offset, fields: fields.join(',') };
    const reply = await session.send(ctx, `filter ${module}`, { method: 'POST', path: `/${module}/filter`, body }, FilterReplySchema);
    records.push(...reply.records);
    if (reply.next_offset < 0 || reply.records.length === 0) return records;
    offset = reply.next_offset;
  }
  return records;
}

const unique = (values: Iterable<string>): string[] => [...new Set([...values].filter((v) => v !== ''))];

/** The spellings of a handle people store in Sugar's twitter field. */
const handleSpellings = (handle: string): string[] => unique([handle, handle.toLowerCase(), `@${handle}`, `@${handle.toLowerCase()}`]);

/** The `$or` definitions that find the batch's Contacts. */
export function contactDefinitions(request: LookupRequest, config: SugarCrmConfig): Definition[] {
  const f = config.fields;
  const or: Definition[] = [];
  const keys = unique(request.identities.map((i) => identityKey(i)));
  if (keys.length > 0) or.push({ [f.contactExternalId]: { $in: keys } });
  const handles = unique(
    [...request.identities, ...(request.mentionedHandles ?? [])].filter((h) => h.provider === HANDLE_PROVIDER).flatMap((h) => handleSpellings(h.handle)),
  );
  if (handles.length > 0) or.push({ [f.contactHandle]: { $in: handles } });
  for (const email of unique(request.identities.map((i) => i.email?.trim().toLowerCase() ?? ''))) or.push({ email: { $equals: email } });
  for (const name of unique(request.identities.map((i) => i.displayName?.trim().replace(/\s+/g, ' ') ?? ''))) {
    const [first, ...rest] = name.split(' ');
    if (first !== undefined && rest.length > 0) or.push({ $and: [{ first_name: { $equals: first } }, { last_name: { $equals: rest.join(' ') } }] });
  }
  if (request.contactIds.length > 0) or.push({ id: { $in: unique(request.contactIds) } });
  return or;
}

function openCasesOf(contactIds: readonly string[], config: SugarCrmConfig): Definition {
  return { $and: [{ primary_contact_id: { $in: [...contactIds] } }, { status: { $not_in: [...config.statuses.closed] } }] };
}

/** Answers one {@link LookupRequest}; remembers each Case's Contact for the Notes written later. */
export async function lookupSugar(
  session: SugarSession,
  ctx: CallContext,
  request: LookupRequest,
  config: SugarCrmConfig,
  caseContacts: Map<string, string>,
): Promise<LookupResult> {
  const fields = fieldsToRead(config);
  const f = config.fields;
  const contactOr = contactDefinitions(request, config);
  // Contacts the connector created have known ids: their open Cases are asked for in the first Cases call.
  const guessed = unique([...request.contactIds, ...request.identities.map((i) => contactIdOf(identityKey(i)))]);
  const caseOr: Definition[] = [];
  if (request.threadKeys.length > 0) caseOr.push({ [f.caseThreadKey]: { $in: unique(request.threadKeys) } });
  if (request.externalPostIds.length > 0) caseOr.push({ [f.caseExternalId]: { $in: unique(request.externalPostIds) } });
  if (request.openCasesOfMatchedContacts && guessed.length > 0) caseOr.push(openCasesOf(guessed, config));
  const notesWanted = request.externalPostIds.length > 0;
  if (contactOr.length === 0 && caseOr.length === 0 && !notesWanted) {
    const nothing: LookupResult = { contacts: [], cases: [], comments: [] };
    // An empty request asks nothing: no call at all. One that asks only what Sugar cannot hold (handles
    // of another provider) makes no round trip either, but still one (empty) call the engine counts.
    if (request.identities.length === 0 && request.contactIds.length === 0 && (request.mentionedHandles ?? []).length === 0) return nothing;
    return ctx.call('lookup (nothing to ask)', async () => nothing);
  }
  const [contactRows, caseRows, noteRows] = await Promise.all([
    contactOr.length > 0 ? filterAll(session, ctx, 'Contacts', [{ $or: contactOr }], fields.Contacts) : [],
    caseOr.length > 0 ? filterAll(session, ctx, 'Cases', [{ $or: caseOr }], fields.Cases) : [],
    notesWanted ? filterAll(session, ctx, 'Notes', [{ [f.noteExternalId]: { $in: unique(request.externalPostIds) } }], fields.Notes) : [],
  ]);
  const contacts = dedupe(contactRows.map((r) => toCrmContact(r, config)));
  const cases = caseRows.map((r) => toCrmCase(r, config));
  if (request.openCasesOfMatchedContacts) {
    const unguessed = contacts.map((c) => c.id).filter((id) => !guessed.includes(id));
    if (unguessed.length > 0) cases.push(...(await filterAll(session, ctx, 'Cases', [openCasesOf(unguessed, config)], fields.Cases)).map((r) => toCrmCase(r, config)));
  }
  const uniqueCases = dedupe(cases);
  for (const c of uniqueCases) if (c.contactId !== undefined) caseContacts.set(c.id, c.contactId);
  const comments = dedupe(noteRows.map((r) => toCrmComment(r, config)).filter((c): c is CrmComment => c !== undefined));
  return { contacts, cases: uniqueCases, comments };
}

function dedupe<T extends CrmContact | CrmCase | CrmComment>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.id)) seen.set(item.id, item);
  return [...seen.values()];
}
