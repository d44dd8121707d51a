/**
 * Micro-benchmark of the JSONL source stage alone: pulls every batch (500 items) of `jsonlSource`
 * over a file and reports CPU µs/post beside the floor (`readline` + `JSON.parse`, bench/floor.ts),
 * measured in the same process, alternating, several rounds.
 *
 * Usage (bundled like the bench worker, so that no loader skews the figures):
 *   npx esbuild bench/stage-parse.ts --bundle --platform=node --format=esm --packages=external --outfile=bench/.out/stage-parse.mjs
 *   node bench/.out/stage-parse.mjs [FILE=/work/prof/posts200k.jsonl] [ROUNDS=5]
 * (`node --import tsx bench/stage-parse.ts …` works too, a little slower.)
 */
import { jsonlSource } from '../src/sources/jsonl/source.js';
import { cpuSecondsSince, measureFloor } from './floor.js';

/** What pulling the whole file through the source took. */
export interface StageParseResult {
  readonly posts: number;
  readonly rejected: number;
  readonly warnings: number;
  readonly cpuSeconds: number;
}

/** Pulls every page of `path` through `jsonlSource` (batches of `limit`), counting posts. */
export async function measureSource(path: string, limit = 500): Promise<StageParseResult> {
  const source = jsonlSource({ path });
  const cpu = process.cpuUsage();
  let cursor: string | null = null;
  let posts = 0;
  let rejected = 0;
  let warnings = 0;
  for (;;) {
    const page = await source.pull(cursor, { limit });
    posts += page.posts.length;
    rejected += page.rejected.length;
    warnings += page.warnings?.length ?? 0;
    cursor = page.nextCursor;
    if (page.done) break;
  }
  return { posts, rejected, warnings, cpuSeconds: cpuSecondsSince(cpu) };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function main(): Promise<void> {
  const path = process.argv[2] ?? '/work/prof/posts200k.jsonl';
  const rounds = Number(process.argv[3] ?? 5);
  const floor: number[] = [];
  const source: number[] = [];
  let last: StageParseResult | undefined;
  for (let r = 0; r < rounds; r += 1) {
    const f = await measureFloor(path);
    floor.push(((f.cpuSeconds ?? 0) / f.posts) * 1e6);
    last = await measureSource(path);
    source.push((last.cpuSeconds / last.posts) * 1e6);
  }
  const f = median(floor);
  const s = median(source);
  console.log(`floor  ${f.toFixed(2)} CPU µs/post (rounds: ${floor.map((v) => v.toFixed(1)).join(' ')})`);
  console.log(`source ${s.toFixed(2)} CPU µs/post (rounds: ${source.map((v) => v.toFixed(1)).join(' ')}) = ${(s / f).toFixed(2)}× floor`);
  console.log(`posts ${last?.posts} rejected ${last?.rejected} warnings ${last?.warnings}`);
}

if (/stage-parse\.(ts|m?js)$/.test(process.argv[1] ?? '')) await main();
