/**
 * The SQLite state store (`social-crm-connector/sqlite`): its own entry point, so the native
 * `better-sqlite3` module loads only for those who use it.
 */
export { assertSqliteStateFree, sqliteStateStore, type SqliteStateStoreOptions } from './store.js';
export { sqliteLockPathOf } from './lock.js';
export { SCHEMA_VERSION as SQLITE_STATE_SCHEMA_VERSION } from './schema.js';
export { migrateFileStateToSqlite, type MigrationResult } from './migrate.js';
