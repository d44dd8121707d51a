/**
 * The floor of a sync's throughput: merely reading the JSONL file line by line and parsing each
 * line with `JSON.parse`, nothing else. Every engine figure is printed beside this one, measured in
 * the same run on the same file, because absolute posts/s differ about 2× between machines.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** What reading and parsing the file took. */
export interface FloorResult {
  readonly posts: number;
  readonly seconds: number;
  readonly postsPerSecond: number;
  /** CPU seconds of the process (user + system) while reading, and the posts per CPU second. */
  readonly cpuSeconds?: number;
  readonly postsPerCpuSecond?: number;
}

/** CPU seconds (user + system) of this process since `from` (a `process.cpuUsage()`). */
export const cpuSecondsSince = (from: NodeJS.CpuUsage): number => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

/** Reads and parses every line of `path`; resolves with the lines per second. */
export async function measureFloor(path: string): Promise<FloorResult> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let posts = 0;
  let keep = 0;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.length === 0) continue;
    const value = JSON.parse(line) as { id?: unknown };
    if (typeof value.id === 'string') keep += value.id.length; // used, so the parse is not optimised away
    posts += 1;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSecondsSince(cpu);
  if (keep < 0) throw new Error('unreachable');
  return { posts, seconds, postsPerSecond: seconds > 0 ? posts / seconds : 0, cpuSeconds, postsPerCpuSecond: cpuSeconds > 0 ? posts / cpuSeconds : 0 };
}
