/**
 * Reads one X stream window by window. A window is every post newer than the stream's `since`
 * (minus the overlap, from snowflake ids); its pages come newest first, so the reader gathers them
 * (a chunk), then hands the items oldest first across pulls. `since` advances only when the last
 * page of the window was read: a window stopped by the rate limit (remaining 0 before the reset,
 * where twitter-api-v2's paginator stops silently) or by the chunk cap keeps its pagination token
 * in the checkpoint and the next pull goes on from there.
 */
import type { DeadLetter } from '../../model/dead-letter.js';
import type { SocialPost } from '../../model/social-post.js';
import { Chunk, describeProblem, type ChunkItem } from './chunk.js';
import { xErrorFacts, USAGE_CAPPED_TYPE } from './classify.js';
import type { StreamState, WindowState } from './cursor.js';
import type { NormalizeContext } from './normalize.js';
import { compareIds, idSecondsBefore, maxId } from './snowflake.js';
import type { TwitterMeter } from './stats.js';
import { MAX_IDS_PER_LOOKUP, TWEET_PARAMS, type StreamSpec } from './streams.js';
import type { XTransport } from './transport.js';

/** Tuning of a {@link StreamReader}. */
export interface ReaderOptions {
  readonly overlapSeconds: number;
  /** First run only: read at most this many of the newest posts. */
  readonly backfillMaxPosts: number;
  readonly fetchParents: boolean;
  /** Most items gathered per chunk after the first run (memory bound); the rest follow in the next chunk. */
  readonly maxChunkItems: number;
}

/** What one pull of a stream gives. */
export interface StreamPull {
  readonly posts: SocialPost[];
  readonly rejected: DeadLetter[];
  readonly state: StreamState;
  /** Nothing more to read right now (window done, or stopped by a limit until a later pull). */
  readonly done: boolean;
}

type Stop = 'complete' | 'rate-limit' | 'chunk-cap' | 'usage-capped';

interface Buffer {
  readonly from: string | undefined;
  readonly start: string | undefined;
  readonly newest: string | undefined;
  readonly next: string | undefined;
  readonly stop: Stop;
  readonly items: readonly ChunkItem[];
}

const same = (a: string | undefined, b: string | undefined): boolean => a === b;

/** Reads one stream. */
export class StreamReader {
  private buffer: Buffer | undefined;
  /** Set when X said the usage cap is reached: the stream reads nothing more in this process. */
  private capped: string | undefined;

  constructor(
    readonly spec: StreamSpec,
    private readonly transport: XTransport,
    private readonly meter: TwitterMeter,
    private readonly normalize: NormalizeContext,
    private readonly options: ReaderOptions,
  ) {}

  /** Hands over at most `limit` items after `state`. */
  async pull(state: StreamState, limit: number): Promise<StreamPull> {
    if (this.capped !== undefined || limit < 1) return { posts: [], rejected: [], state, done: this.capped !== undefined };
    const win = state.win;
    const from = win !== undefined ? win.from : state.since === undefined ? undefined : idSecondsBefore(state.since, this.options.overlapSeconds);
    const start = win?.handed !== undefined ? win.start : win?.next;
    const b = this.buffer;
    const buffer =
      b !== undefined && win?.handed !== undefined && same(b.from, from) && same(b.start, start) && same(b.newest, win.newest)
        ? b
        : await this.read(from, start, win?.newest, state.since === undefined && from === undefined);
    this.buffer = buffer;
    if (buffer.items.length === 0 && buffer.stop !== 'complete' && buffer.next === start) {
      // Stopped before reading anything new (rate limit, usage cap): the checkpoint stays.
      this.buffer = undefined;
      return { posts: [], rejected: [], state, done: true };
    }
    const handed = win?.handed;
    const rest = handed === undefined ? buffer.items : buffer.items.filter((i) => i.key > handed);
    const take = rest.slice(0, limit);
    const posts = take.flatMap((i) => (i.post === undefined ? [] : [i.post]));
    const rejected = take.flatMap((i) => (i.rejected === undefined ? [] : [i.rejected]));
    this.meter.handedPosts(posts.length);
    const last = take[take.length - 1];
    if (take.length < rest.length && last !== undefined) {
      const open: WindowState = { ...optional({ from, newest: buffer.newest, start, next: buffer.next }), handed: last.key };
      return { posts, rejected, state: { ...optional({ since: state.since }), win: open }, done: false };
    }
    this.buffer = undefined;
    if (buffer.stop === 'complete') {
      return { posts, rejected, state: optional({ since: maxId(state.since, buffer.newest) }), done: true };
    }
    const next: WindowState = optional({ from, newest: buffer.newest, next: buffer.next });
    return { posts, rejected, state: { ...optional({ since: state.since }), win: next }, done: buffer.stop !== 'chunk-cap' };
  }

  /** Reads one chunk of the window `(from, bound]`, from `start` (a pagination token) or the first page. */
  private async read(from: string | undefined, start: string | undefined, bound: string | undefined, firstRun: boolean): Promise<Buffer> {
    const { spec, transport } = this;
    const chunk = new Chunk(spec.items);
    const cap = firstRun ? this.options.backfillMaxPosts : this.options.maxChunkItems;
    const inWindow = (id: string): boolean => (bound === undefined || compareIds(id, bound) <= 0) && (from === undefined || compareIds(id, from) > 0);
    const keep = (id: string | undefined): boolean => id === undefined || (inWindow(id) && chunk.size < cap);
    let token = start;
    let stop: Stop = 'complete';
    let next: string | undefined;
    for (let empty = 0; ; ) {
      transport.signal?.throwIfAborted(); // Ctrl-C between pages: stop reading, nothing of this read is used
      if (transport.exhausted(spec.endpoint)) {
        [stop, next] = ['rate-limit', token];
        this.meter.streamStopped(spec.id, `rate limit of ${spec.endpoint} reached mid-window; the next poll goes on from the saved page`);
        break;
      }
      const query = { ...spec.params, ...(spec.sinceId && from !== undefined ? { since_id: from } : {}), ...(token === undefined ? {} : { [spec.tokenParam]: token }) };
      let body: unknown;
      try {
        body = (await transport.get(spec.endpoint, spec.path, query, spec.price)).data;
      } catch (error) {
        const capped = this.cappedMessage(error);
        if (capped === undefined) throw error;
        [stop, next] = ['usage-capped', token];
        break;
      }
      const page = chunk.addPage(body, spec.endpoint, keep, inWindow);
      if (!spec.sinceId && from !== undefined && page.ids.some((id) => id !== undefined && compareIds(id, from) <= 0)) break;
      if (page.next === undefined) break;
      if (chunk.size >= cap) {
        if (!firstRun) [stop, next] = ['chunk-cap', page.next];
        break;
      }
      empty = page.ids.length === 0 ? empty + 1 : 0;
      if (empty >= 3) {
        [stop, next] = ['chunk-cap', page.next];
        break;
      }
      token = page.next;
    }
    if (this.options.fetchParents && spec.items === 'tweets') await this.fetchParents(chunk);
    this.meter.pageProblems(chunk.problems.map(describeProblem));
    return { from, start, newest: maxId(bound, chunk.newest), next, stop, items: chunk.sorted(this.normalize, this.options.fetchParents) };
  }

  /** Looks up replied-to parents X left out of `includes.tweets`, ≤ 100 ids a call. */
  private async fetchParents(chunk: Chunk): Promise<void> {
    const missing = chunk.missingParents(this.normalize);
    for (let i = 0; i < missing.length; i += MAX_IDS_PER_LOOKUP) {
      const ids = missing.slice(i, i + MAX_IDS_PER_LOOKUP).join(',');
      try {
        chunk.addParents((await this.transport.get('GET /2/tweets', 'tweets', { ids, ...TWEET_PARAMS }, 'postRead')).data);
      } catch (error) {
        if (this.cappedMessage(error) === undefined) throw error;
        return;
      }
    }
  }

  /** When `error` is X's usage cap: stops this stream (for this process) and says why. */
  private cappedMessage(error: unknown): string | undefined {
    // The engine's call context wraps it (`BudgetExhaustedError`, the X error as `cause`).
    const f = causes(error).map(xErrorFacts).find((x) => x !== undefined);
    if (f === undefined || (f.problemType !== USAGE_CAPPED_TYPE && !/usage ?cap/i.test(f.title ?? ''))) return undefined;
    this.capped = `X usage cap reached (${f.detail ?? 'usage-capped'}): stream ${this.spec.id} stopped until the cap resets`;
    this.meter.streamStopped(this.spec.id, this.capped);
    return this.capped;
  }
}

/** An error and its `cause` chain (a few levels). */
function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error, i = 0; e !== undefined && e !== null && i < 4; i++, e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** Drops `undefined` values (exactOptionalPropertyTypes), keeping the key order given. */
function optional<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };
}
