/**
 * Building blocks of the demo data: people, deterministic post ids and timestamps, and a collector
 * that turns hand-written scripts into SocialPost inputs with consistent mentions, hashtags, urls,
 * metrics and reply links.
 */
import type { PostKind, SocialPostInput } from '../../../src/model/social-post.js';
import { extractHashtags, extractMentions } from '../../../bench/twitter-text.js';

/** An X account as it appears on a post. */
export interface Person {
  readonly id: string;
  readonly handle: string;
  readonly displayName?: string;
  readonly followers?: number;
  readonly verified?: boolean;
  readonly email?: string;
  readonly location?: string;
}

/** Acme Telecom's support account. */
export const ACME_HELP: Person = {
  id: '900000000000000001', handle: 'AcmeHelp', displayName: 'Acme Telecom Support',
  followers: 182_400, verified: true, location: 'Springfield',
};
/** Acme Telecom's main brand account (announcements, outage broadcasts). */
export const ACME_TELECOM: Person = {
  id: '900000000000000002', handle: 'AcmeTelecom', displayName: 'Acme Telecom',
  followers: 1_240_000, verified: true, location: 'Springfield',
};

/** Post id of scenario block `block`, n-th post: `1980` + block (3 digits) + `000000` + n (6 digits). */
export function postId(block: number, n: number): string {
  return `1980${String(block).padStart(3, '0')}000000${String(n).padStart(6, '0')}`;
}

/** `iso` plus some minutes, as an ISO string (UTC, milliseconds). */
export function at(iso: string, plusMinutes = 0): string {
  return new Date(Date.parse(iso) + plusMinutes * 60_000).toISOString();
}

/** Options of one post. */
export interface PostOptions {
  /** Explicit kind; `null` leaves it out so the engine derives it. Default: `post`/`reply`. */
  readonly kind?: PostKind | null;
  readonly lang?: string;
  /** Explicit thread id (`threadId: true` on a root means "its own id"). */
  readonly threadId?: string | true;
  /** Leave out `metrics`. */
  readonly noMetrics?: boolean;
  /** Override the author (e.g. the same user id under another handle). */
  readonly author?: Person;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i += 1) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** Collects the posts of the demo, numbering them per block. */
export class SampleBuilder {
  /** Every post built so far, in build order. */
  readonly posts: SocialPostInput[] = [];
  private readonly seq = new Map<number, number>();

  /** Next id of a block (1, 2, 3… per block). */
  nextId(block: number): string {
    const n = (this.seq.get(block) ?? 0) + 1;
    this.seq.set(block, n);
    return postId(block, n);
  }

  /** A top-level post (or DM / repost / quote, by `opts.kind`). */
  post(block: number, author: Person, text: string, createdAt: string, opts: PostOptions = {}): SocialPostInput {
    const id = this.nextId(block);
    const threadId = opts.threadId === true ? id : opts.threadId;
    // Normalised like X's API (`.000Z`), except times written with an explicit UTC offset, kept as given.
    const when = /[+-]\d{2}:\d{2}$/.test(createdAt) ? createdAt : at(createdAt);
    return this.push(id, opts.author ?? author, text, when, opts, threadId, undefined);
  }

  /**
   * A reply to `parent`, `gapMinutes` after it. Unless `body` starts with `@`, X's reply prefix
   * `@<parent author> ` is added. The reply carries the parent's `threadId` when the parent has one.
   */
  reply(block: number, parent: SocialPostInput, author: Person, body: string, gapMinutes: number, opts: PostOptions = {}): SocialPostInput {
    const text = body.startsWith('@') || parent.kind === 'direct_message' ? body : `@${parent.author.handle} ${body}`;
    const threadId = typeof opts.threadId === 'string' ? opts.threadId : parent.threadId;
    const inReplyTo = { postId: parent.id, authorId: parent.author.id };
    const own = parent.kind === 'direct_message' ? { ...opts, kind: 'direct_message' as const } : opts;
    return this.push(this.nextId(block), opts.author ?? author, text, at(parent.createdAt, gapMinutes), own, threadId, inReplyTo);
  }

  /** A reply to a post that is not in the file (synced long ago), with an explicit thread id. */
  replyToOld(block: number, parent: { postId: string; authorId: string }, threadId: string, author: Person, text: string, createdAt: string): SocialPostInput {
    return this.push(this.nextId(block), author, text, at(createdAt), {}, threadId, parent);
  }

  /** Runs `turns` as a chain: each turn answers the previous one. Returns the posts of the chain. */
  chain(block: number, root: SocialPostInput, turns: readonly (readonly [Person, string, number])[]): SocialPostInput[] {
    const out = [root];
    let last = root;
    for (const [who, body, gap] of turns) {
      last = this.reply(block, last, who, body, gap);
      out.push(last);
    }
    return out;
  }

  private push(
    id: string, author: Person, text: string, createdAt: string, opts: PostOptions,
    threadId: string | undefined, inReplyTo: { postId: string; authorId: string } | undefined,
  ): SocialPostInput {
    const h = hash(id);
    const kind = opts.kind === null ? undefined : (opts.kind ?? (inReplyTo ? 'reply' : 'post'));
    const dm = kind === 'direct_message';
    const post: SocialPostInput = {
      id,
      provider: 'twitter',
      ...(kind === undefined ? {} : { kind }),
      text,
      createdAt,
      ...(dm ? {} : { url: `https://x.com/${author.handle}/status/${id}` }),
      lang: opts.lang ?? 'en',
      author: { provider: 'twitter', ...author },
      ...(threadId === undefined ? {} : { threadId }),
      ...(inReplyTo === undefined ? {} : { inReplyTo }),
      mentions: dm ? [] : extractMentions(text),
      hashtags: dm ? [] : extractHashtags(text),
      ...(dm || opts.noMetrics || h % 9 === 0
        ? {}
        : { metrics: { likes: h % 23, reposts: (h >>> 5) % 6, replies: (h >>> 9) % 4, quotes: (h >>> 13) % 3 === 0 ? 1 : 0 } }),
    };
    this.posts.push(post);
    return post;
  }
}
