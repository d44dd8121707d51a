import type { OrgSchema } from './schema.js';
import type { RecordStore } from './store.js';
import type { SObjectRecord } from './types.js';

/** Records by object name; with `stable`, ids and timestamps are replaced so two runs compare equal. */
export type EmulatorSnapshot = Record<string, Record<string, unknown>[]>;

const VOLATILE = new Set([
  'Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'CreatedById', 'LastModifiedById', 'OwnerId',
  'CaseNumber', 'ClosedDate',
]);

function ownKey(record: SObjectRecord, referenceFields: Set<string>): string {
  const entries = Object.entries(record).filter(([k]) => !VOLATILE.has(k) && !referenceFields.has(k));
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/** Builds a JSON-serialisable copy of the org's records (CaseStatus left out). */
export function takeSnapshot(schema: OrgSchema, store: RecordStore, stable: boolean): EmulatorSnapshot {
  const types = store.types().filter((t) => t !== 'CaseStatus').sort();
  if (!stable) return Object.fromEntries(types.map((t) => [t, store.all(t).map((r) => ({ ...r }))]));
  const labels = new Map<string, string>();
  const references = new Map<string, Set<string>>();
  for (const type of types) {
    const def = schema.objects.get(type.toLowerCase());
    const refs = new Set(def?.fields.filter((f) => f.type === 'reference').map((f) => f.name) ?? []);
    references.set(type, refs);
    const unique = def?.fields.find((f) => f.unique && f.externalId);
    const sorted = [...store.all(type)].sort((a, b) => ownKey(a, refs).localeCompare(ownKey(b, refs)));
    sorted.forEach((r, i) => {
      const key = unique && typeof r[unique.name] === 'string' ? `${type}:${String(r[unique.name])}` : `${type}#${i + 1}`;
      labels.set(r.Id, key);
    });
  }
  const out: EmulatorSnapshot = {};
  for (const type of types) {
    const refs = references.get(type) ?? new Set<string>();
    out[type] = store.all(type)
      .map((r) => {
        const copy: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r)) {
          if (VOLATILE.has(k)) continue;
          copy[k] = refs.has(k) && typeof v === 'string' ? labels.get(v) ?? v : v;
        }
        return copy;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}
