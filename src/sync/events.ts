import type { DeadLetter } from '../model/dead-letter.js';
import type { PostWarning } from '../model/optional-metadata.js';
import type { Priority } from '../model/drafts.js';
import type { SyncReport } from '../model/report.js';
import type { NameSuggestion } from '../identity/match.js';
import type { MatchMethod } from '../state/types.js';
import type { ApplyWarning, WritePlan } from '../adapters/types.js';

/** Payloads of the events a sync emits, by event name. */
export interface SyncEvents {
  /** A Case was created for a post (in dry-run: would be). */
  caseCreated: { postId: string; caseId: string; threadKey: string; contactId: string | undefined; parentId: string | undefined; priority: Priority; reasons: readonly string[] };
  /** A closed Case was reopened by a customer's post. */
  caseReopened: { postId: string; caseId: string; threadKey: string };
  /** A post was added to a Case as a comment; `outbound` for the brand's own answers. */
  commentAdded: { postId: string; caseId: string; commentId: string; outbound: boolean };
  /** A new Contact was created for a social author. */
  contactCreated: { identityKey: string; contactId: string; handle: string };
  /** A social author was linked to an existing Contact: the first time the state sees this link (not again for each batch or run). */
  contactMatched: { identityKey: string; contactId: string; method: Exclude<MatchMethod, 'created'>; confidence: number; previousHandle: string | undefined };
  /** An existing Contact was changed for a social author: a new handle (`previousHandle` is the old one) or an added provider id. */
  contactUpdated: { identityKey: string; contactId: string; handle: string; previousHandle: string | undefined };
  /** A new Contact looks like existing ones by name only: for a human to merge, never merged automatically. */
  contactSuggested: { identityKey: string; contactId: string; suggestions: readonly NameSuggestion[] };
  /** A post was deliberately not synced (repost, brand broadcast, triage rule). */
  postIgnored: { postId: string; reasons: readonly string[] };
  /** `--watch`: the source could not be read this poll but may be on the next (e.g. its file is being rotated); the sync waits and tries again. */
  sourceUnavailable: { message: string };
  /** An invalid optional field (e.g. `author.followers: "1.2K"`) was dropped from a post, which syncs without it. */
  postWarning: PostWarning;
  /** Something beside a post that landed went wrong in the CRM (e.g. its SocialPost was refused): counted in `warnings`, the post is not a dead letter. */
  crmWarning: ApplyWarning;
  /** A post or input line was set aside with its reason. */
  deadLettered: DeadLetter;
  /** `sync.reply`: the brand's answer was sent (`replyId`, external id) and logged on the Case as the outbound comment `commentId`. */
  replySent: { postId: string; replyId: string; caseId: string; commentId: string };
  /** Dry-run: the plan one batch would apply. */
  planned: { batch: number; plan: WritePlan };
  /** One batch was written and its checkpoint saved. */
  batchDone: { batch: number; posts: number; checkpoint: string | null; report: SyncReport };
}

/** Name of a sync event. */
export type SyncEventName = keyof SyncEvents;
/** Handler of one sync event. */
export type SyncEventHandler<E extends SyncEventName> = (payload: SyncEvents[E]) => void;

/** A small typed event emitter. Handlers run synchronously; a throwing handler does not stop the sync. */
export class SyncEventEmitter {
  private readonly handlers = new Map<SyncEventName, Set<(payload: never) => void>>();
  private readonly onHandlerError: (error: unknown, event: SyncEventName) => void;

  constructor(onHandlerError: (error: unknown, event: SyncEventName) => void = () => undefined) {
    this.onHandlerError = onHandlerError;
  }

  /** Subscribes; returns a function that unsubscribes. */
  on<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): () => void {
    const set = this.handlers.get(event) ?? new Set();
    set.add(handler as (payload: never) => void);
    this.handlers.set(event, set);
    return () => this.off(event, handler);
  }

  /** Unsubscribes. */
  off<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): void {
    this.handlers.get(event)?.delete(handler as (payload: never) => void);
  }

  /** True when someone listens to this event. */
  has(event: SyncEventName): boolean {
    return (this.handlers.get(event)?.size ?? 0) > 0;
  }

  /** Calls every handler of the event. */
  emit<E extends SyncEventName>(event: E, payload: SyncEvents[E]): void {
    const set = this.handlers.get(event);
    if (set === undefined) return;
    for (const handler of set) {
      try {
        (handler as SyncEventHandler<E>)(payload);
      } catch (error) {
        this.onHandlerError(error, event);
      }
    }
  }
}
