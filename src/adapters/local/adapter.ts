/**
 * The embedded reference CRM: Cases, Contacts and comments in one local JSON file (or in memory),
 * behind the same batch-first {@link CrmAdapter} interface as the remote CRMs.
 */
import { ConfigError, ConnectorError } from '../../errors.js';
import { describeIssues, formatPath } from '../../model/validate.js';
import { DEFAULT_IDLE_WRITE_MS, openJournalFile, type Durability, type JournalFile } from '../../files/journal-file.js';
import type { CrmAdapter, CrmCapabilities, FieldLimits } from '../types.js';
import { SALESFORCE_FIELD_LIMITS } from '../../mapping/field-limits.js';
import { planLocal } from './apply-plan.js';
import { LocalCrmDb } from './db.js';
import { lookupLocal } from './lookup.js';
import { isEmptyCrmPath, readSeed } from './seed.js';
import { ByteSink, RowPlaces, serializeChange, type SerializedChange } from './row-places.js';
import nodePath from 'node:path';
import { journalPathOf } from '../../files/journal-file.js';
import { LocalCrmChangeSchema, LocalCrmDocumentSchema, type LocalCrmChange, type LocalCrmDocument } from './schema.js';

export { SALESFORCE_FIELD_LIMITS };

/** Case statuses of the local CRM. A reopened Case gets `Reopened` (not `New`), so reports can tell them apart. */
export const LOCAL_STATUSES = { closed: ['Closed'], new: 'New', reopen: 'Reopened' } as const;

/** Options of {@link localCrmAdapter}. */
export interface LocalCrmOptions {
  /** The CRM file (e.g. `.data/crm.json`, journal and lock file beside it; one process at a time); absent = in memory only. */
  readonly path?: string;
  /** Overrides of the Salesforce field limits. */
  readonly fieldLimits?: Partial<FieldLimits>;
  /** `fsync` (default) or `flush`; see the state journal. */
  readonly durability?: Durability;
  /** Journal bytes that trigger rewriting the file (default 8 MiB). */
  readonly compactBytes?: number;
  /** Clock for `updatedAt` / `closedAt` stamps. */
  readonly now?: () => Date;
  /** Open the file read-only (dry runs): `lookup` works, `apply` throws, `close` writes nothing. */
  readonly readOnly?: boolean;
  /**
   * When the sync has caught up, rewrite the file if it was last written longer ago than this
   * (default 60 s; 0: every time). Between writes the newest changes are in the journal beside it.
   */
  readonly idleWriteMs?: number;
  /**
   * A local CRM file to start from when `path` holds nothing yet (no file, no journal): its records
   * are loaded and, unless read-only, written to `path` at once (under the file's lock).
   */
  readonly seed?: string;
  /** The config key naming `path` (e.g. `crm.path`), for the `details.field` of folder and lock errors. Default: the path. */
  readonly configKey?: string;
}

/** The local CRM adapter, with test helpers beyond {@link CrmAdapter}. */
export interface LocalCrmAdapter extends CrmAdapter {
  readonly name: 'local';
  /** True when this open started the CRM from {@link LocalCrmOptions.seed}. */
  readonly seeded: boolean;
  /** A deep copy of everything in the CRM. */
  snapshot(): LocalCrmDocument;
  /** Writes the file (when the journal holds anything new) and releases it. Further calls throw. */
  close(): Promise<void>;
}

function loadDocument(path: string, snapshot: Record<string, unknown> | undefined): LocalCrmDb {
  if (snapshot === undefined) return new LocalCrmDb();
  const parsed = LocalCrmDocumentSchema.safeParse(snapshot);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const field = first ? formatPath(first.path) : '(root)';
    throw new ConfigError(`Local CRM file ${path} is invalid: ${describeIssues(parsed.error)}`, { field });
  }
  return LocalCrmDb.from(parsed.data, path);
}

/**
 * Opens the local CRM. Every `apply` is one journal commit, so after a crash either all of a plan's
 * changes are in the file or none. A hand-written file (no `seq`, any ids) loads too: id counters
 * continue after the highest numeric ids present.
 */
export function localCrmAdapter(options: LocalCrmOptions = {}): LocalCrmAdapter {
  const limits: FieldLimits = { ...SALESFORCE_FIELD_LIMITS, ...options.fieldLimits };
  const closedStatuses = new Set<string>(LOCAL_STATUSES.closed);
  const now = options.now ?? (() => new Date());
  const capabilities: CrmCapabilities = {
    name: 'local',
    fieldLimits: limits,
    batchSizes: { lookup: 500, apply: 500 },
    closedStatuses: [...LOCAL_STATUSES.closed],
    newCaseStatus: LOCAL_STATUSES.new,
    reopenStatus: LOCAL_STATUSES.reopen,
  };
  const { path } = options;
  let journal: JournalFile<LocalCrmDb, LocalCrmChange> | undefined;
  let memory: LocalCrmDb | undefined;
  let seeded = false;
  /** Where rows sit on disk (see row-places.ts); the journal offsets of the change being committed. */
  let places: RowPlaces | undefined;
  let committing: { readonly serialized: SerializedChange; readonly lineStart: number } | undefined;
  const placeCommitted = (db: LocalCrmDb, change: LocalCrmChange): void => {
    if (!places) return;
    for (const kind of ['contacts', 'cases', 'comments'] as const) {
      change[kind].forEach((row, i) => {
        const at = db.positionOf(kind, row.id);
        if (at === undefined || !places) return;
        const offset = committing?.serialized.offsets[kind][i];
        const bytes = committing?.serialized.bytes[kind][i] ?? 0;
        places.placeInJournal(kind, at, offset === undefined || !committing ? undefined : committing.lineStart + offset, bytes);
      });
    }
  };
  if (path === undefined) memory = new LocalCrmDb();
  else {
    const { seed } = options;
    journal = openJournalFile<LocalCrmDb, LocalCrmChange>({
      path,
      load: (snapshot) => {
        if (snapshot !== undefined || seed === undefined || !isEmptyCrmPath(path)) return loadDocument(path, snapshot);
        seeded = true;
        return loadDocument(seed, readSeed(seed));
      },
      save: (db) =>
        places
          ? { cases: places.source('cases', db.doc), contacts: places.source('contacts', db.doc), comments: places.source('comments', db.doc) }
          : { cases: db.doc.cases, contacts: db.doc.contacts, comments: db.doc.comments },
      saved: () => places?.saved(),
      apply: (db, change) => {
        db.applyChange(change);
        placeCommitted(db, change);
        return db;
      },
      parseChange: (value) => LocalCrmChangeSchema.parse(value),
      ...(options.durability === undefined ? {} : { durability: options.durability }),
      ...(options.compactBytes === undefined ? {} : { compactBytes: options.compactBytes }),
      ...(options.readOnly === undefined ? {} : { readOnly: options.readOnly }),
      ...(options.configKey === undefined ? {} : { configKey: options.configKey }),
    });
    if (options.readOnly !== true) {
      const absolute = nodePath.resolve(path);
      places = new RowPlaces(absolute, journalPathOf(absolute));
    }
  }
  let closed = false;
  const db = (): LocalCrmDb => {
    if (closed) throw new ConnectorError(`local CRM ${path ?? '(memory)'} is closed`);
    return journal?.doc ?? (memory as LocalCrmDb);
  };

  /** One journal commit whose line is built row by row, so each row's bytes in the journal are known. */
  const lineBytes = new ByteSink();
  const commitToJournal = (file: JournalFile<LocalCrmDb, LocalCrmChange>, change: LocalCrmChange): void => {
    const serialized = serializeChange(change, lineBytes);
    committing = { serialized, lineStart: file.journalBytes + `{"seq":${file.seq + 1},"change":`.length };
    try {
      file.commit(change, serialized.json);
    } finally {
      committing = undefined;
    }
  };

  return {
    name: 'local',
    seeded,
    describe: (ctx) => ctx.call('describe', async () => structuredClone(capabilities)),
    lookup: (request, ctx) => ctx.call('lookup', async () => lookupLocal(db(), request, closedStatuses)),
    apply: (plan, ctx) =>
      ctx.call('apply', async () => {
        const { result, change } = planLocal(db(), plan, { limits, closedStatuses, now: now().toISOString() });
        if (change.contacts.length + change.cases.length + change.comments.length > 0) {
          if (journal) commitToJournal(journal, change);
          else db().applyChange(change);
        }
        return result;
      }, { kind: 'write' }),
    async idle() {
      // Caught up with the source: bring the file a user may open up to date (at most once per idleWriteMs).
      if (!closed) journal?.compactIfStale(options.idleWriteMs ?? DEFAULT_IDLE_WRITE_MS);
    },
    snapshot: () => structuredClone(db().doc),
    async close() {
      if (closed) return;
      closed = true;
      journal?.close();
    },
  };
}
