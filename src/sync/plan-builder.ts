import type { CaseReopen, CaseUpsert, CommentUpsert, ContactUpsert, WritePlan } from '../adapters/types.js';
import type { CaseDraft, CommentDraft, RecordRef } from '../model/drafts.js';
import type { AuthorResolution } from '../identity/resolve-authors.js';

/**
 * Collects one batch's writes into a {@link WritePlan}: Contacts once per author, Cases in the order
 * they were decided (so a parent always precedes its children), reopens once per Case, comments.
 */
export class PlanBuilder {
  private readonly contacts = new Map<string, ContactUpsert>();
  private readonly cases: CaseUpsert[] = [];
  private readonly reopens: CaseReopen[] = [];
  private readonly reopenedIds = new Set<string>();
  private readonly comments: CommentUpsert[] = [];

  /** Makes sure the author's Contact write (create or update), if any, is in the plan. */
  useContact(author: AuthorResolution): void {
    if (author.upsert !== undefined && !this.contacts.has(author.key)) this.contacts.set(author.key, author.upsert);
  }

  /** Adds a Case for a post; its key is the post's external id. */
  addCase(contact: RecordRef, parent: RecordRef | undefined, fields: CaseDraft): void {
    this.cases.push(parent === undefined ? { key: fields.externalPostId, contact, fields } : { key: fields.externalPostId, contact, parent, fields });
  }

  /** Adds a reopen of a closed Case (once per Case per batch). */
  addReopen(key: string, caseId: string, status: string): void {
    if (this.reopenedIds.has(caseId)) return;
    this.reopenedIds.add(caseId);
    this.reopens.push({ key, id: caseId, status });
  }

  /** Adds a comment on a Case; its key is the post's external id. */
  addComment(target: RecordRef, fields: CommentDraft): void {
    this.comments.push({ key: fields.externalPostId, case: target, fields });
  }

  /** True when the plan would change nothing. */
  get isEmpty(): boolean {
    return this.contacts.size === 0 && this.cases.length === 0 && this.reopens.length === 0 && this.comments.length === 0;
  }

  /** The plan as the adapter takes it. */
  build(): WritePlan {
    return { contacts: [...this.contacts.values()], cases: [...this.cases], reopens: [...this.reopens], comments: [...this.comments] };
  }
}
