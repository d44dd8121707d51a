/**
 * `twitterSource`: one {@link SocialSource} over every configured X stream (mentions per brand
 * account, recent-search rules, DMs). The engine keeps one cursor per source, so the cursor is a
 * composite: each stream's own checkpoint inside one JSON document (see `cursor.ts`). A pull
 * serves the streams in turn; `done` once every stream has nothing more in this round.
 */
import { directCallContext, type CallContext } from '../../calls/types.js';
import type { SetupCheckReport } from '../../model/setup-check.js';
import type { VendorErrorClassification } from '../../calls/types.js';
import type { DeadLetter } from '../../model/dead-letter.js';
import type { SocialPost } from '../../model/social-post.js';
import type { PullOptions, ReplyOptions, SocialSource, SourcePage } from '../types.js';
import type { SourceStats } from '../../model/report.js';
import { clientFromCredentials, givenClient, type ClientHolder, type TwitterCredentials } from './auth.js';
import { checkStreams } from './check.js';
import { classifyXError } from './classify.js';
import type { SearchRule } from './config.js';
import { encodeTwitterCursor, parseTwitterCursor, canonicalState, type StreamState } from './cursor.js';
import { StreamReader } from './reader.js';
import { sendReply } from './reply.js';
import { resolveHandles, whoAmI } from './resolve.js';
import { DEFAULT_PRICES, TwitterMeter, type TwitterPriceTable, type TwitterSourceStats } from './stats.js';
import { directMessagesStream, mentionsStream, searchStream, type StreamSpec } from './streams.js';
import { XTransport, type XV2Client } from './transport.js';

/** The streams to poll. */
export interface TwitterStreams {
  /** Brand accounts whose mentions to read: user ids, or handles (`@AcmeHelp`, resolved once at start). */
  readonly mentions?: readonly string[];
  /** Recent-search rules, each its own stream. */
  readonly search?: readonly SearchRule[];
  /** The authenticated user's DMs (needs a user token with `dm.read`). */
  readonly directMessages?: boolean;
}

/** Options of {@link twitterSource}: a client, or credentials to build one. */
export interface TwitterSourceOptions {
  /** A twitter-api-v2 `TwitterApi` the caller has (anything with its `v2.get` / `v2.post`). */
  readonly client?: { readonly v2: XV2Client };
  /** Credentials, when no client is given. */
  readonly credentials?: TwitterCredentials;
  readonly streams: TwitterStreams;
  /** Seconds re-read before each stream's checkpoint (late-indexed posts; dedupe absorbs repeats). Default 120. */
  readonly overlapSeconds?: number;
  /** First run: read at most this many of each stream's newest posts. Default 800 (all the mentions timeline keeps). */
  readonly backfill?: { readonly maxPosts?: number };
  /** Look up replied-to parents X left out of `includes.tweets`, and hand parents with their replies. Default true. */
  readonly fetchParents?: boolean;
  /** Prices per resource for the run's cost. Default {@link DEFAULT_PRICES}. */
  readonly prices?: Partial<TwitterPriceTable>;
  /** Mentions of these accounts are priced as owned reads (the app owner's own). Default: every `mentions` account. */
  readonly ownedAccounts?: readonly string[];
  /** More brand handles for `summoned` (the `mentions` accounts' handles are learned). */
  readonly brandHandles?: readonly string[];
  /** Most items gathered per window chunk after the first run. Default 5,000. */
  readonly maxChunkItems?: number;
  /** Source id, the key of its checkpoint. Default `twitter`. */
  readonly id?: string;
  /** Where the source says what it did (resolved handles, stopped streams). Default: nowhere. */
  readonly log?: (message: string) => void;
}

/** The X source: a SocialSource with its figures and the brand it reads for. */
export interface TwitterSource extends SocialSource {
  /** Requests, resources and cost per endpoint, problems met (for the run's report). */
  stats(): TwitterSourceStats;
  /** The brand accounts (ids, and handles once known): their posts are outbound. */
  brandIdentity(): Promise<{ readonly ids: readonly string[]; readonly handles: readonly string[] }>;
  /** The stream ids, in the order served (after handles are resolved). */
  streamIds(): Promise<readonly string[]>;
  reply(post: SocialPost, text: string, options?: ReplyOptions): Promise<{ readonly id: string }>;
  sourceStats(): SourceStats;
  /** The job's `--check`: credentials and one small read per stream. */
  check(ctx: CallContext): Promise<SetupCheckReport>;
  classifyError(error: unknown): VendorErrorClassification | undefined;
}

/**
 * Creates the X source. Reads go through `PullOptions.ctx` (the engine's limits), one request per
 * page of 100, authors from `includes.users`.
 *
 * @example
 * const source = twitterSource({ client: new TwitterApi(process.env.X_BEARER_TOKEN!), streams: { mentions: ['900000000000000001'] } });
 */
export function twitterSource(options: TwitterSourceOptions): TwitterSource {
  const holder: ClientHolder = options.client !== undefined ? givenClient(options.client) : credentialsHolder(options.credentials);
  const meter = new TwitterMeter({ ...DEFAULT_PRICES, ...options.prices });
  const transport = new XTransport(() => holder.client(), meter);
  const brandIds = new Set<string>();
  const brandHandles = new Set((options.brandHandles ?? []).map((h) => h.replace(/^@/, '').toLowerCase()));
  const log = options.log ?? ((): void => undefined);
  let readers: Promise<StreamReader[]> | undefined;
  /** Streams that said `done` in the current round, with the state they said it at. */
  const doneInRound = new Map<string, string>();

  const build = async (): Promise<StreamReader[]> => {
    const mentionIds = await resolveHandles(options.streams.mentions ?? [], transport, log);
    for (const m of mentionIds) {
      brandIds.add(m.id);
      if (m.handle !== undefined) brandHandles.add(m.handle.toLowerCase());
    }
    if (options.streams.directMessages === true) {
      // The DM account's own messages are the brand's: learn its id once (GET /2/users/me).
      const me = await whoAmI(transport);
      brandIds.add(me.id);
      brandHandles.add(me.handle.toLowerCase());
      log(`X: reading DMs of @${me.handle} (user id ${me.id})`);
    }
    const owned = new Set(options.ownedAccounts ?? mentionIds.map((m) => m.id));
    const specs: StreamSpec[] = [
      ...mentionIds.map((m) => mentionsStream(m.id, owned.has(m.id))),
      ...(options.streams.search ?? []).map((r) => searchStream(r.name, r.query)),
      ...(options.streams.directMessages === true ? [directMessagesStream()] : []),
    ];
    const readerOptions = {
      overlapSeconds: options.overlapSeconds ?? 120,
      backfillMaxPosts: options.backfill?.maxPosts ?? 800,
      fetchParents: options.fetchParents ?? true,
      maxChunkItems: options.maxChunkItems ?? 5000,
    };
    return specs.map((spec) => new StreamReader(spec, transport, meter, { stream: spec.id, brandIds, brandHandles }, readerOptions));
  };
  const streams = (): Promise<StreamReader[]> => (readers ??= build().catch((error: unknown) => {
    readers = undefined;
    throw error;
  }));

  async function pull(cursor: string | null, pullOptions: PullOptions): Promise<SourcePage> {
    transport.ctx = pullOptions.ctx ?? directCallContext;
    transport.signal = pullOptions.signal ?? pullOptions.ctx?.signal;
    const all = await streams();
    const states: Record<string, StreamState> = { ...parseTwitterCursor(cursor) };
    const order = all.map((r) => r.spec.id);
    const posts: SocialPost[] = [];
    const rejected: DeadLetter[] = [];
    for (const reader of all) {
      const room = pullOptions.limit - posts.length - rejected.length;
      if (room <= 0) break;
      const id = reader.spec.id;
      const before = JSON.stringify(canonicalState(states[id] ?? {}));
      if (doneInRound.get(id) === before) continue;
      const page = await reader.pull(states[id] ?? {}, room);
      posts.push(...page.posts);
      rejected.push(...page.rejected);
      states[id] = page.state;
      if (page.done) doneInRound.set(id, JSON.stringify(canonicalState(page.state)));
    }
    const done = all.every((r) => doneInRound.get(r.spec.id) === JSON.stringify(canonicalState(states[r.spec.id] ?? {})));
    if (done) doneInRound.clear();
    const nothingRead = cursor === null && Object.values(states).every((s) => Object.keys(canonicalState(s)).length === 0);
    return { posts, rejected, nextCursor: nothingRead ? null : encodeTwitterCursor(states, order), done };
  }

  return {
    id: options.id ?? 'twitter',
    // One limiter and one usage bucket for X, whatever the source id.
    service: 'twitter',
    pull,
    stats: () => meter.snapshot(),
    sourceStats: () => meter.sourceStats(),
    async brandIdentity() {
      await streams();
      return { ids: [...brandIds], handles: [...brandHandles] };
    },
    async streamIds() {
      return (await streams()).map((r) => r.spec.id);
    },
    reply: (post, text, replyOptions) => {
      if (replyOptions?.ctx !== undefined) transport.ctx = replyOptions.ctx;
      if (replyOptions?.signal !== undefined) transport.signal = replyOptions.signal;
      return sendReply(transport, holder.kind, post, text);
    },
    async check(ctx) {
      transport.ctx = ctx;
      return checkStreams(transport, (await streams()).map((r) => r.spec), holder.kind === 'user');
    },
    classifyError: (error) => classifyXError(error, { canRefresh: holder.refresh !== undefined }),
    ...(holder.refresh === undefined ? {} : { refreshSession: holder.refresh }),
  };
}

function credentialsHolder(credentials: TwitterCredentials | undefined): ClientHolder {
  if (credentials === undefined) throw new TypeError('twitterSource: give a client or credentials');
  return clientFromCredentials(credentials);
}
