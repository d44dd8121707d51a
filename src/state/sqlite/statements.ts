/** The prepared statements of the SQLite state store, and the body of one batch commit. */
import type Database from 'better-sqlite3';
import { isLinePostId } from '../state-doc.js';
import type { IdentityRecord, PostRecord, StateCommit } from '../types.js';
import { keyReader } from './key-reader.js';
import { IDENTITY_COLUMNS, POST_COLUMNS, type DeadLetterRow, type IdentityRow, type PostRow } from './rows.js';

/** A `suggestions` row. */
export interface SuggestionRow {
  readonly id: number;
  readonly identity_key: string;
  readonly handle: string;
  readonly contact_id: string;
  readonly similar_contact_id: string;
  readonly similar_contact_name: string;
  readonly score: number;
  readonly at: string;
}

/** Rows of one multi-row post INSERT (8 parameters a row, far below SQLite's limit of 32,766). */
const POST_ROWS = 50;
/** The parameters of one `posts` row. */
type PostParams = [string, string, string, string | null, string | null, string, string | null, string];

/** Orders identity rows by key, written twice keeping their order. */
const byKey = (a: IdentityRecord, b: IdentityRecord): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * `identities` in key order (a stable sort: rows of one key keep their order, so the last still
 * wins): the upserts then walk the B-tree from left to right instead of jumping about it, which
 * measured ~0.6 CPU µs a post less on the pipeline's trace (bench/stage-sqlite.ts replay, 8 pairs).
 */
function inKeyOrder(identities: readonly IdentityRecord[]): readonly IdentityRecord[] {
  return identities.length < 2 ? identities : [...identities].sort(byKey);
}

/** Prepared once per open store. */
export interface Statements {
  readonly getCheckpoint: Database.Statement<[string], { value: string | null }>;
  /** Calls `each` with the rows of the known posts among `postIds` (in no particular order). */
  readonly getPosts: (postIds: readonly string[], each: (row: PostRow) => void) => void;
  /** Calls `each` with the rows of the known identities among `keys` (in no particular order). */
  readonly getIdentities: (keys: readonly string[], each: (row: IdentityRow) => void) => void;
  /** Up to `?` identities, any of them (filling the identity cache). */
  readonly someIdentities: Database.Statement<[number], IdentityRow>;
  readonly pageDeadLetters: Database.Statement<[number, number], DeadLetterRow>;
  readonly pageDeadLettersOfCode: Database.Statement<[string, number, number], DeadLetterRow>;
  readonly deleteDeadLetter: Database.Statement<[number]>;
  readonly dropPostsBefore: Database.Statement<[string]>;
  readonly clearHolder: Database.Statement<[]>;
  readonly addSuggestion: Database.Statement<[string, string, string, string, string, number, string]>;
  readonly pageSuggestions: Database.Statement<[number, number], SuggestionRow>;
  /**
   * Writes one batch (call inside a transaction), of its identities only `identities`: those not
   * known to be stored as given already (the upsert would not rewrite those either).
   */
  commit(change: StateCommit, at: string, identities: readonly IdentityRecord[]): void;
}

/** Prepares the statements of a store on `db`. */
export function prepareStatements(db: Database.Database): Statements {
  const setCheckpoint = db.prepare<[string, string | null]>(
    'INSERT INTO checkpoints (stream, value) VALUES (?, ?) ON CONFLICT (stream) DO UPDATE SET value = excluded.value',
  );
  // Posts go in as multi-row INSERTs of POST_ROWS rows (one statement run instead of POST_ROWS: the
  // JS ↔ SQLite crossing and the statement's step/reset are paid once), the rest one row a call.
  const postColumns = 'INSERT OR REPLACE INTO posts (post_id, thread_id, outcome, case_id, record_id, author_key, reason, at) VALUES ';
  const putPost = db.prepare<[PostParams]>(`${postColumns}(?, ?, ?, ?, ?, ?, ?, ?)`);
  const putPosts = db.prepare<[PostParams[number][]]>(`${postColumns}${Array.from({ length: POST_ROWS }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  /** Writes the parameters of `p` into `params` from `k` on (the order of the columns above). */
  const setPostParams = (params: PostParams[number][], k: number, p: PostRecord, at: string): void => {
    params[k] = p.postId;
    params[k + 1] = p.threadId;
    params[k + 2] = p.outcome;
    params[k + 3] = p.caseId ?? null;
    params[k + 4] = p.recordId ?? null;
    params[k + 5] = p.authorKey;
    params[k + 6] = p.reason ?? null;
    params[k + 7] = p.at ?? at;
  };
  // One parameter array per statement, filled again for each run (bound as an array: no spread).
  const manyParams: PostParams[number][] = new Array<PostParams[number]>(POST_ROWS * 8).fill(null);
  const oneParams = new Array<PostParams[number]>(8).fill(null) as PostParams;
  const putAllPosts = (posts: readonly PostRecord[], at: string): void => {
    let i = 0;
    for (; i + POST_ROWS <= posts.length; i += POST_ROWS) {
      for (let j = 0; j < POST_ROWS; j += 1) setPostParams(manyParams, j * 8, posts[i + j] as PostRecord, at);
      putPosts.run(manyParams);
    }
    for (; i < posts.length; i += 1) {
      setPostParams(oneParams, 0, posts[i] as PostRecord, at);
      putPost.run(oneParams);
    }
  };
  // The engine hands over every active author of each batch: an unchanged link is not rewritten
  // (its updated_at stays the time the link last changed), which spares a page write per author.
  // (One row a run: multi-row upserts measured no faster.)
  const putIdentity = db.prepare<[string, string, string, string, number, string]>(
    'INSERT INTO identities (key, contact_id, handle, method, confidence, updated_at) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT (key) DO UPDATE SET contact_id = excluded.contact_id, handle = excluded.handle, method = excluded.method, ' +
      'confidence = excluded.confidence, updated_at = excluded.updated_at WHERE contact_id IS NOT excluded.contact_id ' +
      'OR handle IS NOT excluded.handle OR method IS NOT excluded.method OR confidence IS NOT excluded.confidence',
  );
  const resolveLetters = db.prepare<[string]>('DELETE FROM dead_letters WHERE post_id = ?');
  const addLetter = db.prepare<[string, string, string]>('INSERT INTO dead_letters (post_id, code, body) VALUES (?, ?, ?)');
  const hasLetters = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM dead_letters) AS n');
  return {
    getCheckpoint: db.prepare('SELECT value FROM checkpoints WHERE stream = ?'),
    getPosts: keyReader<PostRow>(db, 'posts', POST_COLUMNS, 'post_id'),
    getIdentities: keyReader<IdentityRow>(db, 'identities', IDENTITY_COLUMNS, 'key'),
    someIdentities: db.prepare<[number], IdentityRow>(`SELECT ${IDENTITY_COLUMNS} FROM identities LIMIT ?`).raw(true) as unknown as Database.Statement<[number], IdentityRow>,
    pageDeadLetters: db.prepare('SELECT id, body FROM dead_letters WHERE id > ? ORDER BY id LIMIT ?'),
    pageDeadLettersOfCode: db.prepare('SELECT id, body FROM dead_letters WHERE code = ? AND id > ? ORDER BY id LIMIT ?'),
    deleteDeadLetter: db.prepare('DELETE FROM dead_letters WHERE id = ?'),
    dropPostsBefore: db.prepare('DELETE FROM posts WHERE at IS NOT NULL AND at < ?'),
    clearHolder: db.prepare("DELETE FROM meta WHERE key = 'holder'"),
    addSuggestion: db.prepare(
      'INSERT INTO suggestions (identity_key, handle, contact_id, similar_contact_id, similar_contact_name, score, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    pageSuggestions: db.prepare('SELECT * FROM suggestions WHERE id > ? ORDER BY id LIMIT ?'),
    commit(change, at, identities) {
      if (change.checkpoint !== undefined) setCheckpoint.run(change.stream, change.checkpoint);
      // With no letters at all (the usual case) a synced post has none to resolve: skip the probes.
      const anyLetters = change.posts.length > 0 && hasLetters.get()?.n === 1;
      putAllPosts(change.posts, at);
      if (anyLetters) for (const p of change.posts) if (p.outcome !== 'dead') resolveLetters.run(p.postId);
      for (const i of inKeyOrder(identities)) putIdentity.run(i.key, i.contactId, i.handle, i.method, i.confidence, i.updatedAt);
      for (const letter of change.deadLetters) {
        if (!isLinePostId(letter.postId)) resolveLetters.run(letter.postId);
        addLetter.run(letter.postId, letter.code, JSON.stringify(letter));
      }
    },
  };
}
