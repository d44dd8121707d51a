/**
 * Replies back out: in the thread (`POST /2/tweets` with `reply.in_reply_to_tweet_id`), or, for a
 * DM thread, as a DM into that conversation (`POST /2/dm_conversations/:id/messages`), never as a
 * public post. Refusals are {@link TwitterReplyError}s carrying X's reason; a duplicate-content
 * refusal is ambiguous (an earlier attempt whose answer was lost may have posted it).
 */
import { z } from 'zod';
import { ConnectorError, SourceError } from '../../errors.js';
import type { SocialPost } from '../../model/social-post.js';
import { xErrorFacts } from './classify.js';
import type { XTransport } from './transport.js';

/** Why X refused a reply. */
export type ReplyRefusal = 'not-summoned' | 'deleted-target' | 'duplicate-content' | 'dm-not-allowed' | 'needs-user-token' | 'refused';

/**
 * X refused a reply (or the source refused to send it). Its `code` is `SOURCE`, except for
 * `needs-user-token`: that is a credentials problem (`AUTH`, the job's exit 2), not a refusal of X.
 */
export class TwitterReplyError extends ConnectorError {
  override readonly name = 'TwitterReplyError';
  /**
   * True when the reply may have been posted anyway (duplicate content: a retry of a reply whose
   * answer was lost looks the same as a real duplicate). Look in the thread before sending again.
   */
  readonly ambiguous: boolean;

  constructor(
    readonly refusal: ReplyRefusal,
    message: string,
    details: { readonly postId: string; readonly status?: number },
  ) {
    super(message, { code: refusal === 'needs-user-token' ? 'AUTH' : 'SOURCE', details: { postId: details.postId, remoteCode: refusal, ...(details.status === undefined ? {} : { status: details.status }) } });
    this.ambiguous = refusal === 'duplicate-content';
  }
}

const CreatedPostSchema = z.object({ data: z.object({ id: z.string().min(1) }) });
const CreatedDmSchema = z.object({ data: z.object({ dm_event_id: z.string().min(1) }) });

function refusalOf(detail: string, dm: boolean): ReplyRefusal {
  if (/duplicate/i.test(detail)) return 'duplicate-content';
  if (dm) return 'dm-not-allowed';
  if (/deleted|not visible|does not exist|not found/i.test(detail)) return 'deleted-target';
  if (/mention|engaged|summon|not allowed to reply|reply to this conversation/i.test(detail)) return 'not-summoned';
  return 'refused';
}

/** Sends `text` as the brand's answer to `post`; returns the new post's (or DM event's) id. */
export async function sendReply(transport: XTransport, auth: 'bearer' | 'user' | 'given', post: SocialPost, text: string): Promise<{ readonly id: string }> {
  // A 1:1 DM conversation id is `<user id>-<user id>`; a post's conversation id is a bare snowflake,
  // so a target rebuilt without its kind still never answers a DM thread publicly.
  const dm = post.kind === 'direct_message' || /^\d+-\d+$/.test(post.threadId ?? '');
  if (auth === 'bearer') {
    throw new TwitterReplyError('needs-user-token', `X reply to ${post.id}: an app bearer token cannot post; configure an OAuth 2.0 or OAuth 1.0a user token`, { postId: post.id });
  }
  if (dm && post.threadId === undefined) {
    // Without the conversation a DM cannot be answered, and a public reply would expose it.
    throw new TwitterReplyError('dm-not-allowed', `X reply to DM ${post.id}: the post has no dm_conversation_id (threadId); not sent`, { postId: post.id });
  }
  try {
    if (dm) {
      const reply = await transport.post('POST /2/dm_conversations/:dm_conversation_id/messages', `dm_conversations/${encodeURIComponent(post.threadId ?? '')}/messages`, { text });
      const parsed = CreatedDmSchema.safeParse(reply.data);
      if (!parsed.success) throw new SourceError(`X reply to DM ${post.id}: the answer carries no dm_event_id`, { postId: post.id });
      return { id: parsed.data.data.dm_event_id };
    }
    const reply = await transport.post('POST /2/tweets', 'tweets', { text, reply: { in_reply_to_tweet_id: post.id } });
    const parsed = CreatedPostSchema.safeParse(reply.data);
    if (!parsed.success) throw new SourceError(`X reply to ${post.id}: the answer carries no post id`, { postId: post.id });
    return { id: parsed.data.data.id };
  } catch (error) {
    const f = xErrorFacts(error);
    if (f === undefined || (f.status !== 403 && f.status !== 400 && f.status !== 404)) throw error;
    const detail = f.detail ?? f.title ?? `HTTP ${f.status}`;
    const refusal = refusalOf(detail, dm);
    const ambiguity = refusal === 'duplicate-content' ? ' (ambiguous: an earlier attempt may have posted it; check the thread before sending again)' : '';
    throw new TwitterReplyError(refusal, `X refused the reply to ${post.id} (${refusal}): ${detail}${ambiguity}`, { postId: post.id, status: f.status });
  }
}
