import { readFileSync } from 'node:fs';
import type { CallContext, ServiceUsage, VendorErrorClassification } from '../../../src/calls/types.js';
import type { SocialSource } from '../../../src/sources/types.js';
import type { DeadLetter } from '../../../src/model/dead-letter.js';
import type { SocialPost } from '../../../src/model/social-post.js';
import type { NormalizeContext } from '../../../src/sources/twitter/normalize.js';

export const BRAND = '900000000000000001';

/** A fixture page from `fixtures/` (written in the shape of the twarc and tweepy captures). */
export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export const ctxFor = (stream: string): NormalizeContext => ({ stream, brandIds: new Set([BRAND]), brandHandles: new Set(['acmehelp']) });


/** A call context like the engine's: asks the source's hooks, refreshes, waits (capped) and retries; records all. */
export function testCallContext(source: SocialSource, options: { maxAttempts?: number } = {}) {
  const calls: string[] = [];
  const usage: ServiceUsage[] = [];
  const verdicts: VendorErrorClassification[] = [];
  const ctx: CallContext = {
    async call(operation, fn) {
      for (let attempt = 1; ; attempt++) {
        calls.push(operation);
        try {
          return await fn();
        } catch (error) {
          const verdict = source.classifyError?.(error);
          if (verdict !== undefined) verdicts.push(verdict);
          if (verdict === undefined || !verdict.retryable || attempt >= (options.maxAttempts ?? 3)) throw error;
          if (verdict.refreshSession === true) await source.refreshSession?.();
          else await new Promise((r) => setTimeout(r, Math.min(verdict.retryAfterMs ?? 0, 5)));
        }
      }
    },
    reportUsage: (u) => void usage.push(u),
  };
  return { ctx, calls, usage, verdicts };
}

/** Reads a source until it is done (one run). */
export async function drain(source: SocialSource, cursor: string | null, limit: number, ctx?: CallContext) {
  const posts: SocialPost[] = [];
  const rejected: DeadLetter[] = [];
  let c = cursor;
  for (let i = 0; i < 1000; i++) {
    const page = await source.pull(c, { limit, ...(ctx === undefined ? {} : { ctx }) });
    posts.push(...page.posts);
    rejected.push(...page.rejected);
    c = page.nextCursor;
    if (page.done) return { posts, rejected, cursor: c };
  }
  throw new Error('source never done');
}
