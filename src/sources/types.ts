import type { SocialPost } from '../model/social-post.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { CallContext, RemoteServiceHooks } from '../calls/types.js';
import type { SetupCheckReport } from '../model/setup-check.js';
import type { PostWarning } from '../model/optional-metadata.js';
import type { SourceStats } from '../model/report.js';

/** One page read from a source. */
export interface SourcePage {
  /** Valid posts, in source order. */
  readonly posts: readonly SocialPost[];
  /** Input the source could not read (bad JSON line, invalid payload); the sync dead-letters them. */
  readonly rejected: readonly DeadLetter[];
  /** Invalid optional fields dropped from posts of this page (the posts sync); the sync counts and emits them. */
  readonly warnings?: readonly PostWarning[];
  /**
   * Cursor to pass to the next `pull`; equal to the input cursor when nothing new was read. It may
   * move without posts: past input holding none (blank lines), or back to the start of a file
   * that was replaced (the sync dedupes posts by id).
   */
  readonly nextCursor: string | null;
  /** True when the source has nothing more right now (a later pull may find more, e.g. in watch mode). */
  readonly done: boolean;
}

/** Options of one pull. */
export interface PullOptions {
  /** Most items (posts + rejected) to return. */
  readonly limit: number;
  readonly signal?: AbortSignal;
  /**
   * The source's call context (its own limiter, retries, counting as `sourceCalls`): a remote source
   * makes every round trip through it. The engine always passes one; called without, call directly.
   */
  readonly ctx?: CallContext;
}

/** Options of {@link SocialSource.reply}. */
export interface ReplyOptions {
  /** The source's call context (limiter, retries, counting); without it, call directly. */
  readonly ctx?: CallContext;
  readonly signal?: AbortSignal;
}

/** Where posts come from: X, a JSONL replay, any other channel. */
export interface SocialSource extends RemoteServiceHooks {
  /** Stable id of this stream, the key of its checkpoint (e.g. `jsonl:/path/posts.jsonl`). */
  readonly id: string;
  /**
   * The remote service this source reads (`twitter`): the name of its limiter and of its entry in the
   * report's `usage`. Default: the part of `id` before the first `:`.
   */
  readonly service?: string;
  /** Reads the page after `cursor` (`null` = from the start). */
  pull(cursor: string | null, options: PullOptions): Promise<SourcePage>;
  /**
   * Posts an answer into the post's thread (optional: sources that can talk back): a DM thread is
   * answered by DM, never publicly. Returns the new post id (record it: it is the brand's own post;
   * `sync.reply` does). Round trips go through `options.ctx` when given (the engine's limiter,
   * retries, counting), like `pull`'s.
   */
  reply?(post: SocialPost, text: string, options?: ReplyOptions): Promise<{ readonly id: string }>;
  /**
   * What the source spent this process so far (requests, resources read, their price), generic
   * over sources; the engine copies it into the report's `sourceStats` at the end of a run. Optional.
   */
  sourceStats?(): SourceStats;
  /**
   * The account this source reads as (e.g. the X user of the token), so a job config without `brand`
   * can still tell the brand's own posts from customers'. Optional.
   */
  brandIdentity?(): Promise<{ readonly handles?: readonly string[]; readonly ids?: readonly string[] }>;
  /** Checks credentials and streams (the job's `--check`). Optional. */
  check?(ctx: CallContext): Promise<SetupCheckReport>;
  close?(): Promise<void>;
}
