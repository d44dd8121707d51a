import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CrmCapabilities, CrmCase, CrmContact } from '../../src/adapters/types.js';
import { ConnectorError, MappingError } from '../../src/errors.js';
import { resolveAuthors } from '../../src/identity/resolve-authors.js';
import { normalizeHandle } from '../../src/identity/normalize.js';
import type { Mapper } from '../../src/mapping/field-mapping.js';
import type { CaseDraft, CommentDraft } from '../../src/model/drafts.js';
import { identityKey, type SocialIdentity, type SocialPost } from '../../src/model/social-post.js';
import { validatePost } from '../../src/model/validate.js';
import type { IdentityRecord, PostRecord } from '../../src/state/types.js';
import { PlanBuilder } from '../../src/sync/plan-builder.js';
import { prepareBatch } from '../../src/sync/prepare.js';
import { routeBatch, type PostIntent, type RouteInputs, type RoutedBatch } from '../../src/sync/route-batch.js';
import { CaseIndex, viewOfCrmCase, type CaseOwner, type CaseView } from '../../src/threads/case-index.js';
import { routeBrandPost, routeCustomerPost } from '../../src/threads/route.js';
import { isBrandHandle } from '../../src/triage/brand.js';
import type { TriageDecision } from '../../src/triage/triage.js';

// The engine's routing before its per-batch maps were cut (owners by `provider:handle`, authors and
// Cases of the batch's posts by key, Case threads sorted after each add), kept as the reference.

function referenceMappingError(error: unknown, postId: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  return new MappingError(`post ${postId}: ${error instanceof Error ? error.message : String(error)}`, { postId });
}

function ownersByHandle(inputs: RouteInputs): Map<string, CaseOwner> {
  const owners = new Map<string, CaseOwner>();
  for (const c of inputs.lookup.contacts) {
    for (const h of c.handles) owners.set(`${h.provider}:${normalizeHandle(h.handle)}`, { contactId: c.id });
  }
  for (const a of inputs.authors.values()) {
    owners.set(`${a.identity.provider}:${normalizeHandle(a.identity.handle)}`, { contactId: a.contactId, key: a.key });
  }
  return owners;
}

const owns = (view: CaseView, owner: CaseOwner): boolean =>
  (owner.contactId !== undefined && view.contactId === owner.contactId) ||
  (owner.key !== undefined && view.contactKey === owner.key);

const byCreated = (a: CaseView, b: CaseView): number => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

class ReferenceCaseIndex {
  private readonly threads = new Map<string, CaseView[]>();
  private readonly byExternalId = new Map<string, CaseView>();
  private readonly byId = new Map<string, CaseView>();

  /** Adds a Case (ignored when one with the same id or external post id is already known). */
  add(view: CaseView): void {
    const id = 'id' in view.ref ? view.ref.id : undefined;
    if (id !== undefined && this.byId.has(id)) return;
    if (view.externalPostId !== undefined && this.byExternalId.has(view.externalPostId)) return;
    const list = this.threads.get(view.threadKey) ?? [];
    list.push(view);
    list.sort(byCreated);
    this.threads.set(view.threadKey, list);
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

function referenceRouteBatch(inputs: RouteInputs): RoutedBatch {
  const { index, mapper, capabilities, rules } = inputs;
  const plan = new PlanBuilder();
  const intents: PostIntent[] = [];
  let handleOwners: Map<string, CaseOwner> | undefined; // built on the batch's first brand post: most batches never need it
  const commentByPost = new Map(inputs.lookup.comments.map((c) => [c.externalPostId, c]));
  /** Case each post of this batch landed on, for brand replies to it. */
  const postCase = new Map<string, CaseView>();
  const authorOf = new Map<string, string>();

  const ownerOfKey = (key: string): CaseOwner => {
    const a = inputs.authors.get(key);
    if (a !== undefined) return { contactId: a.contactId, key };
    return { contactId: inputs.cache.get(key)?.contactId, key };
  };

  for (const p of inputs.posts) {
    const { post, decision } = p;
    authorOf.set(p.key, p.authorKey);
    const existingCase = index.byPost(p.key);
    const existingComment = commentByPost.get(p.key);
    if (existingCase !== undefined && 'id' in existingCase.ref) {
      postCase.set(p.key, existingCase);
      intents.push({ kind: 'existing', p, outcome: 'case', caseId: existingCase.ref.id, recordId: existingCase.ref.id });
      continue;
    }
    if (existingComment !== undefined) {
      const view = index.get(existingComment.caseId);
      if (view !== undefined) postCase.set(p.key, view);
      intents.push({ kind: 'existing', p, outcome: 'comment', caseId: existingComment.caseId, recordId: existingComment.id });
      continue;
    }
    if (decision.action === 'ignore') {
      intents.push({ kind: 'ignored', p, reasons: decision.reasons });
      continue;
    }
    try {
      if (decision.action === 'outbound') {
        const mentioned = post.mentions
  .filter((m) => !isBrandHandle(m, inputs.brand))
  .map((m) => (handleOwners ??= ownersByHandle(inputs)).get(`${post.provider}:${normalizeHandle(m)}`))
  .filter((o): o is CaseOwner => o !== undefined);
        const parentAuthorKey =
  post.inReplyTo?.authorId !== undefined
    ? identityKey({ provider: post.provider, id: post.inReplyTo.authorId })
    : p.parentKey !== undefined
      ? (authorOf.get(p.parentKey) ?? inputs.known.get(p.parentKey)?.authorKey)
      : undefined;
        const knownParentCase = p.parentKey === undefined ? undefined : inputs.known.get(p.parentKey)?.caseId;
        const parentCase =
  (p.parentKey === undefined ? undefined : postCase.get(p.parentKey)) ??
  (knownParentCase === undefined ? undefined : (index.get(knownParentCase) ?? referenceStubView(knownParentCase, p.threadKey)));
        const route = routeBrandPost(p.threadKey, { mentioned, parentAuthor: parentAuthorKey === undefined ? undefined : ownerOfKey(parentAuthorKey), parentCase }, index);
        if (route.kind !== 'outbound') {
  intents.push({ kind: 'ignored', p, reasons: [...decision.reasons, route.reason] });
  continue;
        }
        plan.addComment(route.target.ref, mapper.commentDraft(post, { outbound: true }));
        postCase.set(p.key, route.target);
        intents.push({ kind: 'comment', p, target: route.target, reopen: false, outbound: true });
        continue;
      }
      const author = inputs.authors.get(p.authorKey);
      if (author === undefined) throw new MappingError(`post ${post.id}: author was not resolved`, { postId: post.id, field: 'author.id' });
      if (author.error !== undefined) throw author.error;
      const route = routeCustomerPost(post, p.threadKey, { contactId: author.contactId, key: author.key }, decision.action === 'comment', index, rules);
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
        plan.addComment(route.target.ref, draft);
        postCase.set(p.key, route.target);
        intents.push({ kind: 'comment', p, target: route.target, reopen: route.reopen, outbound: false });
        continue;
      }
      const draft = mapper.caseDraft(post, { threadKey: p.threadKey, priority: decision.priority, status: capabilities.newCaseStatus, sentiment: decision.sentiment });
      plan.useContact(author);
      plan.addCase(author.contactRef, route.parent?.ref, draft);
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
      postCase.set(p.key, view);
      intents.push({ kind: 'case', p, author, view, parent: route.parent });
    } catch (error) {
      intents.push({ kind: 'dead', p, stage: 'map', error: referenceMappingError(error, post.id) });
    }
  }
  return { intents, plan };
}

function referenceStubView(caseId: string, threadKey: string): CaseView {
  return { ref: { id: caseId }, threadKey, externalPostId: undefined, contactId: undefined, contactKey: undefined, isClosed: false, closedAt: undefined, createdAt: '' };
}

const BRAND = { handles: ['AcmeHelp'], ids: ['b1'] };
const CAPABILITIES = { newCaseStatus: 'New', reopenStatus: 'Reopened' } as unknown as CrmCapabilities;
const mapper: Mapper = {
  caseDraft: (post, ctx) => ({ externalPostId: `${post.provider}:${post.id}`, threadKey: ctx.threadKey, priority: ctx.priority }) as unknown as CaseDraft,
  commentDraft: (post, ctx) => ({ externalPostId: `${post.provider}:${post.id}`, body: post.text, outbound: ctx.outbound }) as unknown as CommentDraft,
  contactDraft: (identity) => {
    if (identity.handle === 'bad') throw new MappingError('no usable handle', {});
    return { lastName: identity.handle, handles: [{ provider: identity.provider, handle: identity.handle }], socialIds: [{ provider: identity.provider, id: identity.id }], custom: {} };
  },
};

const AUTHORS: readonly SocialIdentity[] = [
  { provider: 'twitter', id: 'u1', handle: 'ann' },
  { provider: 'twitter', id: 'u2', handle: 'Bob' },
  { provider: 'twitter', id: 'u3', handle: 'carl' },
  { provider: 'twitter', id: 'u4', handle: 'bad' },
  { provider: 'twitter', id: 'b1', handle: 'AcmeHelp' },
];
const at = (minute: number): string => new Date(Date.UTC(2026, 9, 1, 8, minute)).toISOString();

const postArb = fc.record({
  id: fc.integer({ min: 1, max: 14 }),
  minute: fc.integer({ min: 0, max: 50 }),
  author: fc.integer({ min: 0, max: 4 }),
  parent: fc.option(fc.record({ id: fc.integer({ min: 1, max: 18 }), author: fc.option(fc.constantFrom('u1', 'u2', 'b1', 'u9'), { nil: undefined }) }), { nil: undefined }),
  mentions: fc.array(fc.constantFrom('ann', 'Bob', 'bob', '@AcmeHelp', 'carl', 'zed'), { maxLength: 3 }),
  action: fc.constantFrom('case', 'case', 'comment', 'ignore'),
});
const caseArb = fc.record({ id: fc.constantFrom('500A', '500B', '500C', '500D'), post: fc.integer({ min: 1, max: 18 }), thread: fc.integer({ min: 1, max: 18 }), contact: fc.option(fc.constantFrom('003A', '003B'), { nil: undefined }), closed: fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }), minute: fc.integer({ min: 0, max: 50 }) });
const contactArb = fc.record({ id: fc.constantFrom('003A', '003B', '003C'), handle: fc.constantFrom('ann', 'ANN', 'bob', 'dora'), socialId: fc.option(fc.constantFrom('u1', 'u2', 'u3'), { nil: undefined }) });

describe('routeBatch', () => {
  it('routes every post and plans every write exactly as the reference did', () => {
    fc.assert(
      fc.property(
        fc.array(postArb, { maxLength: 20 }),
        fc.array(caseArb, { maxLength: 5 }),
        fc.array(fc.record({ post: fc.integer({ min: 1, max: 14 }), caseId: fc.constantFrom('500A', '500B', '500Z') }), { maxLength: 2 }),
        fc.array(contactArb, { maxLength: 3 }),
        fc.array(fc.record({ post: fc.integer({ min: 1, max: 18 }), author: fc.constantFrom('u1', 'u2', 'b1'), caseId: fc.option(fc.constantFrom('500A', '500C', '500Y'), { nil: undefined }) }), { maxLength: 4 }),
        fc.array(fc.record({ author: fc.constantFrom('u1', 'u2', 'u3'), contactId: fc.constantFrom('003A', '003C', '003Q') }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 40 }),
        fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
        (...args) => {
  check(...args);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('finds a brand reply\'s parent author in the batch as the reference did (parent ignored, its author\'s Case in the thread)', () => {
    const routed = check(
      [
        { id: 1, minute: 1, author: 0, parent: undefined, mentions: [], action: 'ignore' },
        { id: 2, minute: 2, author: 4, parent: { id: 1, author: undefined }, mentions: [], action: 'case' },
      ],
      [{ id: '500A', post: 9, thread: 1, contact: '003A', closed: undefined, minute: 0 }],
      [], [], [], [{ author: 'u1', contactId: '003A' }], 10, undefined,
    );
    expect(routed.intents.map((i) => i.kind)).toEqual(['ignored', 'comment']); // the brand answers Ann on her Case
  });
});

type Gen<T> = T extends fc.Arbitrary<infer U> ? U : never;
function check(
  rawPosts: readonly Gen<typeof postArb>[],
  rawCases: readonly Gen<typeof caseArb>[],
  rawComments: readonly { post: number; caseId: string }[],
  rawContacts: readonly Gen<typeof contactArb>[],
  rawKnown: readonly { post: number; author: string; caseId: string | undefined }[],
  rawCache: readonly { author: string; contactId: string }[],
  reopenMinutes: number,
  joinMinutes: number | undefined,
): RoutedBatch {
  const decisions = new Map<SocialPost, TriageDecision>();
  const posts: SocialPost[] = [];
  for (const r of rawPosts) {
    const author = AUTHORS[r.author] as SocialIdentity;
    const v = validatePost({
      id: String(r.id), provider: 'twitter', text: `post ${r.id}`, createdAt: at(r.minute), author, mentions: r.mentions,
      ...(r.parent === undefined ? {} : { inReplyTo: { postId: String(r.parent.id), ...(r.parent.author === undefined ? {} : { authorId: r.parent.author }) } }),
    });
    if (!v.ok) throw v.error;
    posts.push(v.post);
    const action = author.id === 'b1' ? 'outbound' : r.action;
    decisions.set(v.post, { action, priority: 'Medium', reasons: [`${action} ${r.id}`], sentiment: 0, influence: 'low' } as TriageDecision);
  }
  const known = new Map<string, PostRecord>(rawKnown.map((k) => [`twitter:${k.post}`, { postId: `twitter:${k.post}`, threadId: String(k.post), authorKey: `twitter:${k.author}`, outcome: 'case', ...(k.caseId === undefined ? {} : { caseId: k.caseId, recordId: k.caseId }) }]));
  const prepared = prepareBatch(posts, known, (p) => decisions.get(p) as TriageDecision);
  const contacts: CrmContact[] = rawContacts.map((c) => ({ id: c.id, lastName: 'x', handles: [{ provider: 'twitter', handle: c.handle }], socialIds: c.socialId === undefined ? [] : [{ provider: 'twitter', id: c.socialId }] }));
  const cases: CrmCase[] = rawCases.map((c) => ({ id: c.id, status: c.closed === undefined ? 'New' : 'Closed', isClosed: c.closed !== undefined, contactId: c.contact, externalPostId: `twitter:${c.post}`, threadKey: `twitter:${c.thread}`, createdAt: at(c.minute), closedAt: c.closed === undefined ? undefined : at(c.closed) }));
  const lookup = { contacts, cases, comments: rawComments.map((c, n) => ({ id: `00C${n}`, caseId: c.caseId, externalPostId: `twitter:${c.post}` })) };
  const cache = new Map<string, IdentityRecord>(rawCache.map((c) => [`twitter:${c.author}`, { key: `twitter:${c.author}`, contactId: c.contactId, handle: 'h', method: 'providerId', confidence: 1, updatedAt: '' }]));
  const writers = new Map<string, SocialIdentity>();
  for (const p of prepared.posts) if (p.decision.action === 'case' || p.decision.action === 'comment') writers.set(p.authorKey, p.post.author);
  const authors = resolveAuthors([...writers.values()], contacts, cache, (i) => mapper.contactDraft(i));
  const rules = { reopenWindowMs: reopenMinutes * 60_000, joinRecentOpenCaseMs: joinMinutes === undefined ? undefined : joinMinutes * 60_000 };
  const inputs = (index: CaseIndex): RouteInputs => {
    for (const c of cases) {
      const view = viewOfCrmCase(c);
      if (view !== undefined) index.add(view);
    }
    return { posts: prepared.posts, lookup, authors, cache, known, index, mapper, brand: BRAND, capabilities: CAPABILITIES, rules };
  };
  const got = routeBatch(inputs(new CaseIndex()));
  const want = referenceRouteBatch(inputs(new ReferenceCaseIndex() as unknown as CaseIndex));
  const shape = (r: RoutedBatch): { intents: readonly PostIntent[]; plan: unknown } => ({ intents: r.intents, plan: r.plan.build() });
  expect(shape(got)).toEqual(shape(want));
  return got;
}
