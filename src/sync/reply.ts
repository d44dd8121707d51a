/**
 * `sync.reply`: the brand answers a post back out through the source (X: in the thread, or by DM
 * for a DM thread), and the answer is recorded on the post's Case as an outbound comment, exactly
 * once, so a later poll that reads it is a duplicate, never a new Case.
 *
 * Crash windows (see ARCHITECTURE.md, "Replies back out"): the intent is committed to the reply
 * journal before the source is asked; the new post id is committed (journal + the post record that
 * dedupes it) as soon as the source answers, before any CRM write; the comment goes through the
 * adapter's normal `apply` (keyed by the new post's external id, so a replay creates nothing); only
 * then is the entry removed. A run or reply that finds an entry with an id lands its comment first.
 * An entry without an id (killed while the source was answering) is unconfirmed: the same answer is
 * refused until the caller looks at the thread and passes `resend: true`.
 */
import type { CrmAdapter, CrmCallContext, CrmCapabilities } from '../adapters/types.js';
import type { CallContext } from '../calls/types.js';
import { ConnectorError } from '../errors.js';
import type { Mapper } from '../mapping/field-mapping.js';
import { externalPostId, identityKey, SocialPostSchema, type PostKind, type SocialPost } from '../model/social-post.js';
import type { SocialSource } from '../sources/types.js';
import type { PostRecord, StateStore } from '../state/types.js';
import type { BrandConfig } from '../triage/brand.js';
import type { SyncEventEmitter } from './events.js';
import { PlanBuilder } from './plan-builder.js';
import { encodeReplyJournal, parseReplyJournal, replyJournalStream, sameReply, type ReplyJournalEntry } from './reply-journal.js';

/** What {@link Sync.reply} takes. */
export interface ReplyRequest {
  /** The post to answer: its external id (`twitter:123`) or its id at the source (`123`). */
  readonly postId: string;
  /** The answer's text. */
  readonly text: string;
  /**
   * The post itself, when the caller has it (its `kind` tells a DM thread from a public one).
   * Without it the engine rebuilds the target from the state's record of the post.
   */
  readonly post?: SocialPost;
  /** The post's kind when `post` is not given (`direct_message` for a DM thread). */
  readonly kind?: PostKind;
  /** Send even though an earlier attempt of the same answer is unconfirmed (look at the thread first). */
  readonly resend?: boolean;
}

/** What {@link Sync.reply} resolves with. */
export interface ReplyOutcome {
  /** External id of the post answered. */
  readonly target: string;
  readonly caseId: string;
  /** External id of the brand's new post (absent in dry-run: nothing was sent). */
  readonly replyId?: string;
  /** The outbound comment on the Case (absent in dry-run). */
  readonly commentId?: string;
  readonly dryRun: boolean;
}

/** Why a reply was refused before anything was sent or recorded. */
export type ReplyRefusalReason = 'unknown-post' | 'no-case' | 'cannot-reply' | 'unconfirmed' | 'comment-failed';

/** The engine refused (or could not finish) a reply; `reason` says which case. */
export class ReplyError extends ConnectorError {
  override readonly name = 'ReplyError';
  constructor(
    readonly reason: ReplyRefusalReason,
    message: string,
    details: { readonly postId: string; readonly record?: string },
    cause?: unknown,
  ) {
    super(message, { details, ...(cause === undefined ? {} : { cause }) });
  }
}

/** What a reply needs from the sync. */
export interface ReplyEnv {
  readonly source: SocialSource;
  /** The source's service name (its provider for bare post ids). */
  readonly provider: string;
  readonly crm: CrmAdapter;
  readonly state: StateStore;
  readonly crmCall: CrmCallContext;
  readonly sourceCall: CallContext;
  readonly capabilities: CrmCapabilities;
  readonly mapper: Mapper;
  readonly brand: BrandConfig;
  readonly events: SyncEventEmitter;
  readonly dryRun: boolean;
  readonly now?: () => Date;
}

/** How long an unconfirmed attempt refuses the same answer. */
const UNCONFIRMED_KEPT_MS = 7 * 86_400_000;

const keyOf = (postId: string, provider: string): string => (postId.includes(':') ? postId : `${provider}:${postId}`);
const idPart = (key: string): string => key.slice(key.indexOf(':') + 1);

/** The brand as the author of its own answer: the source's account, else the configured brand. */
async function brandAuthor(env: ReplyEnv): Promise<{ id: string; handle: string }> {
  const known = await env.source.brandIdentity?.();
  const id = known?.ids?.[0] ?? env.brand.ids[0] ?? 'brand';
  const handle = known?.handles?.[0] ?? env.brand.handles[0] ?? 'brand';
  return { id, handle: handle.replace(/^@/, '') };
}

/** The reply as the post the CRM comment is made of (the same fields a poll would give it). */
async function replyPost(env: ReplyEnv, entry: ReplyJournalEntry & { id: string }): Promise<SocialPost> {
  const author = await brandAuthor(env);
  return SocialPostSchema.parse({
    id: entry.id,
    provider: env.provider,
    kind: 'reply',
    text: entry.text,
    createdAt: entry.sentAt ?? entry.at,
    author: { provider: env.provider, ...author },
    threadId: entry.threadId === '' ? idPart(entry.target) : entry.threadId,
    inReplyTo: { postId: idPart(entry.target) },
  });
}

async function journal(env: ReplyEnv): Promise<ReplyJournalEntry[]> {
  return parseReplyJournal(await env.state.getCheckpoint(replyJournalStream(env.source.id)));
}

async function writeJournal(env: ReplyEnv, entries: readonly ReplyJournalEntry[], posts: readonly PostRecord[] = []): Promise<void> {
  await env.state.commit({ stream: replyJournalStream(env.source.id), checkpoint: encodeReplyJournal(entries), posts, identities: [], deadLetters: [] });
}

/** Writes the outbound comment of a sent reply (idempotent by its external id), then drops its entry. */
async function landComment(env: ReplyEnv, entry: ReplyJournalEntry & { id: string }): Promise<string> {
  const post = await replyPost(env, entry);
  const plan = new PlanBuilder();
  plan.addComment({ id: entry.caseId }, env.mapper.commentDraft(post, { outbound: true }));
  const result = await env.crm.apply(plan.build(), env.crmCall);
  const item = result.comments[0];
  if (item?.ok !== true || item.id === undefined) {
    const why = item?.error?.message ?? 'no result';
    throw new ReplyError('comment-failed', `reply ${externalPostId(post)} was sent, but its outbound comment on Case ${entry.caseId} failed: ${why} (kept in the reply journal: the next run tries again)`, { postId: externalPostId(post), record: entry.caseId });
  }
  const record: PostRecord = { postId: externalPostId(post), threadId: post.threadId ?? '', outcome: 'comment', caseId: entry.caseId, recordId: item.id, authorKey: identityKey(post.author), at: new Date().toISOString() };
  const rest = (await journal(env)).filter((e) => e.id !== entry.id);
  await writeJournal(env, rest, [record]);
  env.events.emit('commentAdded', { postId: record.postId, caseId: entry.caseId, commentId: item.id, outbound: true });
  return item.id;
}

/**
 * Lands the outbound comments of replies that were sent but not yet written to the CRM (a run
 * killed in between). Entries without an id stay (unconfirmed). Returns how many were landed.
 */
export async function landPendingReplies(env: ReplyEnv): Promise<number> {
  if (env.dryRun) return 0;
  let landed = 0;
  for (const entry of await journal(env)) {
    if (entry.id === undefined) continue;
    await landComment(env, { ...entry, id: entry.id });
    landed += 1;
  }
  return landed;
}

/** Sends one reply and records it (see the module comment for the order of the steps). */
export async function sendReply(env: ReplyEnv, request: ReplyRequest): Promise<ReplyOutcome> {
  const target = request.post === undefined ? keyOf(request.postId, env.provider) : externalPostId(request.post);
  if (env.source.reply === undefined) {
    throw new ReplyError('cannot-reply', `reply to ${target}: source ${env.source.id} cannot send replies`, { postId: target });
  }
  const record = (await env.state.getPosts([target])).get(target);
  if (record === undefined) throw new ReplyError('unknown-post', `reply to ${target}: the post is not in the state store (not synced by this connector)`, { postId: target });
  if (record.caseId === undefined) {
    throw new ReplyError('no-case', `reply to ${target}: the post is on no Case (it was ${record.outcome}${record.reason === undefined ? '' : `: ${record.reason}`})`, { postId: target });
  }
  const caseId = record.caseId;
  if (env.dryRun) return { target, caseId, dryRun: true };

  await landPendingReplies(env);
  const now = env.now ?? ((): Date => new Date());
  // Unconfirmed attempts are kept a week (long enough to look at the thread), then forgotten.
  const weekAgo = now().getTime() - UNCONFIRMED_KEPT_MS;
  const entries = (await journal(env)).filter((e) => e.id !== undefined || Date.parse(e.at) >= weekAgo);
  const earlier = entries.find((e) => e.id === undefined && sameReply(e, { target, text: request.text }));
  if (earlier !== undefined && request.resend !== true) {
    throw new ReplyError('unconfirmed', `reply to ${target}: the same answer was attempted at ${earlier.at} and never confirmed (the run stopped while ${env.source.id} was answering); look at the thread, then send with resend: true`, { postId: target, record: caseId });
  }
  const others = entries.filter((e) => e !== earlier);
  const intent: ReplyJournalEntry = { target, caseId, threadId: record.threadId, text: request.text, at: now().toISOString() };
  await writeJournal(env, [...others, intent]);

  const post = request.post ?? rebuildTarget(target, record, request.kind);
  let sent: { readonly id: string };
  try {
    sent = await env.source.reply(post, request.text, { ctx: env.sourceCall, ...(env.sourceCall.signal === undefined ? {} : { signal: env.sourceCall.signal }) });
  } catch (error) {
    if (!(error instanceof ConnectorError && error.details.remoteCode === 'duplicate-content')) await writeJournal(env, others); // refused: nothing was sent
    throw error;
  }
  const withId = { ...intent, id: sent.id, sentAt: now().toISOString() };
  const replyKey = keyOf(sent.id, post.provider);
  // Before any CRM write: the brand's new post is known (a poll that reads it is a duplicate).
  const pending: PostRecord = { postId: replyKey, threadId: record.threadId, outcome: 'comment', caseId, authorKey: identityKey({ provider: post.provider, id: (await brandAuthor(env)).id }), reason: 'reply sent by the connector', at: withId.sentAt };
  await writeJournal(env, [...others, withId], [pending]);
  const commentId = await landComment(env, withId);
  env.events.emit('replySent', { postId: target, replyId: replyKey, caseId, commentId });
  return { target, caseId, replyId: replyKey, commentId, dryRun: false };
}

/** The target rebuilt from the state's record: what the source needs to answer it (id, thread, kind). */
function rebuildTarget(target: string, record: PostRecord, kind: PostKind | undefined): SocialPost {
  const provider = target.slice(0, target.indexOf(':'));
  const [authorProvider, ...rest] = record.authorKey.split(':');
  return SocialPostSchema.parse({
    id: idPart(target),
    provider,
    ...(kind === undefined ? {} : { kind }),
    text: '',
    createdAt: record.at ?? new Date(0).toISOString(),
    author: { provider: authorProvider ?? provider, id: rest.join(':') || 'unknown', handle: 'unknown' },
    ...(record.threadId === '' ? {} : { threadId: record.threadId }),
  });
}
