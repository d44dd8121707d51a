/**
 * Micro-benchmark of the SQLite state store alone, shaped like the engine's use of it: per batch of
 * 500 posts one `getPosts` (own ids + parents), one `getIdentities` (the batch's distinct authors,
 * from a pool of `posts / 5`, uniformly drawn as by bench/generate-posts.ts) and one `commit`.
 *
 * `tsx bench/stage-sqlite.ts [stable|changed] [posts=200000]`: `stable` = an author's contact id stays
 * the same across batches (production); `changed` = every author's contact id changes every batch.
 * `tsx bench/stage-sqlite.ts replay TRACE.jsonl`: replays a recorded trace of the engine's calls (one
 * JSON object a line: `{"op":"p","ids":[…]}` getPosts, `{"op":"i","keys":[…]}` getIdentities,
 * `{"op":"c","c":StateCommit}` commit; record one by wrapping the store of bench/pipeline.ts), so the
 * store is measured on exactly what the whole pipeline asks of it.
 * Prints CPU seconds of each call, CPU µs per post of the store, and the peak RSS.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { mulberry32 } from '../tests/fixtures/prng.js';
import { sqliteStateStore } from '../src/state/sqlite/index.js';
import type { IdentityRecord, PostRecord, StateCommit } from '../src/state/types.js';

const variant = process.argv[2] ?? 'stable';
const trace = variant === 'replay' ? process.argv[3] : undefined;
const N = trace === undefined ? Number(process.argv[3] ?? 200_000) : 0;
const B = 500;
const dir = '/tmp/stage-sqlite';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir);
const store = sqliteStateStore({ path: `${dir}/state.db`, durability: 'flush' });
const cpuSince = (from: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
};
const rand = mulberry32(42);
const authors = Math.floor(N / 5);
let tGet = 0;
let tIds = 0;
let tCommit = 0;
let pid = 1_900_000_000_000_000_000n;
type TraceCall = { op: 'p'; ids: string[] } | { op: 'i'; keys: string[] } | { op: 'c'; c: StateCommit };
let replayed = 0;
if (trace !== undefined) {
  const calls = readFileSync(trace, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TraceCall);
  for (const call of calls) {
    const q = process.cpuUsage();
    if (call.op === 'p') {
      await store.getPosts(call.ids);
      tGet += cpuSince(q);
    } else if (call.op === 'i') {
      await store.getIdentities(call.keys);
      tIds += cpuSince(q);
    } else {
      await store.commit(call.c);
      tCommit += cpuSince(q);
      replayed += call.c.posts.length;
    }
  }
}
for (let b = 0; b < N / B; b++) {
  const posts: PostRecord[] = [];
  const ids = new Map<string, IdentityRecord>();
  const lookups: string[] = [];
  const at = new Date().toISOString();
  for (let i = 0; i < B; i++) {
    pid++;
    const a = 7_000_000_000 + Math.floor(rand() * authors);
    const key = `twitter:${a}`;
    const postId = `twitter:${pid}`;
    lookups.push(postId);
    if (rand() < 0.35) lookups.push(`twitter:${pid - BigInt(1 + Math.floor(rand() * 400))}`);
    const roll = rand();
    posts.push(
      roll < 0.03
        ? { postId, threadId: String(pid), outcome: 'ignored', authorKey: key, reason: 'triage:spam' }
        : roll < 0.25
          ? { postId, threadId: String(pid - 7n), outcome: 'comment', caseId: `500R${pid - 7n}`, recordId: `00aR${pid}`, authorKey: key }
          : { postId, threadId: String(pid), outcome: 'case', caseId: `500R${pid}`, recordId: `500R${pid}`, authorKey: key },
    );
    ids.set(key, { key, contactId: variant === 'changed' ? `003R${b}_${i}` : `003C${a}`, handle: `customer_${a}`, method: 'created', confidence: 1, updatedAt: at });
  }
  let q = process.cpuUsage();
  await store.getPosts([...new Set(lookups)]);
  tGet += cpuSince(q);
  q = process.cpuUsage();
  await store.getIdentities([...ids.keys()]);
  tIds += cpuSince(q);
  q = process.cpuUsage();
  await store.commit({ stream: 'jsonl:x', checkpoint: String(b), posts, identities: [...ids.values()], deadLetters: [] });
  tCommit += cpuSince(q);
}
const q = process.cpuUsage();
await store.close();
const tClose = cpuSince(q);
const total = tGet + tIds + tCommit + tClose;
const posts = N + replayed;
console.log(
  `${variant} ${posts}: getPosts ${tGet.toFixed(2)} s, getIdentities ${tIds.toFixed(2)} s, commit ${tCommit.toFixed(2)} s, close ${tClose.toFixed(2)} s; ` +
    `store ${((total / posts) * 1e6).toFixed(1)} CPU µs/post; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
);
