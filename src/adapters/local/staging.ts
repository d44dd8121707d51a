/**
 * Changes of one plan in progress, seen on top of the database: later items of a plan see earlier
 * ones, and nothing touches the database until the whole plan is committed as one change.
 */
import { ID_PREFIX, makeCaseNumber, makeId, socialKey, type LocalCrmDb } from './db.js';
import { POST_LIST } from './post-keys.js';
import type { LocalCase, LocalComment, LocalContact, LocalCrmChange } from './schema.js';

/** A plan's rows so far, over the database. */
export class Staging {
  private readonly contacts = new Map<string, LocalContact>();
  private readonly cases = new Map<string, LocalCase>();
  private readonly comments = new Map<string, LocalComment>();
  private readonly contactBySocialId = new Map<string, string>();
  private readonly caseByExternalPostId = new Map<string, string>();
  private readonly commentByExternalPostId = new Map<string, string>();
  private readonly counters: LocalCrmDb['counters'];

  constructor(private readonly db: LocalCrmDb) {
    this.counters = { ...db.counters };
  }

  /** A Contact as it stands in this plan. */
  contact(id: string): LocalContact | undefined {
    return this.contacts.get(id) ?? this.db.getContact(id);
  }

  /** A Case as it stands in this plan. */
  case(id: string): LocalCase | undefined {
    return this.cases.get(id) ?? this.db.getCase(id);
  }

  /** The Contact carrying a provider user id. */
  contactBySocial(provider: string, id: string): string | undefined {
    const key = socialKey(provider, id);
    return this.contactBySocialId.get(key) ?? this.db.contactsBySocialId.first(key);
  }

  /** The Case carrying an external post id. */
  caseByPost(externalPostId: string): string | undefined {
    return this.caseByExternalPostId.get(externalPostId) ?? this.db.postKeys.first(POST_LIST.caseByPost, externalPostId);
  }

  /** The comment carrying an external post id. */
  commentByPost(externalPostId: string): string | undefined {
    return this.commentByExternalPostId.get(externalPostId) ?? this.db.postKeys.first(POST_LIST.commentByPost, externalPostId);
  }

  /** A fresh Contact id. */
  nextContactId(): string {
    this.counters.contact += 1;
    return makeId(ID_PREFIX.contact, this.counters.contact);
  }

  /** A fresh Case id and case number. */
  nextCase(): { id: string; caseNumber: string } {
    this.counters.case += 1;
    this.counters.caseNumber += 1;
    return { id: makeId(ID_PREFIX.case, this.counters.case), caseNumber: makeCaseNumber(this.counters.caseNumber) };
  }

  /** A fresh comment id. */
  nextCommentId(): string {
    this.counters.comment += 1;
    return makeId(ID_PREFIX.comment, this.counters.comment);
  }

  /** Stages a new or changed Contact. */
  putContact(row: LocalContact): void {
    this.contacts.set(row.id, row);
    for (const s of row.socialIds) this.contactBySocialId.set(socialKey(s.provider, s.id), row.id);
  }

  /** Stages a new or changed Case. */
  putCase(row: LocalCase): void {
    this.cases.set(row.id, row);
    if (row.externalPostId !== null) this.caseByExternalPostId.set(row.externalPostId, row.id);
  }

  /** Stages a new comment. */
  putComment(row: LocalComment): void {
    this.comments.set(row.id, row);
    if (row.externalPostId !== null) this.commentByExternalPostId.set(row.externalPostId, row.id);
  }

  /** Everything staged, as one journal change. */
  toChange(): LocalCrmChange {
    return { contacts: [...this.contacts.values()], cases: [...this.cases.values()], comments: [...this.comments.values()] };
  }
}
