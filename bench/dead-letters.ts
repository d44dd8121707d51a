/**
 * `tsx bench/dead-letters.ts [count] [sqlite|file]`: how long listing dead letters takes, a page at
 * a time as `--list-dead-letters` does, with `count` letters (default 100,000, each with a ~600-byte
 * post payload) in a fresh state; prints one JSON line `{ letters, kind, writeSeconds, listSeconds, peakRssMb, baseRssMb }`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deadLetterPages, formatDeadLetter } from '../src/dead-letters/index.js';
import type { DeadLetter } from '../src/model/dead-letter.js';
import { fileStateStore } from '../src/state/index.js';
import { sqliteStateStore } from '../src/state/sqlite/index.js';
import type { StateStore } from '../src/state/types.js';
import { isMainModule } from './twitter-text.js';

const letterOf = (n: number): DeadLetter => ({
  postId: `twitter:${1_900_000_000_000_000_000n + BigInt(n)}`,
  stage: 'write',
  code: n % 3 === 0 ? 'STRING_TOO_LONG' : 'INVALID_PICKLIST',
  reason: n % 3 === 0 ? 'subject: data value too large' : "bad value for restricted picklist field: 'Twitter'",
  field: n % 3 === 0 ? 'subject' : 'origin',
  payload: { id: String(n), provider: 'twitter', text: 'x'.repeat(400), author: { id: String(n % 5000), handle: `h${n % 5000}` }, createdAt: '2026-10-01T00:00:00.000Z' },
  at: '2026-10-01T00:00:00.000Z',
});

/** Writes `count` letters, then lists them all a page at a time into a sink. */
export async function timeDeadLetterListing(count: number, kind: 'sqlite' | 'file'): Promise<Record<string, number | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'scc-bench-letters-'));
  try {
    const open = (): StateStore => (kind === 'sqlite' ? sqliteStateStore({ path: join(dir, 'state.db'), durability: 'flush' }) : fileStateStore({ path: join(dir, 'state.json'), durability: 'flush' }));
    let started = process.hrtime.bigint();
    const writer = open();
    for (let n = 0; n < count; n += 1000) {
      await writer.commit({ stream: 's', posts: [], identities: [], deadLetters: Array.from({ length: Math.min(1000, count - n) }, (_, i) => letterOf(n + i)) });
    }
    await writer.close();
    const writeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const baseRssMb = process.memoryUsage.rss() / 1024 / 1024;
    started = process.hrtime.bigint();
    const store = open();
    let listed = 0;
    let chars = 0;
    for await (const page of deadLetterPages(store)) {
      for (const letter of page) chars += formatDeadLetter(letter).length;
      listed += page.length;
    }
    await store.close();
    const listSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (listed !== count || chars === 0) throw new Error(`listed ${listed} of ${count}`);
    return { letters: listed, kind, writeSeconds, listSeconds, baseRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url, 'dead-letters')) {
  const count = Number(process.argv[2] ?? 100_000);
  const kind = process.argv[3] === 'file' ? 'file' : 'sqlite';
  timeDeadLetterListing(count, kind).then(
    (r) => process.stdout.write(`${JSON.stringify(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
