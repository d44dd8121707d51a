import { normalizeHandle } from '../identity/normalize.js';
import { identityKey } from '../model/social-post.js';
import type { CrmCapabilities, LookupResult } from '../adapters/types.js';
import { ConnectorError, MappingError } from '../errors.js';
import type { AuthorResolution } from '../identity/resolve-authors.js';
import type { Mapper } from '../mapping/field-mapping.js';
import { compileBrandHandle, type BrandConfig } from '../triage/brand.js';
import type { IdentityRecord, PostRecord } from '../state/types.js';
import { CaseIndex, type CaseOwner, type CaseView } from '../threads/case-index.js';
import { routeBrandPost, routeCustomerPost, type ThreadRules } from '../threads/route.js';
import { PlanBuilder } from './plan-builder.js';
import type { PreparedPost } from './prepare.js';

/** What the engine decided for one post of a batch. */
export type PostIntent =
  | { readonly kind: 'case'; readonly p: PreparedPost; readonly author: AuthorResolution; readonly view: CaseView; readonly parent: CaseView | undefined }
  | { readonly kind: 'comment'; readonly p: PreparedPost; readonly target: CaseView; readonly reopen: boolean; readonly outbound: boolean }
  | { readonly kind: 'ignored'; readonly p: PreparedPost; readonly reasons: readonly string[] }
  | { readonly kind: 'existing'; readonly p: PreparedPost; readonly outcome: 'case' | 'comment'; readonly caseId: string; readonly recordId: string }
  | { readonly kind: 'dead'; readonly p: PreparedPost; readonly stage: 'map'; readonly error: ConnectorError };

/** Inputs of routing one batch. */
export interface RouteInputs {
  readonly posts: readonly PreparedPost[];
  readonly lookup: LookupResult;
  readonly authors: ReadonlyMap<string, AuthorResolution>;
  readonly cache: ReadonlyMap<string, IdentityRecord>;
  readonly known: ReadonlyMap<string, PostRecord>;
  readonly index: CaseIndex;
  readonly mapper: Mapper;
  readonly brand: BrandConfig;
  readonly capabilities: CrmCapabilities;
  readonly rules: ThreadRules;
}

/** The routed batch: one intent per post, in `createdAt` order, and the plan that realizes them. */
export interface RoutedBatch {
  readonly intents: readonly PostIntent[];
  readonly plan: PlanBuilder;
}

function toMappingError(error: unknown, postId: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  return new MappingError(`post ${postId}: ${error instanceof Error ? error.message : String(error)}`, { postId });
}

/**
 * The customers known in this batch by provider, then handle (lower-case), for brand @mentions: the
 * lookup's Contacts, then the batch's authors (a later one wins the handle). Two levels, so no key
 * string is built per handle.
 */
export type HandleOwners = Map<string, Map<string, CaseOwner>>;

/** Builds {@link HandleOwners} (exported for its test against the one-level map it replaced). @internal */
export function ownersByHandle(inputs: Pick<RouteInputs, 'lookup' | 'authors'>): HandleOwners {
  const owners: HandleOwners = new Map();
  const set = (provider: string, handle: string, owner: CaseOwner): void => {
    let byHandle = owners.get(provider);
    if (byHandle === undefined) owners.set(provider, (byHandle = new Map()));
    byHandle.set(normalizeHandle(handle), owner);
  };
  for (const c of inputs.lookup.contacts) {
    if (c.handles.length === 0) continue;
    const owner: CaseOwner = { contactId: c.id };
    for (const h of c.handles) set(h.provider, h.handle, owner);
  }
  for (const a of inputs.authors.values()) set(a.identity.provider, a.identity.handle, a); // an author is a CaseOwner (contactId, key)
  return owners;
}

/** {@link compileBrandHandle} per brand setting (built once, not per batch or mention). */
const brandHandleTests = new WeakMap<BrandConfig, (handle: string) => boolean>();

/** `isBrandHandle` through the brand's compiled handle set. Same answers. @internal */
export function isBrandMention(handle: string, brand: BrandConfig): boolean {
  let isHandle = brandHandleTests.get(brand);
  if (isHandle === undefined) brandHandleTests.set(brand, (isHandle = compileBrandHandle(brand)));
  return isHandle(handle);
}

/**
 * Decides, post by post in `createdAt` order, whether each post opens a Case, joins or reopens one,
 * is the brand's outbound answer, or is ignored — and builds the batch's write plan.
 */
export function routeBatch(inputs: RouteInputs): RoutedBatch {
  const { index, mapper, capabilities, rules } = inputs;
  const plan = new PlanBuilder();
  const intents: PostIntent[] = [];
  let handleOwners: HandleOwners | undefined; // built on the batch's first brand post that mentions someone
  let commentByPost: Map<string, LookupResult['comments'][number]> | undefined; // none when the lookup found no comment
  if (inputs.lookup.comments.length > 0) {
    commentByPost = new Map();
    for (const c of inputs.lookup.comments) commentByPost.set(c.externalPostId, c);
  }
  const { posts } = inputs;
  /** Case each post of this batch landed on (by its place in `posts`), for brand replies to it. */
  const postCase: (CaseView | undefined)[] = [];
  /** Place in `posts` by post key, of the posts up to `placed` (built only when a brand reply first asks). */
  let placeOf: Map<string, number> | undefined;
  let placed = 0;
  /** Where the post with this key is among `posts[0..i]`, if there. */
  const placeUpTo = (key: string, i: number): number | undefined => {
    placeOf ??= new Map();
    for (; placed <= i; placed += 1) placeOf.set((posts[placed] as PreparedPost).key, placed);
    return placeOf.get(key);
  };

  const ownerOfKey = (key: string): CaseOwner => {
    const a = inputs.authors.get(key);
    if (a !== undefined) return a; // an author is a CaseOwner (contactId, key)
    return { contactId: inputs.cache.get(key)?.contactId, key };
  };

  for (let i = 0; i < posts.length; i += 1) {
    const p = posts[i] as PreparedPost;
    const { post, decision } = p;
    const existingCase = index.byPost(p.key);
    const existingComment = commentByPost?.get(p.key);
    if (existingCase !== undefined && 'id' in existingCase.ref) {
      postCase[i] = existingCase;
      intents.push({ kind: 'existing', p, outcome: 'case', caseId: existingCase.ref.id, recordId: existingCase.ref.id });
      continue;
    }
    if (existingComment !== undefined) {
      const view = index.get(existingComment.caseId);
      if (view !== undefined) postCase[i] = view;
      intents.push({ kind: 'existing', p, outcome: 'comment', caseId: existingComment.caseId, recordId: existingComment.id });
      continue;
    }
    if (decision.action === 'ignore') {
      intents.push({ kind: 'ignored', p, reasons: decision.reasons });
      continue;
    }
    try {
      if (decision.action === 'outbound') {
        const mentioned: CaseOwner[] = [];
        for (const m of post.mentions) {
          if (isBrandMention(m, inputs.brand)) continue;
          const owner = (handleOwners ??= ownersByHandle(inputs)).get(post.provider)?.get(normalizeHandle(m));
          if (owner !== undefined) mentioned.push(owner);
        }
        const parentPlace = p.parentKey === undefined ? undefined : placeUpTo(p.parentKey, i); // the parent in this batch (or the post itself)
        const parentAuthorKey =
          post.inReplyTo?.authorId !== undefined
            ? identityKey({ provider: post.provider, id: post.inReplyTo.authorId })
            : p.parentKey !== undefined
              ? parentPlace !== undefined
                ? (posts[parentPlace] as PreparedPost).authorKey
                : inputs.known.get(p.parentKey)?.authorKey
              : undefined;
        const knownParentCase = p.parentKey === undefined ? undefined : inputs.known.get(p.parentKey)?.caseId;
        const parentCase =
          (parentPlace === undefined ? undefined : postCase[parentPlace]) ??
          (knownParentCase === undefined ? undefined : (index.get(knownParentCase) ?? stubView(knownParentCase, p.threadKey)));
        const route = routeBrandPost(p.threadKey, { mentioned, parentAuthor: parentAuthorKey === undefined ? undefined : ownerOfKey(parentAuthorKey), parentCase }, index);
        if (route.kind !== 'outbound') {
          intents.push({ kind: 'ignored', p, reasons: [...decision.reasons, route.reason] });
          continue;
        }
        plan.addComment(route.target.ref, mapper.commentDraft(post, { outbound: true }), p.key);
        postCase[i] = route.target;
        intents.push({ kind: 'comment', p, target: route.target, reopen: false, outbound: true });
        continue;
      }
      const author = inputs.authors.get(p.authorKey);
      if (author === undefined) throw new MappingError(`post ${post.id}: author was not resolved`, { postId: post.id, field: 'author.id' });
      if (author.error !== undefined) throw author.error;
      const route = routeCustomerPost(post, p.threadKey, author, decision.action === 'comment', index, rules); // an author is a CaseOwner (contactId, key)
      if (route.kind === 'ignore' || route.kind === 'outbound') {
        intents.push({ kind: 'ignored', p, reasons: [...decision.reasons, route.reason] });
        continue;
      }
      if (route.kind === 'comment') {
        const draft = mapper.commentDraft(post, { outbound: false });
        plan.useContact(author);
        if (route.reopen && 'id' in route.target.ref) {
          plan.addReopen(p.key, route.target.ref.id, capabilities.reopenStatus);
          route.target.isClosed = false;
          route.target.closedAt = undefined;
        }
        plan.addComment(route.target.ref, draft, p.key);
        postCase[i] = route.target;
        intents.push({ kind: 'comment', p, target: route.target, reopen: route.reopen, outbound: false });
        continue;
      }
      const draft = mapper.caseDraft(post, { threadKey: p.threadKey, priority: decision.priority, status: capabilities.newCaseStatus, sentiment: decision.sentiment });
      plan.useContact(author);
      plan.addCase(author.contactRef, route.parent?.ref, draft, p.key);
      const view: CaseView = {
        ref: { externalKey: p.key },
        threadKey: p.threadKey,
        externalPostId: p.key,
        contactId: author.contactId,
        contactKey: author.key,
        isClosed: false,
        closedAt: undefined,
        createdAt: post.createdAt,
      };
      index.add(view);
      postCase[i] = view;
      intents.push({ kind: 'case', p, author, view, parent: route.parent });
    } catch (error) {
      intents.push({ kind: 'dead', p, stage: 'map', error: toMappingError(error, post.id) });
    }
  }
  return { intents, plan };
}

function stubView(caseId: string, threadKey: string): CaseView {
  return { ref: { id: caseId }, threadKey, externalPostId: undefined, contactId: undefined, contactKey: undefined, isClosed: false, closedAt: undefined, createdAt: '' };
}
