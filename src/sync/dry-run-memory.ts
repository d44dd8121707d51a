import type { ApplyResult, LookupRequest, LookupResult, WritePlan } from '../adapters/types.js';
import { normalizeHandle } from '../identity/normalize.js';
import type { CrmCase, CrmComment, CrmContact } from '../model/crm-records.js';
import { identityKey } from '../model/social-post.js';
import type { RecordRef } from '../model/drafts.js';

/** Several records under one key. */
class MultiMap<T> {
  private readonly map = new Map<string, T[]>();
  add(key: string | undefined, value: T): void {
    if (key === undefined || key === '') return;
    const list = this.map.get(key);
    if (list === undefined) this.map.set(key, [value]);
    else list.push(value);
  }
  addTo(key: string | undefined, out: Set<T>): void {
    if (key === undefined) return;
    for (const v of this.map.get(key) ?? []) out.add(v);
  }
}

const handle = (provider: string, h: string): string => `${provider}:${normalizeHandle(h)}`;
const email = (e: string | undefined): string | undefined => e?.trim().toLowerCase();
const name = (n: string | undefined): string | undefined => n?.trim().split(/\s+/).join(' ').toLowerCase();

/**
 * What a dry run pretended to write, so its later batches see it as a real run would see the
 * records its earlier batches wrote. Lookups here are by exact keys; deciding a match is the engine's.
 */
export class DryRunMemory {
  private readonly contactsById = new Map<string, CrmContact>();
  private readonly contactsByKey = new MultiMap<CrmContact>();
  private readonly casesByKey = new MultiMap<CrmCase>();
  private readonly casesByContact = new MultiMap<CrmCase>();
  private readonly commentsByPost = new MultiMap<CrmComment>();
  /** Contact updates answered ok: what a real run would have changed on the existing Contact. */
  private readonly updates = new Map<string, WritePlan['contacts'][number]['fields']>();
  /** Reopens answered ok: Case id → the status it would have. */
  private readonly reopened = new Map<string, string>();

  /** Remembers the records a dry-run `apply` answered ok. */
  remember(plan: WritePlan, result: ApplyResult): void {
    const idOf = new Map<string, string>();
    for (const r of [...result.contacts, ...result.cases]) if (r.ok && r.id !== undefined) idOf.set(r.key, r.id);
    const refId = (ref: RecordRef): string | undefined => ('id' in ref ? ref.id : idOf.get(ref.externalKey));
    for (const c of plan.contacts) {
      const id = idOf.get(c.key);
      if (id === undefined) continue;
      const f = c.fields;
      if (c.id !== undefined) {
        this.updates.set(c.id, f);
        continue;
      }
      const contact: CrmContact = { id, firstName: f.firstName, lastName: f.lastName, email: f.email, handles: f.handles, socialIds: f.socialIds };
      this.contactsById.set(id, contact);
      for (const s of f.socialIds) this.contactsByKey.add(`id:${identityKey(s)}`, contact);
      for (const h of f.handles) this.contactsByKey.add(`handle:${handle(h.provider, h.handle)}`, contact);
      this.contactsByKey.add(`email:${email(f.email) ?? ''}`, contact);
      this.contactsByKey.add(`name:${name([f.firstName, f.lastName].filter(Boolean).join(' ')) ?? ''}`, contact);
    }
    for (const c of plan.cases) {
      const id = idOf.get(c.key);
      if (id === undefined) continue;
      const f = c.fields;
      const parentId = c.parent === undefined ? undefined : refId(c.parent);
      const crmCase: CrmCase = { id, subject: f.subject, status: f.status, isClosed: false, contactId: refId(c.contact), parentId, externalPostId: f.externalPostId, threadKey: f.threadKey, createdAt: f.createdAt };
      this.casesByKey.add(`thread:${f.threadKey}`, crmCase);
      this.casesByKey.add(`post:${f.externalPostId}`, crmCase);
      this.casesByContact.add(crmCase.contactId, crmCase);
    }
    result.reopens.forEach((r, i) => {
      const reopen = plan.reopens[i];
      if (r.ok && reopen !== undefined) this.reopened.set(reopen.id, reopen.status);
    });
    result.comments.forEach((r, i) => {
      const c = plan.comments[i];
      const caseId = c === undefined ? undefined : refId(c.case);
      if (!r.ok || r.id === undefined || c === undefined || caseId === undefined) return;
      this.commentsByPost.add(c.key, { id: r.id, caseId, externalPostId: c.key });
    });
  }

  /** Adds what this dry run pretended to write, and the request asks about, to a real lookup result. */
  overlay(request: LookupRequest, real: LookupResult): LookupResult {
    const contacts = new Set<CrmContact>();
    for (const i of request.identities) {
      this.contactsByKey.addTo(`id:${identityKey(i)}`, contacts);
      this.contactsByKey.addTo(`handle:${handle(i.provider, i.handle)}`, contacts);
      if (i.email !== undefined) this.contactsByKey.addTo(`email:${email(i.email) ?? ''}`, contacts);
      if (i.displayName !== undefined) this.contactsByKey.addTo(`name:${name(i.displayName) ?? ''}`, contacts);
    }
    for (const m of request.mentionedHandles ?? []) this.contactsByKey.addTo(`handle:${handle(m.provider, m.handle)}`, contacts);
    for (const id of request.contactIds) {
      const c = this.contactsById.get(id);
      if (c !== undefined) contacts.add(c);
    }
    const cases = new Set<CrmCase>();
    for (const key of request.threadKeys) this.casesByKey.addTo(`thread:${key}`, cases);
    for (const key of request.externalPostIds) this.casesByKey.addTo(`post:${key}`, cases);
    if (request.openCasesOfMatchedContacts === true) {
      for (const c of [...real.contacts, ...contacts]) this.casesByContact.addTo(c.id, cases);
    }
    const comments = new Set<CrmComment>();
    for (const key of request.externalPostIds) this.commentsByPost.addTo(key, comments);
    const changed = this.updates.size > 0 || this.reopened.size > 0;
    if (!changed && contacts.size === 0 && cases.size === 0 && comments.size === 0) return real;
    return {
      contacts: [...real.contacts.map((c) => this.updated(c)), ...contacts],
      cases: [...real.cases.map((c) => this.reopenedCase(c)), ...cases],
      comments: [...real.comments, ...comments],
    };
  }

  /** An existing Contact as a real run's update would have left it: the provider's handle replaced, ids added. */
  private updated(contact: CrmContact): CrmContact {
    const f = this.updates.get(contact.id);
    if (f === undefined) return contact;
    const providers = new Set(f.handles.map((h) => h.provider));
    const handles = [...contact.handles.filter((h) => !providers.has(h.provider)), ...f.handles];
    const socialIds = [...contact.socialIds, ...f.socialIds.filter((s) => !contact.socialIds.some((x) => x.provider === s.provider && x.id === s.id))];
    return { ...contact, handles, socialIds };
  }

  /** An existing Case as a real run's reopen would have left it. */
  private reopenedCase(c: CrmCase): CrmCase {
    const status = this.reopened.get(c.id);
    return status === undefined ? c : { ...c, status, isClosed: false, closedAt: undefined };
  }
}
