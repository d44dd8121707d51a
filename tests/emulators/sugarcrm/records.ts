/**
 * The emulator's records: Contacts, Cases and Notes in memory, with Sugar's write rules: a
 * client-supplied `id` on create (a repeat is 422 "Record already exists"), unknown fields silently
 * dropped, `null` never clears a field, required fields NOT enforced (the REST layer does not), and
 * many-to-many links (Cases ↔ Contacts).
 */
import { randomUUID } from 'node:crypto';
import { SugarFault } from './errors.js';
import { compileFilter } from './filter.js';
import { LINKS, type ModuleDefs } from './vardefs.js';

/** One stored record. */
export type SugarRecord = Record<string, unknown>;

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Records of every module. */
export class RecordStore {
  private readonly rows = new Map<string, Map<string, SugarRecord>>();
  private readonly links = new Set<string>();
  private caseNumber = 0;

  constructor(
    readonly defs: ModuleDefs,
    private readonly now: () => number,
  ) {
    for (const module of Object.keys(defs)) this.rows.set(module, new Map());
  }

  /** The records of a module (404 for a module the instance does not have). */
  table(module: string): Map<string, SugarRecord> {
    const table = this.rows.get(module);
    if (table === undefined) throw new SugarFault(404, 'not_found', `Could not find module: ${module}`);
    return table;
  }

  private clean(module: string, data: Record<string, unknown>): SugarRecord {
    const defs = this.defs[module] ?? {};
    const out: SugarRecord = {};
    for (const [key, value] of Object.entries(data)) {
      const def = defs[key];
      if (def === undefined || def.type === 'link' || value === null || value === undefined) continue;
      if (['id', 'date_entered', 'date_modified', 'deleted', 'case_number'].includes(key)) continue;
      if (def.type === 'email') {
        if (!Array.isArray(value)) throw new SugarFault(422, 'invalid_parameter', `Invalid email field: ${key}`);
        out[key] = value.map((e: unknown) => ({ ...(typeof e === 'object' && e !== null ? e : {}) }));
      } else out[key] = typeof value === 'object' ? JSON.stringify(value) : value;
    }
    return out;
  }

  /** `POST /<module>`. */
  create(module: string, data: Record<string, unknown>): SugarRecord {
    const table = this.table(module);
    const given = data['id'];
    const id = typeof given === 'string' && given !== '' ? given : randomUUID();
    if (table.has(id)) throw new SugarFault(422, 'invalid_parameter', `Record already exists: ${id} in module: ${module}`);
    const at = stamp(this.now());
    const row: SugarRecord = { id, date_entered: at, date_modified: at, deleted: false, ...this.clean(module, data) };
    if (module === 'Cases') row['case_number'] = (this.caseNumber += 1);
    if (module === 'Contacts') row['name'] = [row['first_name'], row['last_name']].filter(Boolean).join(' ');
    table.set(id, row);
    return this.view(module, row);
  }

  /** Inserts a record as it is (test set-up: ids and dates of your choice). */
  seed(module: string, row: SugarRecord): void {
    const at = stamp(this.now());
    this.table(module).set(String(row['id']), { date_entered: at, date_modified: at, deleted: false, ...structuredClone(row) });
  }

  /** `PUT /<module>/:id`. */
  update(module: string, id: string, data: Record<string, unknown>): SugarRecord {
    const row = this.get(module, id);
    Object.assign(row, this.clean(module, data), { date_modified: stamp(this.now()) });
    if (module === 'Contacts') row['name'] = [row['first_name'], row['last_name']].filter(Boolean).join(' ');
    return this.view(module, row);
  }

  /** The stored record (404 when absent). */
  get(module: string, id: string): SugarRecord {
    const row = this.table(module).get(id);
    if (row === undefined) throw new SugarFault(404, 'not_found', `Could not find record: ${id} in module: ${module}`);
    return row;
  }

  /** A copy as the API shows it (`_module` added, link fields as id lists). */
  view(module: string, row: SugarRecord, fields?: readonly string[]): SugarRecord {
    const picked: SugarRecord =
      fields === undefined ? structuredClone(row) : Object.fromEntries(['id', 'date_modified', ...fields].filter((k) => k in row).map((k) => [k, structuredClone(row[k])]));
    return { ...picked, _module: module };
  }

  /** `POST /<module>/:record/link/:link_name/:remote_id`: relates two existing records (idempotent). */
  link(module: string, id: string, linkName: string, remoteId: string): { record: SugarRecord; related_record: SugarRecord } {
    const target = LINKS[module]?.[linkName];
    if (target === undefined) throw new SugarFault(404, 'not_found', `Could not find a relationship named: ${linkName}`);
    const row = this.get(module, id);
    const remote = this.get(target.module, remoteId);
    this.links.add(`${module}:${id}:${linkName}:${remoteId}`);
    this.links.add(`${target.module}:${remoteId}:${target.reverse}:${id}`);
    return { record: this.view(module, row), related_record: this.view(target.module, remote) };
  }

  /** Ids linked to a record through a link. */
  linked(module: string, id: string, linkName: string): string[] {
    const prefix = `${module}:${id}:${linkName}:`;
    return [...this.links].filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  }

  /** `POST /<module>/filter`: matching records, newest change first, one page. */
  filter(module: string, filter: unknown, offset: number, maxNum: number, fields?: readonly string[]): { next_offset: number; records: SugarRecord[] } {
    const matches = compileFilter(filter, this.defs[module] ?? {});
    const matching = [...this.table(module).values()]
      .filter((row) => matches(row))
      .sort((a, b) => String(b['date_modified']).localeCompare(String(a['date_modified'])) || String(a['id']).localeCompare(String(b['id'])));
    const page = matching.slice(offset, offset + maxNum);
    const next = offset + page.length < matching.length ? offset + page.length : -1;
    return { next_offset: next, records: page.map((row) => this.view(module, row, fields)) };
  }
}
