/** The prepared statements of the SQLite state store, and the body of one batch commit. */
import type Database from 'better-sqlite3';
import { isLinePostId } from '../state-doc.js';
import type { IdentityRecord, PostRecord, StateCommit } from '../types.js';
import type { DeadLetterRow, IdentityRow, PostRow } from './rows.js';

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
/** Rows of one multi-row identity upsert (6 parameters a row). */
const IDENTITY_ROWS = 50;
/** The parameters of one `posts` row. */
type PostParams = [string, string, string, string | null, string | null, string, string | null, string];

/** Prepared once per open store. */
export interface Statements {
  readonly getCheckpoint: Database.Statement<[string], { value: string | null }>;
  /** The known posts among a JSON array of post ids. */
  readonly getPosts: Database.Statement<[string], PostRow>;
  /** The known identities among a JSON array of keys. */
  readonly getIdentities: Database.Statement<[string], IdentityRow>;
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
  const putPost = db.prepare<PostParams>(`${postColumns}(?, ?, ?, ?, ?, ?, ?, ?)`);
  const putPosts = db.prepare<PostParams[number][]>(`${postColumns}${Array.from({ length: POST_ROWS }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
  const postParams = (p: PostRecord, at: string): PostParams => [p.postId, p.threadId, p.outcome, p.caseId ?? null, p.recordId ?? null, p.authorKey, p.reason ?? null, p.at ?? at];
  const putAllPosts = (posts: readonly PostRecord[], at: string): void => {
    let i = 0;
    for (; i + POST_ROWS <= posts.length; i += POST_ROWS) {
      const params: PostParams[number][] = [];
      for (let j = i; j < i + POST_ROWS; j += 1) params.push(...postParams(posts[j] as PostRecord, at));
      putPosts.run(...params);
    }
    for (; i < posts.length; i += 1) putPost.run(...postParams(posts[i] as PostRecord, at));
  };
  // The engine hands over every active author of each batch: an unchanged link is not rewritten
  // (its updated_at stays the time the link last changed), which spares a page write per author.
  // Multi-row like the posts; rows of one statement apply in order, as single-row runs would.
  const identityUpsert = (rows: number): string =>
    `INSERT INTO identities (key, contact_id, handle, method, confidence, updated_at) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')} ` +
    'ON CONFLICT (key) DO UPDATE SET contact_id = excluded.contact_id, handle = excluded.handle, method = excluded.method, ' +
    'confidence = excluded.confidence, updated_at = excluded.updated_at WHERE contact_id IS NOT excluded.contact_id ' +
    'OR handle IS NOT excluded.handle OR method IS NOT excluded.method OR confidence IS NOT excluded.confidence';
  const putIdentity = db.prepare<[(string | number)[]]>(identityUpsert(1));
  const putIdentities = db.prepare<[(string | number)[]]>(identityUpsert(IDENTITY_ROWS));
  const putAllIdentities = (identities: readonly IdentityRecord[]): void => {
    const pushRow = (params: (string | number)[], i: IdentityRecord): void => {
      params.push(i.key, i.contactId, i.handle, i.method, i.confidence, i.updatedAt);
    };
    let n = 0;
    for (; n + IDENTITY_ROWS <= identities.length; n += IDENTITY_ROWS) {
      const params: (string | number)[] = [];
      for (let j = n; j < n + IDENTITY_ROWS; j += 1) pushRow(params, identities[j] as IdentityRecord);
      putIdentities.run(params);
    }
    for (; n < identities.length; n += 1) {
      const params: (string | number)[] = [];
      pushRow(params, identities[n] as IdentityRecord);
      putIdentity.run(params);
    }
  };
  const resolveLetters = db.prepare<[string]>('DELETE FROM dead_letters WHERE post_id = ?');
  const addLetter = db.prepare<[string, string, string]>('INSERT INTO dead_letters (post_id, code, body) VALUES (?, ?, ?)');
  const hasLetters = db.prepare<[], { n: number }>('SELECT EXISTS (SELECT 1 FROM dead_letters) AS n');
  return {
    getCheckpoint: db.prepare('SELECT value FROM checkpoints WHERE stream = ?'),
    getPosts: db.prepare('SELECT p.* FROM json_each(?) AS j JOIN posts AS p ON p.post_id = j.value'),
    getIdentities: db.prepare('SELECT i.* FROM json_each(?) AS j JOIN identities AS i ON i.key = j.value'),
    someIdentities: db.prepare('SELECT * FROM identities LIMIT ?'),
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
      putAllIdentities(identities);
      for (const letter of change.deadLetters) {
        if (!isLinePostId(letter.postId)) resolveLetters.run(letter.postId);
        addLetter.run(letter.postId, letter.code, JSON.stringify(letter));
      }
    },
  };
}
