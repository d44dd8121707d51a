import type { SObjectRecord } from './types.js';

type Normalize = (value: unknown) => string | undefined;

interface FieldIndex {
  field: string;
  normalize: Normalize;
  ids: Map<string, Set<string>>;
}

/** In-memory tables of records by object name, with field indexes and savepoints for rollbacks. */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
  private readonly indexes = new Map<string, Map<string, FieldIndex>>();
  private readonly undo: (() => void)[] = [];

  private table(type: string): Map<string, SObjectRecord> {
    let table = this.tables.get(type);
    if (!table) {
      table = new Map();
      this.tables.set(type, table);
    }
    return table;
  }

  private indexEntries(type: string, record: SObjectRecord, add: boolean): void {
    for (const index of this.indexes.get(type)?.values() ?? []) {
      const key = index.normalize(record[index.field]);
      if (key === undefined) continue;
      let ids = index.ids.get(key);
      if (add) {
        if (!ids) index.ids.set(key, (ids = new Set()));
        ids.add(record.Id);
      } else {
        ids?.delete(record.Id);
        if (ids?.size === 0) index.ids.delete(key);
      }
    }
  }

  private put(type: string, record: SObjectRecord): void {
    const table = this.table(type);
    const old = table.get(record.Id);
    if (old) this.indexEntries(type, old, false);
    table.set(record.Id, record);
    this.indexEntries(type, record, true);
  }

  private remove(type: string, id: string): void {
    const table = this.table(type);
    const old = table.get(id);
    if (!old) return;
    this.indexEntries(type, old, false);
    table.delete(id);
  }

  insert(type: string, record: SObjectRecord): void {
    this.put(type, record);
    this.undo.push(() => this.remove(type, record.Id));
  }

  /** Replaces the record with a merged copy (so savepoints can restore the old one). */
  update(type: string, id: string, changes: Record<string, unknown>): SObjectRecord {
    const before = this.table(type).get(id);
    if (!before) throw new Error(`no ${type} ${id}`);
    const after: SObjectRecord = { ...before, ...changes, Id: before.Id };
    this.put(type, after);
    this.undo.push(() => this.put(type, before));
    return after;
  }

  delete(type: string, id: string): void {
    const before = this.table(type).get(id);
    if (!before) return;
    this.remove(type, id);
    this.undo.push(() => this.put(type, before));
  }

  get(type: string, id: string): SObjectRecord | undefined {
    return this.tables.get(type)?.get(id);
  }

  all(type: string): SObjectRecord[] {
    return [...(this.tables.get(type)?.values() ?? [])];
  }

  /**
   * Records whose `field` normalises to the same key as `value`. The index (named `indexName`, one
   * per normalisation) is built on first use, then kept up to date by every write and rollback.
   */
  findBy(type: string, field: string, value: unknown, normalize: Normalize, indexName = field): SObjectRecord[] {
    let byField = this.indexes.get(type);
    if (!byField) this.indexes.set(type, (byField = new Map()));
    let index = byField.get(indexName);
    if (!index) {
      index = { field, normalize, ids: new Map() };
      byField.set(indexName, index);
      for (const record of this.table(type).values()) {
        const key = normalize(record[field]);
        if (key === undefined) continue;
        let ids = index.ids.get(key);
        if (!ids) index.ids.set(key, (ids = new Set()));
        ids.add(record.Id);
      }
    }
    const key = index.normalize(value);
    if (key === undefined) return [];
    const table = this.table(type);
    return [...(index.ids.get(key) ?? [])].map((id) => table.get(id)).filter((r): r is SObjectRecord => r !== undefined);
  }

  types(): string[] {
    return [...this.tables.keys()];
  }

  /** A point to roll back to. */
  savepoint(): number {
    return this.undo.length;
  }

  rollbackTo(savepoint: number): void {
    while (this.undo.length > savepoint) this.undo.pop()?.();
  }

  /** Forgets undo history up to now (a finished top-level request). */
  commit(): void {
    this.undo.length = 0;
  }
}
