/**
 * Converts the "Customer Support on Twitter" CSV (twcs.csv) into SocialPost JSONL for benchmarks.
 *
 * Columns: `index, tweet_id, author_id, inbound, created_at, text, response_tweet_id,
 * in_response_to_tweet_id`. Rows with `inbound=False` are written by brand accounts, whose
 * `author_id` is their handle (e.g. `sprintcare`); customers carry anonymised numeric ids, used as
 * both id and handle.
 *
 * CLI: `tsx bench/twcs-to-jsonl.ts [in.csv] [out.jsonl]` (defaults: ../shared/data/twcs/twcs.csv,
 * bench/.out/twcs.jsonl; `-` as output writes to stdout).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SocialPostInput } from '../src/model/social-post.js';
import { SourceError } from '../src/errors.js';
import { csvRecords } from './csv.js';
import { extractHashtags, extractMentions, isMainModule } from './twitter-text.js';

/** Default input: the shared data set beside the repository. */
export const DEFAULT_TWCS_PATH = fileURLToPath(new URL('../../shared/data/twcs/twcs.csv', import.meta.url));

const COLUMNS = ['tweet_id', 'author_id', 'inbound', 'created_at', 'text', 'in_response_to_tweet_id'] as const;
type Column = (typeof COLUMNS)[number];

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};
const TWITTER_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$/;

/**
 * Parses X's classic date format (`Tue Oct 31 22:10:47 +0000 2017`) into an ISO 8601 string.
 * Returns `undefined` for anything else.
 */
export function parseTwitterDate(value: string): string | undefined {
  const m = TWITTER_DATE.exec(value.trim());
  if (!m) return undefined;
  const [, mon, day, hh, mm, ss, sign, oh, om, year] = m;
  const month = MONTHS[mon ?? ''];
  if (month === undefined) return undefined;
  const utc = Date.UTC(Number(year), month, Number(day), Number(hh), Number(mm), Number(ss));
  const local = new Date(utc);
  // Reject dates that do not exist (e.g. Feb 30), which Date.UTC would silently roll over.
  if (Number.isNaN(utc) || local.getUTCDate() !== Number(day) || local.getUTCHours() !== Number(hh)) return undefined;
  const offsetMin = (Number(oh) * 60 + Number(om)) * (sign === '-' ? -1 : 1);
  return new Date(utc - offsetMin * 60_000).toISOString();
}

/** `3.0` → `3`, `''` → undefined (pandas wrote the ids of the float column with a `.0`). */
function tweetIdOf(value: string): string | undefined {
  const v = value.trim();
  if (v === '') return undefined;
  const m = /^(\d+)(?:\.0+)?$/.exec(v);
  return m ? m[1] : undefined;
}

/** Result of {@link convertTwcs}. */
export interface TwcsConversion {
  /** One post per CSV record, in file order. */
  readonly posts: SocialPostInput[];
  /** Handles of the brand accounts (authors of `inbound=False` rows), sorted. */
  readonly brandHandles: string[];
}

/**
 * Converts the text of a twcs.csv file to SocialPost inputs. Throws a {@link SourceError} naming the
 * record and field when a record has the wrong number of fields or an unreadable date or id.
 */
export function convertTwcs(csvText: string): TwcsConversion {
  const records = csvRecords(csvText);
  const header = records.next();
  if (header.done) return { posts: [], brandHandles: [] };
  const index = columnIndex(header.value);
  const width = header.value.length;
  const rows: string[][] = [];
  let recordNo = 1;
  for (const fields of records) {
    recordNo += 1;
    if (fields.length !== width) {
      throw new SourceError(`twcs record ${recordNo} has ${fields.length} fields, expected ${width}`, {
        record: String(recordNo),
      });
    }
    rows.push(fields);
  }
  const authorOf = new Map<string, string>();
  for (const row of rows) authorOf.set(row[index.tweet_id] ?? '', row[index.author_id] ?? '');

  const brands = new Set<string>();
  const posts = rows.map((row, i) => {
    const get = (c: Column): string => row[index[c]] ?? '';
    const where = { record: String(i + 2) };
    const id = tweetIdOf(get('tweet_id'));
    if (id === undefined) throw new SourceError(`twcs record ${i + 2}: bad tweet_id`, { ...where, field: 'tweet_id' });
    const createdAt = parseTwitterDate(get('created_at'));
    if (createdAt === undefined) {
      throw new SourceError(`twcs record ${i + 2}: bad created_at`, { ...where, field: 'created_at', postId: id });
    }
    const authorId = get('author_id').trim();
    if (authorId === '') throw new SourceError(`twcs record ${i + 2}: empty author_id`, { ...where, field: 'author_id' });
    if (get('inbound').trim() === 'False') brands.add(authorId);
    const text = get('text');
    const parentId = tweetIdOf(get('in_response_to_tweet_id'));
    const parentAuthor = parentId === undefined ? undefined : authorOf.get(parentId);
    const post: SocialPostInput = {
      id,
      provider: 'twitter',
      kind: parentId === undefined ? 'post' : 'reply',
      text,
      createdAt,
      author: { provider: 'twitter', id: authorId, handle: authorId },
      mentions: extractMentions(text),
      hashtags: extractHashtags(text),
      ...(parentId === undefined
        ? {}
        : { inReplyTo: parentAuthor ? { postId: parentId, authorId: parentAuthor } : { postId: parentId } }),
    };
    return post;
  });
  return { posts, brandHandles: [...brands].sort() };
}

function columnIndex(header: string[]): Record<Column, number> {
  const out = {} as Record<Column, number>;
  for (const c of COLUMNS) {
    const at = header.findIndex((h) => h.trim() === c);
    if (at === -1) throw new SourceError(`twcs header lacks column ${c}`, { field: c });
    out[c] = at;
  }
  return out;
}

/** Serialises posts as JSONL (one JSON object a line, final newline). */
export function toJsonl(posts: Iterable<SocialPostInput>): string {
  let out = '';
  for (const p of posts) out += `${JSON.stringify(p)}\n`;
  return out;
}

function main(argv: string[]): void {
  const input = argv[0] ?? DEFAULT_TWCS_PATH;
  const output = argv[1] ?? fileURLToPath(new URL('./.out/twcs.jsonl', import.meta.url));
  const { posts, brandHandles } = convertTwcs(readFileSync(input, 'utf8'));
  const jsonl = toJsonl(posts);
  if (output === '-') {
    process.stdout.write(jsonl);
  } else {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, jsonl);
  }
  process.stderr.write(`${posts.length} posts, ${brandHandles.length} brand accounts → ${output}\n`);
}

if (isMainModule(import.meta.url, 'twcs-to-jsonl')) main(process.argv.slice(2));
