import type { DuplicateRuleSpec, SalesforceEmulatorOptions } from './options.js';
import { RecordIdFactory } from './record-ids.js';
import { buildSchema, type OrgSchema } from './schema.js';
import { RecordStore } from './store.js';

/** Everything the record layer needs: schema, tables, ids and the org's identity. */
export interface Org {
  schema: OrgSchema;
  store: RecordStore;
  ids: RecordIdFactory;
  orgId: string;
  userId: string;
  now: () => Date;
  /** Next CaseNumber, as the auto-number field does. */
  nextCaseNumber: () => string;
  /** Fault hook: true when the next record written must fail with UNABLE_TO_LOCK_ROW. */
  takeLockRowFault: () => boolean;
  duplicateRules: DuplicateRuleSpec[];
  /** `Sforce-Duplicate-Rule-Header: allowSave=true` on the request being run. */
  allowDuplicateSave: boolean;
}

/** Creates the org with its CaseStatus rows seeded from the options. */
export function createOrg(options: SalesforceEmulatorOptions, takeLockRowFault: () => boolean): Org {
  const ids = new RecordIdFactory();
  const schema = buildSchema(options);
  const store = new RecordStore();
  let caseNumber = 1000;
  const org: Org = {
    schema, store, ids,
    orgId: ids.next('00D'),
    userId: ids.next('005'),
    now: () => new Date(),
    nextCaseNumber: () => String((caseNumber += 1)).padStart(8, '0'),
    takeLockRowFault,
    duplicateRules: options.duplicateRules ?? [],
    allowDuplicateSave: false,
  };
  const stamp = new Date().toISOString();
  schema.statuses.forEach((status, index) => {
    store.insert('CaseStatus', {
      Id: ids.next('01J'), MasterLabel: status.label, ApiName: status.label, SortOrder: index + 1,
      IsDefault: Boolean(status.isDefault), IsClosed: status.isClosed, IsDeleted: false,
      CreatedDate: stamp, CreatedById: org.userId, LastModifiedDate: stamp, LastModifiedById: org.userId,
      SystemModstamp: stamp,
    });
  });
  store.commit();
  return org;
}

/** Salesforce's datetime format in JSON replies: `2024-05-01T10:00:00.000+0000`. */
export function sfDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}
