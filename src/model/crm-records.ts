/** Records as the CRM holds them, and the field limits it enforces: data shared by adapters, mapping and the engine. */

/** Field limits the CRM enforces; the mapper cuts values to them before any write. */
export interface FieldLimits {
  /** Max characters of a Case subject (Salesforce: 255). */
  readonly caseSubject: number;
  /** Max characters of a Case description (Salesforce: 32,000). */
  readonly caseDescription: number;
  /** Max UTF-8 bytes of a comment body (Salesforce CaseComment: 4,000). */
  readonly commentBodyBytes: number;
  /** Max characters of a Contact last name (Salesforce: 80). */
  readonly contactLastName: number;
  /** Max characters of a Contact first name (Salesforce: 40). */
  readonly contactFirstName: number;
}

/** A Contact as the CRM holds it. */
export interface CrmContact {
  readonly id: string;
  readonly firstName?: string | undefined;
  readonly lastName: string;
  readonly email?: string | undefined;
  readonly handles: readonly { readonly provider: string; readonly handle: string }[];
  readonly socialIds: readonly { readonly provider: string; readonly id: string }[];
}

/**
 * A Case as the CRM holds it: what the thread rules read (thread, owner, open or closed, dates) and
 * what the contract checks (status, parent). `subject` is read by nothing and goes once the dry run
 * no longer builds Cases of its own (issue 7 item 3).
 */
export interface CrmCase {
  readonly id: string;
  readonly subject?: string | undefined;
  readonly status: string;
  readonly isClosed: boolean;
  readonly contactId?: string | undefined;
  readonly parentId?: string | undefined;
  readonly externalPostId?: string | undefined;
  readonly threadKey?: string | undefined;
  readonly createdAt: string;
  readonly closedAt?: string | undefined;
}

/** A comment already in the CRM that carries a post's external id. */
export interface CrmComment {
  readonly id: string;
  readonly caseId: string;
  readonly externalPostId: string;
}
