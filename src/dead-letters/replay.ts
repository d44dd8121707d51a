/**
 * `--replay-dead-letters`: retries dead letters after a fix (a picklist value added, a field
 * widened, a newer version that accepts the input), a page at a time. A letter whose post now syncs
 * is removed; one that fails again is kept with the new reason; nothing else in the state moves.
 */
import { externalPostId, type SocialPost } from '../model/social-post.js';
import type { DeadLetter } from '../model/dead-letter.js';
import { validatePost } from '../model/validate.js';
import type { SyncReport } from '../model/report.js';
import { arraySource } from '../sources/array-source.js';
import { fillAuthorProvider } from '../sources/jsonl/parse-line.js';
import type { StateStore, StoredDeadLetter } from '../state/types.js';
import { createSync, type CreateSyncOptions } from '../sync/create-sync.js';
import { deadLetterPages } from './pages.js';
import { replayView } from './replay-view.js';

/** Options of {@link replayDeadLetters}. */
export interface ReplayOptions {
  readonly state: StateStore;
  /** The sync's settings and CRM, as for a normal run (source and state are the replay's). */
  readonly sync: Omit<CreateSyncOptions, 'source' | 'state' | 'dryRun'>;
  /** Only letters with this code. */
  readonly only?: string;
  /** Plan only: nothing is written to the CRM or the state. */
  readonly dryRun?: boolean;
  /** Letters a page (default 200): memory stays flat with any number of letters. */
  readonly pageSize?: number;
  /** Called after each page. */
  readonly onPage?: (progress: ReplayResult) => void;
}

/** What a replay did. */
export interface ReplayResult {
  /** Letters looked at (of the `only` code). */
  readonly letters: number;
  /** Letters whose post was retried. */
  readonly retried: number;
  /** Retried and synced now: removed. In a dry run: planned to be written (the CRM checks a write only when it is made). */
  readonly resolved: number;
  /** Still failing: kept, with the new reason. */
  readonly stillFailing: number;
  /** Without a post to retry (no payload, or input that still does not validate): kept. */
  readonly notReplayable: number;
}

type Counts = { -readonly [K in keyof ReplayResult]: ReplayResult[K] };

/** The post a letter carries, validated again (the rules may have changed since). */
function postOf(letter: StoredDeadLetter): { post: SocialPost } | { error: DeadLetter } | undefined {
  let payload = letter.payload;
  if (payload === undefined) return undefined;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload) as unknown;
    } catch {
      return undefined; // an unreadable line stays unreadable: fix the input file
    }
  }
  // A JSONL line's author takes the post's provider when it names none, as the source read it.
  if (letter.line !== undefined) fillAuthorProvider(payload);
  const checked = validatePost(payload);
  if (checked.ok) return { post: checked.post };
  const { id: _id, ...old } = letter;
  const field = checked.error.details.field;
  // A JSONL letter's reason names its line (`line 3: Invalid post …`), as the source wrote it: kept, so an unchanged reason is not rewritten.
  const reason = letter.line === undefined ? checked.error.message : `line ${letter.line}: ${checked.error.message}`;
  return { error: { ...old, code: checked.error.code, reason, ...(field === undefined ? {} : { field }), at: new Date().toISOString() } };
}

/** Replays one page; adds to `counts`. */
async function replayPage(options: ReplayOptions, page: readonly StoredDeadLetter[], counts: Counts): Promise<void> {
  const { state } = options;
  const dryRun = options.dryRun === true;
  const posts: SocialPost[] = [];
  const letterOfPost = new Map<string, StoredDeadLetter[]>();
  for (const letter of page) {
    counts.letters += 1;
    const found = postOf(letter);
    if (found === undefined) {
      counts.notReplayable += 1;
    } else if ('error' in found) {
      counts.notReplayable += 1;
      // Keep it with today's reason (written before the old one goes: a crash in between leaves two, never none).
      if (!dryRun && (found.error.reason !== letter.reason || found.error.code !== letter.code)) {
        await state.commit({ stream: 'replay', posts: [], identities: [], deadLetters: [found.error] });
        if (found.error.postId.startsWith('line:')) await state.removeDeadLetters([letter.id]);
      }
    } else {
      const key = externalPostId(found.post);
      if (!letterOfPost.has(key)) posts.push(found.post);
      letterOfPost.set(key, [...(letterOfPost.get(key) ?? []), letter]);
    }
  }
  if (posts.length === 0) return;
  counts.retried += posts.length;
  const sync = createSync({ ...options.sync, source: arraySource(posts, 'replay:dead-letters'), state: replayView(state, new Set(letterOfPost.keys())), dryRun });
  let report: SyncReport;
  try {
    report = await sync.run();
  } finally {
    await sync.close();
  }
  counts.stillFailing += report.deadLettered;
  counts.resolved += posts.length - report.deadLettered;
  if (dryRun) return;
  // Letters filed under another id than their post's (`line:N`): the post's own outcome (a record, or a new letter) now stands for them.
  const stale = [...letterOfPost].flatMap(([key, letters]) => letters.filter((l) => l.postId !== key).map((l) => l.id));
  if (stale.length > 0) await state.removeDeadLetters(stale);
}

/**
 * Retries the dead letters of `state` (of code `only`, when given) through the engine, a page at a
 * time, and says what became of them. Letters written during the replay are not replayed again.
 */
export async function replayDeadLetters(options: ReplayOptions): Promise<ReplayResult> {
  const counts: Counts = { letters: 0, retried: 0, resolved: 0, stillFailing: 0, notReplayable: 0 };
  const startedAt = new Date().toISOString();
  const pageSize = options.pageSize ?? 200;
  for await (const page of deadLetterPages(options.state, { pageSize, ...(options.only === undefined ? {} : { code: options.only }) })) {
    const older = page.filter((l) => l.at < startedAt);
    if (older.length > 0) await replayPage(options, older, counts);
    options.onPage?.({ ...counts });
    if (older.length < page.length) break; // from here on: letters this replay wrote
  }
  return { ...counts };
}
