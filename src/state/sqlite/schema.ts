/** The tables of the SQLite state store, created on first open; `PRAGMA user_version` is their version. */
import type Database from 'better-sqlite3';
import { ConfigError } from '../../errors.js';

/** Version of the tables below; a file of a newer version is refused rather than misread. */
export const SCHEMA_VERSION = 3;

/**
 * One row per stream, post, identity and dead letter. Post records and identities are keyed by their
 * external ids (`WITHOUT ROWID`: the key is the table, no second copy in an index); dead letters are
 * indexed by post id (resolving a letter when its post syncs) and by code. Posts have no index by
 * thread (no statement reads by thread; version 3 dropped the one of older files: it cost every
 * post a second B-tree insert).
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (stream TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS posts (
  post_id TEXT PRIMARY KEY,
  thread_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  case_id TEXT,
  record_id TEXT,
  author_key TEXT NOT NULL,
  reason TEXT,
  at TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS identities (
  key TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL,
  handle TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence REAL NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  post_id TEXT NOT NULL,
  code TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_by_post ON dead_letters (post_id);
CREATE INDEX IF NOT EXISTS dead_letters_by_code ON dead_letters (code, id);
CREATE TABLE IF NOT EXISTS suggestions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  identity_key TEXT NOT NULL,
  handle TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  similar_contact_id TEXT NOT NULL,
  similar_contact_name TEXT NOT NULL,
  score REAL NOT NULL,
  at TEXT NOT NULL
);
`;

/**
 * Creates the tables in a new file, or brings a file of an older version up to this one (version 2
 * added `suggestions`, version 3 dropped the unused index `posts_by_thread`); checks the version.
 */
export function ensureSchema(db: Database.Database, path: string): void {
  const version = Number(db.pragma('user_version', { simple: true }));
  if (version > SCHEMA_VERSION) {
    throw new ConfigError(`State file ${path} was written by a newer version of the connector (schema ${version}; this one reads ${SCHEMA_VERSION})`, { field: 'state.path' });
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(TABLES);
    db.exec('DROP INDEX IF EXISTS posts_by_thread');
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
