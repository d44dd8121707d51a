import type { ApplyResult, CrmCase, CrmContact, ItemResult, LookupResult, WritePlan } from '../adapters/types.js';

const fakeId = (kind: string, key: string): string => `dry-run:${kind}:${key}`;

/**
 * Stands in for the CRM in dry-run: answers a plan as if every item succeeded (ids `dry-run:…`) and
 * remembers what it "created", so later batches of the same run see those Contacts and Cases.
 */
export class DryRunCrm {
  private readonly contacts = new Map<string, CrmContact>();
  private readonly cases = new Map<string, CrmCase>();

  /** Pretends to apply a plan. */
  apply(plan: WritePlan): ApplyResult {
    const ok = (key: string, id: string, created: boolean): ItemResult => ({ key, ok: true, id, created });
    const contacts = plan.contacts.map((c) => {
      const id = c.id ?? fakeId('contact', c.key);
      this.contacts.set(id, { id, firstName: c.fields.firstName, lastName: c.fields.lastName, email: c.fields.email, handles: c.fields.handles, socialIds: c.fields.socialIds });
      return ok(c.key, id, c.id === undefined);
    });
    const idOfRef = (ref: { id: string } | { externalKey: string }, kind: string): string => ('id' in ref ? ref.id : fakeId(kind, ref.externalKey));
    const cases = plan.cases.map((c) => {
      const id = fakeId('case', c.key);
      this.cases.set(id, {
        id,
        subject: c.fields.subject,
        status: c.fields.status,
        isClosed: false,
        contactId: idOfRef(c.contact, 'contact'),
        parentId: c.parent === undefined ? undefined : idOfRef(c.parent, 'case'),
        externalPostId: c.fields.externalPostId,
        threadKey: c.fields.threadKey,
        createdAt: c.fields.createdAt,
      });
      return ok(c.key, id, true);
    });
    const reopens = plan.reopens.map((r) => ok(r.key, r.id, false));
    const comments = plan.comments.map((c) => ok(c.key, fakeId('comment', c.key), true));
    return { contacts, cases, reopens, comments };
  }

  /** Adds what this run pretended to create to a real lookup result. */
  overlay(result: LookupResult): LookupResult {
    if (this.contacts.size === 0 && this.cases.size === 0) return result;
    return {
      contacts: [...result.contacts, ...this.contacts.values()],
      cases: [...result.cases, ...this.cases.values()],
      comments: result.comments,
    };
  }
}
