/**
 * Thread fidelity on real support conversations (the "Customer Support on Twitter" sample, twcs.csv):
 * syncs the tweets into an in-memory local CRM and checks the thread rules of ARCHITECTURE.md on the
 * result — each customer on their own Case per thread, no Case mixing two customers, no Case opened
 * by a brand tweet, brand answers landing as outbound comments (see fidelity-score.ts).
 *
 * CLI: `tsx bench/twcs-fidelity.ts [twcs.csv]` prints the {@link FidelityResult} as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { localCrmAdapter } from '../src/adapters/local/index.js';
import type { BrandConfig } from '../src/triage/brand.js';
import { externalPostId, identityKey, type SocialPostInput } from '../src/model/social-post.js';
import { arraySource } from '../src/sources/array-source.js';
import { memoryStateStore } from '../src/state/index.js';
import { createSync } from '../src/sync/create-sync.js';
import { scoreThreadFidelity, type FidelityResult } from './fidelity-score.js';
import { convertTwcs, DEFAULT_TWCS_PATH } from './twcs-to-jsonl.js';
import { isMainModule } from './twitter-text.js';

export type { FidelityResult } from './fidelity-score.js';

/** Milliseconds of `createdAt`; unreadable dates sort last (the source rejects them anyway). */
function timeOf(post: SocialPostInput): number {
  const t = Date.parse(post.createdAt);
  return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * Syncs `posts` (any order) into a fresh in-memory local CRM and memory state store, with the given
 * brand handles as the brand's handles and user ids (in twcs a brand's `author_id` is its handle),
 * then scores thread fidelity from the CRM snapshot and the state's post records.
 *
 * The posts are handed to the source in `createdAt` order (stable: equal times keep input order).
 * The engine sorts only within a batch, as a live source delivers tweets in the order they were
 * written; a reply must come after its parent to find the parent's thread and Case. twcs.csv is
 * grouped by conversation, not by time (an answer often precedes the tweet it answers), so replaying
 * it in file order would measure the file's order rather than the engine.
 */
export async function measureThreadFidelity(posts: readonly SocialPostInput[], brandHandles: readonly string[]): Promise<FidelityResult> {
  const brand: BrandConfig = { handles: [...brandHandles], ids: [...brandHandles] };
  const ordered = posts
    .map((p, i) => ({ p, i, t: timeOf(p) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.p);
  const crm = localCrmAdapter();
  const state = memoryStateStore();
  const sync = createSync({ source: arraySource(ordered, 'twcs'), crm, state, brand, batchSize: 500 });
  const ignoredWhy = new Map<string, readonly string[]>();
  sync.on('postIgnored', ({ postId, reasons }) => ignoredWhy.set(postId, reasons));
  try {
    const report = await sync.run();
    return scoreThreadFidelity({
      posts: ordered,
      brand,
      crm: crm.snapshot(),
      records: await state.getPosts(ordered.map((p) => externalPostId(p))),
      identities: await state.getIdentities([...new Set(ordered.map((p) => identityKey(p.author)))]),
      deadLetters: await state.listDeadLetters(),
      ignoredWhy,
      crmCalls: report.crmCalls,
    });
  } finally {
    await sync.close();
    await crm.close();
    await state.close();
  }
}

/** Result of {@link twcsFidelity}: the measurement, or why it was skipped. */
export type TwcsFidelityOutcome = { readonly result: FidelityResult } | { readonly skipped: string };

/** Reads and converts a twcs.csv file and measures it; skips (with the reason) when the file is absent. */
export async function twcsFidelity(path: string = DEFAULT_TWCS_PATH): Promise<TwcsFidelityOutcome> {
  if (!existsSync(path)) return { skipped: `${path} not found` };
  const { posts, brandHandles } = convertTwcs(readFileSync(path, 'utf8'));
  return { result: await measureThreadFidelity(posts, brandHandles) };
}

if (isMainModule(import.meta.url, 'twcs-fidelity')) {
  twcsFidelity(process.argv[2]).then(
    (outcome) => process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
