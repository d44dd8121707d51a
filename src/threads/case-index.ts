import type { CrmCase } from '../model/crm-records.js';
import type { RecordRef } from '../model/drafts.js';

/** A Case as the thread rules see it: one already in the CRM, or one planned in this run. */
export interface CaseView {
  /** `{ id }` for a Case in the CRM, `{ externalKey }` for one planned in the current batch. */
  ref: RecordRef;
  readonly threadKey: string;
  readonly externalPostId: string | undefined;
  /** Owner Contact id, when the Contact exists. */
  contactId: string | undefined;
  /** Owner identity key (`provider:userId`), when the Case was planned by this run. */
  readonly contactKey: string | undefined;
  isClosed: boolean;
  closedAt: string | undefined;
  readonly createdAt: string;
}

/** The customer a Case may belong to. */
export interface CaseOwner {
  readonly contactId?: string | undefined;
  readonly key?: string | undefined;
}

/** Builds a view of a CRM Case. */
export function viewOfCrmCase(c: CrmCase): CaseView | undefined {
  if (c.threadKey === undefined) return undefined;
  return {
    ref: { id: c.id },
    threadKey: c.threadKey,
    externalPostId: c.externalPostId,
    contactId: c.contactId,
    contactKey: undefined,
    isClosed: c.isClosed,
    closedAt: c.closedAt,
    createdAt: c.createdAt,
  };
}

const owns = (view: CaseView, owner: CaseOwner): boolean =>
  (owner.contactId !== undefined && view.contactId === owner.contactId) ||
  (owner.key !== undefined && view.contactKey === owner.key);

const byCreated = (a: CaseView, b: CaseView): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/**
 * Puts `view` into `list` (in {@link byCreated} order) where appending it and sorting stably would:
 * after the last Case created at or before it.
 */
export function insertByCreated(list: CaseView[], view: CaseView): void {
  let at = list.length;
  while (at > 0 && byCreated(list[at - 1] as CaseView, view) > 0) at -= 1;
  if (at === list.length) list.push(view);
  else list.splice(at, 0, view);
}

/** The Cases of the threads of one batch, kept current as the batch's plan grows. */
export class CaseIndex {
  private readonly threads = new Map<string, CaseView[]>();
  private readonly byExternalId = new Map<string, CaseView>();
  private readonly byId = new Map<string, CaseView>();

  /** Adds a Case (ignored when one with the same id or external post id is already known). */
  add(view: CaseView): void {
    const id = 'id' in view.ref ? view.ref.id : undefined;
    if (id !== undefined && this.byId.has(id)) return;
    if (view.externalPostId !== undefined && this.byExternalId.has(view.externalPostId)) return;
    const list = this.threads.get(view.threadKey);
    if (list === undefined) this.threads.set(view.threadKey, [view]);
    else insertByCreated(list, view);
    if (id !== undefined) this.byId.set(id, view);
    if (view.externalPostId !== undefined) this.byExternalId.set(view.externalPostId, view);
  }

  /** The Case that carries this external post id. */
  byPost(externalPostId: string): CaseView | undefined {
    return this.byExternalId.get(externalPostId);
  }

  /** The Case with this CRM id. */
  get(id: string): CaseView | undefined {
    return this.byId.get(id);
  }

  /** The first (oldest) Case of a thread. */
  first(threadKey: string): CaseView | undefined {
    return this.threads.get(threadKey)?.[0];
  }

  /** The customer's most recent Case in a thread. */
  latestOf(threadKey: string, owner: CaseOwner): CaseView | undefined {
    const list = this.threads.get(threadKey) ?? [];
    for (let i = list.length - 1; i >= 0; i -= 1) {
      const view = list[i];
      if (view !== undefined && owns(view, owner)) return view;
    }
    return undefined;
  }

  /** The customer's most recent open Case created at or after `since` (ISO), in any thread. */
  latestOpenOf(owner: CaseOwner, since: string): CaseView | undefined {
    let best: CaseView | undefined;
    for (const list of this.threads.values()) {
      for (const view of list) {
        if (!view.isClosed && owns(view, owner) && view.createdAt >= since && (best === undefined || view.createdAt > best.createdAt)) {
          best = view;
        }
      }
    }
    return best;
  }

  /** Records that a Case's owner Contact now exists (after a batch applied). */
  setOwner(view: CaseView, contactId: string): void {
    view.contactId = contactId;
  }
}
