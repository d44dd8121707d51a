import type { SocialPost } from '../model/social-post.js';
import type { CaseIndex, CaseOwner, CaseView } from './case-index.js';

/** Thread rules that are configurable. */
export interface ThreadRules {
  /** A closed Case younger than this (ms between its closing and the new post) is reopened. */
  readonly reopenWindowMs: number;
  /** When set, a customer's new top-level post joins their open Case younger than this (ms). */
  readonly joinRecentOpenCaseMs: number | undefined;
}

/** Where one post goes. */
export type Route =
  | { readonly kind: 'newCase'; readonly parent: CaseView | undefined; readonly reason: string }
  | { readonly kind: 'comment'; readonly target: CaseView; readonly reopen: boolean; readonly reason: string }
  | { readonly kind: 'outbound'; readonly target: CaseView; readonly reason: string }
  | { readonly kind: 'ignore'; readonly reason: string };

const DAY_MS = 86_400_000;

function describeAge(ms: number): string {
  return ms >= DAY_MS ? `${(ms / DAY_MS).toFixed(1)} days` : `${Math.round(ms / 3_600_000)} hours`;
}

/**
 * Routes a customer's post (triage said `case` or `comment`): join their Case in the thread, reopen
 * it inside the reopen window, open a follow-up Case (parent = the closed one) after it, or open a new
 * Case linked to the thread's first Case when the thread belongs to someone else.
 */
export function routeCustomerPost(
  post: SocialPost,
  threadKey: string,
  owner: CaseOwner,
  commentOnly: boolean,
  index: CaseIndex,
  rules: ThreadRules,
): Route {
  const own = index.latestOf(threadKey, owner);
  if (own !== undefined && !own.isClosed) return { kind: 'comment', target: own, reopen: false, reason: 'joins the open Case in its thread' };
  if (own !== undefined) {
    const closedAt = own.closedAt === undefined ? Number.NaN : Date.parse(own.closedAt);
    const age = Date.parse(post.createdAt) - closedAt;
    if (!Number.isNaN(age) && age < rules.reopenWindowMs) {
      return { kind: 'comment', target: own, reopen: true, reason: `reopens a Case closed ${describeAge(Math.max(age, 0))} earlier` };
    }
    if (commentOnly) return { kind: 'ignore', reason: 'comment-only post and its Case is closed' };
    return { kind: 'newCase', parent: own, reason: 'its Case in this thread closed outside the reopen window' };
  }
  if (rules.joinRecentOpenCaseMs !== undefined && post.inReplyTo === undefined) {
    const since = new Date(Date.parse(post.createdAt) - rules.joinRecentOpenCaseMs).toISOString();
    const recent = index.latestOpenOf(owner, since);
    if (recent !== undefined) return { kind: 'comment', target: recent, reopen: false, reason: 'joins the customer\'s recent open Case' };
  }
  if (commentOnly) return { kind: 'ignore', reason: 'comment-only post and no Case of the author to join' };
  const first = index.first(threadKey);
  return first === undefined
    ? { kind: 'newCase', parent: undefined, reason: 'new conversation' }
    : { kind: 'newCase', parent: first, reason: 'another customer in someone else\'s thread' };
}

/** Who a brand post answers, in the order the design fixes. */
export interface OutboundTargets {
  /** Customers the post @mentions (brand handles already removed), in text order. */
  readonly mentioned: readonly CaseOwner[];
  /** The author of the post it replies to, when known and not the brand. */
  readonly parentAuthor: CaseOwner | undefined;
  /** The Case the parent post was put on, when known. */
  readonly parentCase: CaseView | undefined;
}

/**
 * Routes a brand post: an outbound comment on the Case of the customer it answers (the first
 * @mentioned customer with a Case in the thread, else the parent post's author), never a new Case.
 */
export function routeBrandPost(threadKey: string, targets: OutboundTargets, index: CaseIndex): Route {
  for (const owner of targets.mentioned) {
    const view = index.latestOf(threadKey, owner);
    if (view !== undefined) return { kind: 'outbound', target: view, reason: 'answers a mentioned customer' };
  }
  if (targets.parentAuthor !== undefined) {
    const view = index.latestOf(threadKey, targets.parentAuthor);
    if (view !== undefined) return { kind: 'outbound', target: view, reason: 'answers the author of its parent post' };
  }
  if (targets.parentCase !== undefined) return { kind: 'outbound', target: targets.parentCase, reason: 'answers the post its parent is on' };
  return { kind: 'ignore', reason: 'brand post with no customer Case to answer' };
}
