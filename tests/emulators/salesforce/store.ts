import type { SObjectRecord } from './types.js';

/** In-memory tables of records by object name, with savepoints for all-or-none rollbacks. */
export class RecordStore {
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
  private readonly undo: (() => void)[] = [];

  private table(type: string): Map<string, SObjectRecord> {
    let table = this.tables.get(type);
    if (!table) {
      table = new Map();
      this.tables.set(type, table);
    }
    return table;
  }

  insert(type: string, record: SObjectRecord): void {
    const table = this.table(type);
    table.set(record.Id, record);
    this.undo.push(() => table.delete(record.Id));
  }

  /** Replaces the record with a merged copy (so savepoints can restore the old one). */
  update(type: string, id: string, changes: Record<string, unknown>): SObjectRecord {
    const table = this.table(type);
    const before = table.get(id);
    if (!before) throw new Error(`no ${type} ${id}`);
    const after: SObjectRecord = { ...before, ...changes, Id: before.Id };
    table.set(id, after);
    this.undo.push(() => table.set(id, before));
    return after;
  }

  get(type: string, id: string): SObjectRecord | undefined {
    return this.tables.get(type)?.get(id);
  }

  all(type: string): SObjectRecord[] {
    return [...(this.tables.get(type)?.values() ?? [])];
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

  /** Forgets undo history up to now (a committed top-level request). */
  commit(): void {
    this.undo.length = 0;
  }
}
