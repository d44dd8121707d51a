/**
 * The pages of one read (newest first, as X serves them) gathered into items handed oldest first:
 * edited versions merged into one post (the latest text), replied-to parents added from
 * `includes.tweets` (or from a lookup) when `fetchParents` is on, malformed items as dead letters,
 * page `errors` kept. Sort key: rejected items first, then `createdAt` and id.
 */
import type { DeadLetter } from '../../model/dead-letter.js';
import type { SocialPost } from '../../model/social-post.js';
import { normalizeDmEvent, normalizeTweet, usersById, type NormalizeContext, type Normalized } from './normalize.js';
import { PageSchema, TweetSchema, type PageProblem, type Tweet, type User } from './payloads.js';
import { compareIds } from './snowflake.js';

/** One item to hand over, with its place in the order. */
export interface ChunkItem {
  readonly key: string;
  readonly post?: SocialPost;
  readonly rejected?: DeadLetter;
}

interface Entry {
  readonly version: string;
  readonly post: SocialPost;
}

const idOf = (raw: unknown): string | undefined => {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && /^[0-9]{1,19}$/.test(id) ? id : undefined;
};

/** Describes a page `errors` entry as X words it (never a credential: X's own text about a resource). */
export function describeProblem(p: PageProblem): string {
  const what = p.resource_type === undefined ? '' : `${p.resource_type} ${p.resource_id ?? ''}: `.replace(' :', ':');
  return `${what}${p.detail ?? p.title ?? 'error'}`.slice(0, 300);
}

/** The raw pages of one read. */
export class Chunk {
  private readonly items: unknown[] = [];
  readonly users = new Map<string, User>();
  readonly included = new Map<string, Tweet>();
  readonly problems: PageProblem[] = [];
  /** Items whose envelope could not be read (a page that is no v2 page). */
  private readonly broken: DeadLetter[] = [];
  /** Largest item id seen. */
  newest: string | undefined;

  constructor(private readonly kind: 'tweets' | 'dm_events') {}

  /** Number of items read so far. */
  get size(): number {
    return this.items.length;
  }

  /**
   * Adds one page; returns its items' ids (newest first) and its `next_token`. `inWindow` says which
   * ids belong to the read (they move `newest`), `keep` which of them are kept (a cap may drop some).
   */
  addPage(
    body: unknown,
    endpoint: string,
    keep: (id: string | undefined) => boolean = () => true,
    inWindow: (id: string) => boolean = () => true,
  ): { ids: (string | undefined)[]; next?: string } {
    const page = PageSchema.safeParse(body);
    if (!page.success) {
      const issue = page.error.issues[0];
      this.broken.push({ postId: `${endpoint}:page`, stage: 'source', code: 'SOURCE', reason: `X ${endpoint}: unreadable page (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`, field: issue?.path.join('.') || '(root)', payload: body, at: new Date().toISOString() });
      return { ids: [] };
    }
    const data = page.data.data ?? [];
    const ids = data.map(idOf);
    data.forEach((item, i) => {
      const id = ids[i];
      if (id !== undefined && inWindow(id) && (this.newest === undefined || compareIds(id, this.newest) > 0)) this.newest = id;
      if (keep(id)) this.items.push(item);
    });
    for (const [id, user] of usersById(page.data.includes?.users)) this.users.set(id, user);
    for (const t of page.data.includes?.tweets ?? []) {
      const parsed = TweetSchema.safeParse(t);
      if (parsed.success) this.included.set(parsed.data.id, parsed.data);
    }
    this.problems.push(...(page.data.errors ?? []));
    return { ids, ...(page.data.meta?.next_token === undefined ? {} : { next: page.data.meta.next_token }) };
  }

  /** Replied-to parents that are neither read nor included (when X left them out of `includes.tweets`). */
  missingParents(ctx: NormalizeContext): string[] {
    const { entries } = this.normalize(ctx, false);
    // A parent the page's `errors` already name (deleted, protected) is not asked for again.
    const gone = new Set(this.problems.flatMap((p) => (p.resource_id === undefined ? [] : [p.resource_id])));
    const missing = new Set<string>();
    for (const { post } of entries.values()) {
      const parent = post.inReplyTo?.postId;
      if (parent === undefined || !wantedParent(post, post.inReplyTo?.authorId, ctx)) continue;
      if (!entries.has(parent) && !this.included.has(parent) && !gone.has(parent)) missing.add(parent);
    }
    return [...missing];
  }

  /** Adds a parent lookup's answer (`GET /2/tweets?ids=`): its posts count as included. */
  addParents(body: unknown): void {
    const page = PageSchema.safeParse(body);
    if (!page.success) return;
    for (const t of page.data.data ?? []) {
      const parsed = TweetSchema.safeParse(t);
      if (parsed.success) this.included.set(parsed.data.id, parsed.data);
    }
    for (const [id, user] of usersById(page.data.includes?.users)) this.users.set(id, user);
    this.problems.push(...(page.data.errors ?? []));
  }

  private normalize(ctx: NormalizeContext, withParents: boolean): { entries: Map<string, Entry>; rejected: DeadLetter[] } {
    const entries = new Map<string, Entry>();
    const rejected: DeadLetter[] = [...this.broken];
    const put = (raw: unknown, n: Normalized | undefined): void => {
      if (n === undefined) return;
      if (!n.ok) return void rejected.push(n.deadLetter);
      const version = idOf(raw) ?? n.post.id;
      const had = entries.get(n.post.id);
      if (had === undefined || compareIds(version, had.version) > 0) entries.set(n.post.id, { version, post: n.post });
    };
    for (const item of this.items) {
      const raw = this.kind === 'tweets' ? this.latestVersion(item) : item;
      put(raw, this.kind === 'tweets' ? normalizeTweet(raw, this.users, this.included, ctx) : normalizeDmEvent(raw, this.users, ctx));
    }
    if (withParents && this.kind === 'tweets') {
      for (const { post } of [...entries.values()]) {
        const parentId = post.inReplyTo?.postId;
        const parent = parentId === undefined ? undefined : this.included.get(parentId);
        if (parent === undefined || entries.has(parentId ?? '') || !wantedParent(post, parent.author_id, ctx)) continue;
        const n = normalizeTweet(parent, this.users, this.included, ctx);
        // A parent that cannot be read is context, not input: it is left out rather than lettered.
        if (n.ok) put(parent, n);
      }
    }
    return { entries, rejected };
  }

  /** The latest version of an edited post when X included it (`expansions=edit_history_tweet_ids`), else the post. */
  private latestVersion(raw: unknown): unknown {
    const parsed = TweetSchema.safeParse(raw);
    const last = parsed.success ? parsed.data.edit_history_tweet_ids?.at(-1) : undefined;
    if (last === undefined || !parsed.success || last === parsed.data.id) return raw;
    return this.included.get(last) ?? raw;
  }

  /** The items to hand over, oldest first (dead letters first). */
  sorted(ctx: NormalizeContext, withParents: boolean): ChunkItem[] {
    const { entries, rejected } = this.normalize(ctx, withParents);
    const posts = [...entries.values()].map(({ post }) => ({ key: postKey(post), post }));
    posts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return [...rejected.map((r, i) => ({ key: `!${String(i).padStart(6, '0')}`, rejected: r })), ...posts];
  }
}

/**
 * Parents worth handing over with a reply: the brand's own post (an outbound comment: the answer the
 * customer replies to) or the same author's earlier post (their complaint without the @mention). A
 * third party's post is context, not a customer of the brand: it would open a Case for a stranger.
 */
function wantedParent(reply: SocialPost, parentAuthor: string | undefined, ctx: NormalizeContext): boolean {
  return parentAuthor !== undefined && (parentAuthor === reply.author.id || ctx.brandIds.has(parentAuthor));
}

/** Sort key of a post: `createdAt` (ISO, UTC) then the id, zero-padded so it sorts as a number. */
export function postKey(post: Pick<SocialPost, 'createdAt' | 'id'>): string {
  return `${post.createdAt}|${post.id.padStart(20, '0')}`;
}
