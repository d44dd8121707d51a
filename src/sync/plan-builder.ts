import type { CaseReopen, CaseUpsert, CommentUpsert, ContactUpsert, WritePlan } from '../adapters/types.js';
import type { CaseDraft, CommentDraft, RecordRef } from '../model/drafts.js';
import type { AuthorResolution } from '../identity/resolve-authors.js';

/** `held` when it is the same id as `id` (the caller's string, whose hash is known already), else `id`. */
const keyOf = (id: string, held: string | undefined): string => (held !== undefined && held === id ? held : id);

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

  /**
   * Adds a Case for a post; its key is the post's external id. `key`: the same id as a string the
   * caller holds already (used only when equal to `fields.externalPostId`; its hash is then computed once).
   */
  addCase(contact: RecordRef, parent: RecordRef | undefined, fields: CaseDraft, key?: string): void {
    const k = keyOf(fields.externalPostId, key);
    this.cases.push(parent === undefined ? { key: k, contact, fields } : { key: k, contact, parent, fields });
  }

  /** Adds a reopen of a closed Case (once per Case per batch). */
  addReopen(key: string, caseId: string, status: string): void {
    if (this.reopenedIds.has(caseId)) return;
    this.reopenedIds.add(caseId);
    this.reopens.push({ key, id: caseId, status });
  }

  /** Adds a comment on a Case; its key is the post's external id (`key` as in {@link PlanBuilder.addCase}). */
  addComment(target: RecordRef, fields: CommentDraft, key?: string): void {
    this.comments.push({ key: keyOf(fields.externalPostId, key), case: target, fields });
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
