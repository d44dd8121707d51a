/**
 * Inputs of the triage and mapping stage benchmarks: the validated posts of a JSONL file (by default
 * the 200k-post profile input) and, when the shared data set is there, the real tweets of twcs.csv
 * and the SpotifyCares support requests (real-world text: emoji, links, long texts, entities).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { SocialPost } from '../src/model/social-post.js';
import { validatePost } from '../src/model/validate.js';
import { convertTwcs, DEFAULT_TWCS_PATH } from './twcs-to-jsonl.js';

/** The 200k-post input the profiles of the session use. */
export const PROFILE_POSTS_PATH = '/work/prof/posts200k.jsonl';
/** Where the shared data set may be: beside the repository (the bench default) or the session's copy. */
const DATA_DIRS = [DEFAULT_TWCS_PATH.replace(/twcs[/\\]twcs\.csv$/, ''), '/work/shared/data/'];
/** The real-tweet files: twcs.csv and the SpotifyCares support requests (same columns plus `index`). */
const REAL_TWEET_FILES = [
  ['twcs', 'twcs/twcs.csv'],
  ['spotifycares', 'twcs-spotifycares/support_requests.csv'],
] as const;

/** The first existing copy of a shared data file, if any. */
function sharedDataFile(relative: string): string | undefined {
  return DATA_DIRS.map((dir) => dir + relative).find((path) => existsSync(path));
}

/** A named list of validated posts. */
export interface PostSet {
  readonly name: string;
  readonly posts: readonly SocialPost[];
}

function validated(values: readonly unknown[]): SocialPost[] {
  const posts: SocialPost[] = [];
  for (const value of values) {
    const result = validatePost(value);
    if (result.ok) posts.push(result.post);
  }
  return posts;
}

/** The posts of a JSONL file, validated as the engine does (invalid lines are skipped). */
export function jsonlPosts(path: string): SocialPost[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  return validated(lines.map((l) => JSON.parse(l) as unknown));
}

/** The real tweets of the shared data set that are on this machine (none when it is absent). */
export function realTweetSets(): PostSet[] {
  const sets: PostSet[] = [];
  for (const [name, relative] of REAL_TWEET_FILES) {
    const path = sharedDataFile(relative);
    if (path === undefined) continue;
    // The SpotifyCares file has one more leading column (`index`); convertTwcs finds columns by name.
    sets.push({ name, posts: validated(convertTwcs(readFileSync(path, 'utf8')).posts) });
  }
  return sets;
}

/** Every input set: the JSONL file given (or the profile input) and the real tweets. */
export function benchPostSets(path = process.argv[2] ?? PROFILE_POSTS_PATH): PostSet[] {
  return [{ name: path.split('/').pop() ?? path, posts: jsonlPosts(path) }, ...realTweetSets()];
}

/** CPU µs (user + system) per item of `run(item)` over `items`, best of `rounds` after one warm-up. */
export function cpuMicrosPerItem<T>(items: readonly T[], run: (item: T) => unknown, rounds = 3): number {
  let sink = 0;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r <= rounds; r++) {
    const from = process.cpuUsage();
    for (const item of items) if (run(item) !== undefined) sink++;
    const used = process.cpuUsage(from);
    if (r > 0) best = Math.min(best, (used.user + used.system) / items.length);
  }
  if (sink < 0) throw new Error('unreachable');
  return best;
}
