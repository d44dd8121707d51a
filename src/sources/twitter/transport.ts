/**
 * Every X round trip of the source: through the engine's call context (limiter, retries with the
 * source's `classifyError`, refresh, abort, counting), with `fullResponse` so the rate-limit
 * headers are read; usage reported per endpoint; requests and resources counted and priced.
 */
import { directCallContext, type CallContext, type CallKind } from '../../calls/types.js';
import { reportRateLimit, RateLimitSchema, type RateLimit } from './classify.js';
import type { PricedResource, TwitterMeter } from './stats.js';

/** The part of twitter-api-v2's `client.v2` the source uses (a `TwitterApi`'s `v2` fits). */
export interface XV2Client {
  get(path: string, query: Record<string, string>, options: { fullResponse: true }): Promise<unknown>;
  post(path: string, body: Record<string, unknown>, options: { fullResponse: true }): Promise<unknown>;
}

/** One answered request. */
export interface XReply {
  readonly data: unknown;
  readonly rateLimit?: RateLimit;
}

function readReply(value: unknown): XReply {
  const r = (value ?? {}) as { data?: unknown; rateLimit?: unknown };
  const rl = RateLimitSchema.safeParse(r.rateLimit);
  return { data: r.data, ...(rl.success ? { rateLimit: rl.data } : {}) };
}

const countOf = (data: unknown, key: 'data' | 'users' | 'tweets'): number => {
  const d = (data ?? {}) as { data?: unknown; includes?: { users?: unknown; tweets?: unknown } };
  const v = key === 'data' ? d.data : d.includes?.[key];
  if (Array.isArray(v)) return v.length;
  return key === 'data' && typeof v === 'object' && v !== null ? 1 : 0;
};

/** Sends the source's requests. */
export class XTransport {
  /** The latest rate-limit figures per endpoint. */
  private readonly limits = new Map<string, RateLimit>();
  /** The context of the current pull (replies use the latest one). */
  ctx: CallContext = directCallContext;
  /** The current pull's abort signal. */
  signal: AbortSignal | undefined;

  constructor(
    private readonly client: () => Promise<XV2Client>,
    private readonly meter: TwitterMeter,
  ) {}

  /** The last rate-limit figures of an endpoint, if any reply had them. */
  rateLimit(endpoint: string): RateLimit | undefined {
    return this.limits.get(endpoint);
  }

  /** True while an endpoint's window is used up (remaining 0 and its reset still ahead). */
  exhausted(endpoint: string, now = Date.now()): boolean {
    const rl = this.limits.get(endpoint);
    return rl !== undefined && rl.remaining <= 0 && rl.reset * 1000 > now;
  }

  /** `GET https://api.x.com/2/<path>`; `price` is what each `data` item costs. */
  get(endpoint: string, path: string, query: Record<string, string>, price: PricedResource): Promise<XReply> {
    return this.send(endpoint, 'read', price, async () => (await this.client()).get(path, query, { fullResponse: true }));
  }

  /** `POST https://api.x.com/2/<path>` with a JSON body (a write: never replayed blindly). */
  post(endpoint: string, path: string, body: Record<string, unknown>): Promise<XReply> {
    return this.send(endpoint, 'write', undefined, async () => (await this.client()).post(path, body, { fullResponse: true }));
  }

  private async send(endpoint: string, kind: CallKind, price: PricedResource | undefined, fn: () => Promise<unknown>): Promise<XReply> {
    const ctx = this.ctx;
    let answer: unknown;
    try {
      answer = await ctx.call(endpoint, fn, { kind });
    } catch (error) {
      // A refused call (429, usage cap) still tells where the window stands.
      const rl = RateLimitSchema.safeParse((error as { rateLimit?: unknown } | null)?.rateLimit);
      if (rl.success) {
        this.limits.set(endpoint, rl.data);
        reportRateLimit(ctx, endpoint, rl.data);
      }
      throw error;
    }
    const reply = readReply(answer);
    if (reply.rateLimit !== undefined) {
      this.limits.set(endpoint, reply.rateLimit);
      reportRateLimit(ctx, endpoint, reply.rateLimit);
    }
    if (price !== undefined) {
      this.meter.record(endpoint, { items: countOf(reply.data, 'data'), users: countOf(reply.data, 'users'), includedPosts: countOf(reply.data, 'tweets') }, price);
    } else {
      this.meter.record(endpoint, { items: 0, users: 0, includedPosts: 0 }, 'postRead');
    }
    return reply;
  }
}
