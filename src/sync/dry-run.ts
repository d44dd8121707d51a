import type { ApplyResult, CrmCase, CrmContact, ItemResult, LookupRequest, LookupResult, WritePlan } from '../adapters/types.js';
import { normalizeHandle } from '../identity/normalize.js';

const fakeId = (kind: string, key: string): string => `dry-run:${kind}:${key}`;
const idKey = (provider: string, id: string): string => `id:${provider}:${id}`;
const handleKey = (provider: string, handle: string): string => `handle:${provider}:${normalizeHandle(handle)}`;
const contactKey = (id: string): string => `contact:${id}`;

function addTo<T>(map: Map<string, T[]>, key: string | undefined, value: T): void {
  if (key === undefined) return;
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * Stands in for the CRM in dry-run: answers a plan as if every item succeeded (ids `dry-run:…`) and
 * remembers what it "created", so later batches of the same run see those Contacts and Cases.
 */
export class DryRunCrm {
  private readonly contacts = new Map<string, CrmContact[]>();
  private readonly casesByThread = new Map<string, CrmCase[]>();
  private readonly casesByPost = new Map<string, CrmCase[]>();

  /** Pretends to apply a plan. */
  apply(plan: WritePlan): ApplyResult {
    const ok = (key: string, id: string, created: boolean): ItemResult => ({ key, ok: true, id, created });
    const contacts = plan.contacts.map((c) => {
      const id = c.id ?? fakeId('contact', c.key);
      const contact: CrmContact = { id, firstName: c.fields.firstName, lastName: c.fields.lastName, email: c.fields.email, handles: c.fields.handles, socialIds: c.fields.socialIds };
      for (const s of contact.socialIds) addTo(this.contacts, idKey(s.provider, s.id), contact);
      for (const h of contact.handles) addTo(this.contacts, handleKey(h.provider, h.handle), contact);
      addTo(this.contacts, contactKey(id), contact);
      return ok(c.key, id, c.id === undefined);
    });
    const idOfRef = (ref: { id: string } | { externalKey: string }, kind: string): string => ('id' in ref ? ref.id : fakeId(kind, ref.externalKey));
    const cases = plan.cases.map((c) => {
      const id = fakeId('case', c.key);
      const crmCase: CrmCase = {
        id,
        subject: c.fields.subject,
        status: c.fields.status,
        isClosed: false,
        contactId: idOfRef(c.contact, 'contact'),
        parentId: c.parent === undefined ? undefined : idOfRef(c.parent, 'case'),
        externalPostId: c.fields.externalPostId,
        threadKey: c.fields.threadKey,
        createdAt: c.fields.createdAt,
      };
      addTo(this.casesByThread, crmCase.threadKey, crmCase);
      addTo(this.casesByPost, crmCase.externalPostId, crmCase);
      return ok(c.key, id, true);
    });
    const reopens = plan.reopens.map((r) => ok(r.key, r.id, false));
    const comments = plan.comments.map((c) => ok(c.key, fakeId('comment', c.key), true));
    return { contacts, cases, reopens, comments };
  }

  /** Adds what this run pretended to create, and the request asks about, to a real lookup result. */
  overlay(request: LookupRequest, result: LookupResult): LookupResult {
    const contacts = new Set<CrmContact>();
    for (const i of request.identities) {
      for (const c of this.contacts.get(idKey(i.provider, i.id)) ?? []) contacts.add(c);
      for (const c of this.contacts.get(handleKey(i.provider, i.handle)) ?? []) contacts.add(c);
    }
    for (const m of request.mentionedHandles ?? []) for (const c of this.contacts.get(handleKey(m.provider, m.handle)) ?? []) contacts.add(c);
    for (const id of request.contactIds ?? []) for (const c of this.contacts.get(contactKey(id)) ?? []) contacts.add(c);
    const cases = new Set<CrmCase>();
    for (const key of request.threadKeys) for (const c of this.casesByThread.get(key) ?? []) cases.add(c);
    for (const key of request.externalPostIds) for (const c of this.casesByPost.get(key) ?? []) cases.add(c);
    if (contacts.size === 0 && cases.size === 0) return result;
    return { contacts: [...result.contacts, ...contacts], cases: [...result.cases, ...cases], comments: result.comments };
  }
}
