import { RecordError } from './errors.js';
import type { Org } from './org.js';
import type { ObjectDef } from './schema.js';

const MESSAGE = 'Use one of these records?';

function same(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a === '' || b === '') return false;
  return a.toLowerCase() === b.toLowerCase();
}

/** Parses `Sforce-Duplicate-Rule-Header: allowSave=true; includeRecordDetails=…`. */
export function allowSaveFromHeader(header: string | undefined): boolean {
  return header ? /(?:^|[;,\s])allowSave\s*=\s*true\b/i.test(header) : false;
}

/** Runs the object's duplicate rules on a record about to be saved; DUPLICATES_DETECTED when one fires. */
export function checkDuplicateRules(org: Org, def: ObjectDef, record: Record<string, unknown>, selfId: string | undefined, version = '62.0'): void {
  for (const rule of org.duplicateRules) {
    if (rule.object.toLowerCase() !== def.name.toLowerCase()) continue;
    if (rule.action === 'alert' && org.allowDuplicateSave) continue;
    const matches = org.store.all(def.name).filter((other) =>
      other.Id !== selfId && rule.matchFields.every((f) => same(other[f], record[f])));
    if (matches.length === 0) continue;
    const name = rule.name ?? `Standard_${def.name}_Duplicate_Rule`;
    throw new RecordError('DUPLICATES_DETECTED', MESSAGE, [], {
      allowSave: rule.action === 'alert',
      duplicateRule: name,
      duplicateRuleEntityType: def.name,
      errorMessage: MESSAGE,
      matchResults: [{
        entityType: def.name, errors: [], matchEngine: 'ExactMatchEngine', rule: `${name}_Match`, size: matches.length, success: true,
        matchRecords: matches.map((m) => ({
          additionalInformation: [], fieldDiffs: [], matchConfidence: 100,
          record: { attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${m.Id}` }, Id: m.Id },
        })),
      }],
    });
  }
}
