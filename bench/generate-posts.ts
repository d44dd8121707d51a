/**
 * Deterministic synthetic post stream for throughput benchmarks.
 *
 * Mix (by draw, so the shares are approximate): ~60% top-level customer posts, ~25% customer replies
 * in existing threads (mostly the thread's owner, sometimes a bystander), ~10% brand replies to a
 * recent customer post, ~3% reposts, ~2% direct messages. Authors come from a pool of `count / 5`
 * customers and 3 brand accounts. Only a bounded window of recent posts is kept, so any count streams
 * in constant memory.
 *
 * CLI: `tsx bench/generate-posts.ts <count> <out.jsonl> [seed]`.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { SocialPostInput } from '../src/model/social-post.js';
import { mulberry32 } from '../tests/fixtures/prng.js';
import { extractHashtags, extractMentions, isMainModule } from './twitter-text.js';

/** The brand accounts the synthetic stream answers from (`brand.handles` / `brand.ids` of a job). */
export const SYNTHETIC_BRANDS = [
  { id: '900000000000000001', handle: 'AcmeHelp' },
  { id: '900000000000000002', handle: 'AcmeTelecom' },
  { id: '900000000000000003', handle: 'AcmeBilling' },
] as const;

const ID_BASE = 1_900_000_000_000_000_000n;
const START_MS = Date.UTC(2026, 9, 1, 0, 0, 0);
const WINDOW = 512;

const OPENERS = ['', 'Hey ', 'Hi ', 'Ugh, ', 'Seriously ', 'Quick question: ', 'Hello ', 'Help! '];
const TOPICS = [
  'my internet has been down since this morning',
  'I was charged twice for my October bill',
  'the router keeps dropping the connection every few minutes',
  'my order was cancelled without any explanation',
  'speeds are a fraction of what I pay for',
  'no signal at all in the city centre today',
  'how do I move my plan to a new address?',
  'is there an outage near the river district?',
  'the app will not let me log in after the update',
  'a technician never showed up for the appointment',
  'just wanted to say the support team was great yesterday',
  'my roaming data stopped working abroad',
];
const CLOSERS = ['.', '. Please fix this.', '. Any update?', '. Thanks!', '. This is the third time.', ' 😡', ' 🙏'];
const TAGS = ['', '', '', ' #outage', ' #fail', ' #customerservice', ' #help'];
const FOLLOWUPS = [
  'Still not working.', 'Sent you a DM.', 'It is back now, thanks.', 'Nobody has contacted me yet.',
  'Same problem again tonight.', 'Account number is in the DM.', 'Restarted it twice, no change.',
];
const ANSWERS = [
  'Sorry to hear that! Could you send us a DM with your account number?',
  'Thanks for waiting. Our engineers are on it, we will update you shortly.',
  'We have refunded the duplicate charge; it shows within 3–5 working days.',
  'Please try restarting the router and let us know if the lights stay orange.',
  'Glad to hear it! Have a great day.',
];

interface Recent {
  readonly id: string;
  readonly threadId: string;
  readonly authorId: string;
  readonly handle: string;
  readonly text: string;
  /** The customer who started the thread. */
  readonly owner: { readonly id: string; readonly handle: string };
}

/**
 * Yields `count` synthetic posts for the given seed; the same arguments always give the same posts.
 * Ids are 19-digit strings in creation order, `createdAt` increases by 1–9 seconds per post.
 * Customers come from a pool of `authorPool` (default `count / 5`).
 */
export function* generatePosts(count: number, seed: number, authorPool?: number): Generator<SocialPostInput> {
  const rand = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const authors = Math.max(1, authorPool ?? Math.floor(count / 5));
  const recent: Recent[] = [];
  let clock = START_MS;

  for (let i = 0; i < count; i += 1) {
    clock += 1000 + Math.floor(rand() * 8000);
    const id = (ID_BASE + BigInt(i)).toString();
    const createdAt = new Date(clock).toISOString();
    const customerNo = Math.floor(rand() * authors);
    const customer = { id: String(7_000_000_000 + customerNo), handle: `customer_${customerNo}` };
    const roll = rand();
    const parent = recent.length > 0 ? pick(recent) : undefined;
    const base = { id, provider: 'twitter', createdAt, metrics: metricsOf(rand) };
    let post: SocialPostInput;

    if (roll < 0.6 || parent === undefined) {
      const topic = pick(TOPICS);
      const closer = topic.endsWith('?') ? pick(CLOSERS).replace(/^\./, '') : pick(CLOSERS);
      const text = `@AcmeHelp ${pick(OPENERS)}${topic}${closer}${pick(TAGS)}`;
      post = { ...base, kind: 'post', text, threadId: id, author: authorOf(customer, rand), ...tags(text) };
    } else if (roll < 0.85) {
      const who = rand() < 0.85 ? parent.owner : customer;
      const text = `@AcmeHelp ${pick(FOLLOWUPS)}`;
      post = {
        ...base, kind: 'reply', text, threadId: parent.threadId, author: authorOf(who, rand),
        inReplyTo: { postId: parent.id, authorId: parent.authorId }, ...tags(text),
      };
    } else if (roll < 0.95) {
      const brand = pick(SYNTHETIC_BRANDS);
      const text = `@${parent.owner.handle} ${pick(ANSWERS)}`;
      post = {
        ...base, kind: 'reply', text, threadId: parent.threadId,
        author: { provider: 'twitter', id: brand.id, handle: brand.handle, verified: true, followers: 250_000 },
        inReplyTo: { postId: parent.id, authorId: parent.authorId }, ...tags(text),
      };
    } else if (roll < 0.98) {
      const text = `RT @${parent.handle}: ${parent.text}`.slice(0, 280);
      post = { ...base, kind: 'repost', text, threadId: id, author: authorOf(customer, rand), ...tags(text) };
    } else {
      const text = `${pick(OPENERS)}${pick(TOPICS)}. My account number is ${100_000 + customerNo}.`;
      const { metrics: _m, ...dm } = base;
      post = { ...dm, kind: 'direct_message', text, threadId: `dm-${customer.id}`, author: authorOf(customer, rand), mentions: [], hashtags: [] };
    }

    if (post.kind === 'post' || post.kind === 'reply') {
      const owner = post.kind === 'reply' && parent ? parent.owner : customer;
      const { id: authorId, handle } = post.author;
      recent.push({ id, threadId: post.threadId ?? id, authorId, handle, text: post.text, owner });
      if (recent.length > WINDOW) recent.shift();
    }
    yield post;
  }
}

function authorOf(a: { id: string; handle: string }, rand: () => number): SocialPostInput['author'] {
  return {
    provider: 'twitter', id: a.id, handle: a.handle, displayName: `Customer ${a.handle.slice(9)}`,
    followers: Math.floor(rand() * rand() * 20_000), verified: rand() < 0.01,
  };
}

function metricsOf(rand: () => number): { likes: number; reposts: number; replies: number; quotes: number } {
  return { likes: Math.floor(rand() * 20), reposts: Math.floor(rand() * 4), replies: Math.floor(rand() * 3), quotes: 0 };
}

function tags(text: string): { mentions: string[]; hashtags: string[] } {
  return { mentions: extractMentions(text), hashtags: extractHashtags(text) };
}

/**
 * Streams `count` synthetic posts as JSONL to `path` (parent folders are created), honouring write
 * back-pressure so memory stays flat. Resolves with the number of posts written.
 */
export async function writePostsJsonl(path: string, count: number, seed: number, authorPool?: number): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path, { encoding: 'utf8' });
  let written = 0;
  try {
    for (const post of generatePosts(count, seed, authorPool)) {
      written += 1;
      if (!out.write(`${JSON.stringify(post)}\n`)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return written;
}

async function main(argv: string[]): Promise<void> {
  const count = Number(argv[0]);
  const path = argv[1];
  const seed = argv[2] === undefined ? 42 : Number(argv[2]);
  if (!Number.isInteger(count) || count < 0 || path === undefined || !Number.isInteger(seed)) {
    process.stderr.write('usage: tsx bench/generate-posts.ts <count> <out.jsonl> [seed]\n');
    process.exitCode = 2;
    return;
  }
  const n = await writePostsJsonl(path, count, seed);
  process.stderr.write(`${n} posts → ${path}\n`);
}

if (isMainModule(import.meta.url, 'generate-posts')) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
