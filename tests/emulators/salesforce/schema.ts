import {
  CASE, CASE_COMMENT, CASE_STATUS, CONTACT, FEED_ITEM, SOCIAL_PERSONA, SOCIAL_POST,
  type FieldRow, type ObjectRow,
} from './describe-fixture.js';
import {
  DEFAULT_CASE_ORIGINS, DEFAULT_CASE_STATUSES, DEFAULT_CUSTOM_FIELDS,
  type CaseStatusSpec, type CustomFieldSpec, type SalesforceEmulatorOptions,
} from './options.js';

/** One field of the emulated org, with the describe flags the emulator enforces. */
export interface FieldDef {
  name: string;
  label: string;
  type: string;
  length: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  defaultedOnCreate: boolean;
  filterable: boolean;
  idLookup: boolean;
  sortable: boolean;
  externalId: boolean;
  unique: boolean;
  caseSensitive: boolean;
  custom: boolean;
  restrictedPicklist: boolean;
  lengthInBytes: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: string[];
  defaultPicklistValue?: string;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  fields: FieldDef[];
  children: { childSObject: string; field: string; relationshipName: string }[];
  /** Lower-cased field name → definition. */
  byLowerName: Map<string, FieldDef>;
  /** Lower-cased relationship name → reference field. */
  byRelationship: Map<string, FieldDef>;
}

/** The emulated org's schema: objects by lower-cased name. */
export interface OrgSchema {
  objects: Map<string, ObjectDef>;
  statuses: CaseStatusSpec[];
}

function fieldFromRow(row: FieldRow): FieldDef {
  const [name, label, type, length, flags, referenceTo = [], relationshipName = null, picklist = []] = row;
  const has = (flag: string): boolean => flags.includes(flag);
  return {
    name, label, type, length,
    nillable: has('n'), createable: has('c'), updateable: has('u'), defaultedOnCreate: has('d'),
    filterable: has('f'), idLookup: has('i'), sortable: has('o'), externalId: has('x'), unique: has('q'),
    caseSensitive: false, custom: false, restrictedPicklist: has('r'), lengthInBytes: has('b'),
    referenceTo: [...referenceTo], relationshipName, picklistValues: [...picklist],
  };
}

function customField(spec: CustomFieldSpec): FieldDef {
  const type = spec.type ?? 'string';
  const isText = type !== 'boolean';
  const filterable = spec.filterable ?? type !== 'textarea';
  return {
    name: spec.name, label: spec.label ?? spec.name.replace(/__c$/, '').replace(/_/g, ' '), type,
    length: isText ? spec.length ?? 255 : 0,
    nillable: type !== 'boolean', createable: true, updateable: true, defaultedOnCreate: type === 'boolean',
    filterable, idLookup: Boolean(spec.externalId), sortable: filterable,
    externalId: Boolean(spec.externalId), unique: Boolean(spec.unique), caseSensitive: Boolean(spec.caseSensitive),
    custom: true, restrictedPicklist: false, lengthInBytes: false,
    referenceTo: [], relationshipName: null, picklistValues: [],
  };
}

function objectFromRow(row: ObjectRow, custom: CustomFieldSpec[]): ObjectDef {
  const fields = [...row.fields.map(fieldFromRow), ...custom.map(customField)];
  return {
    name: row.name, label: row.label, labelPlural: row.labelPlural, keyPrefix: row.keyPrefix,
    createable: row.createable, fields, children: [...(row.children ?? [])],
    byLowerName: new Map(fields.map((f) => [f.name.toLowerCase(), f])),
    byRelationship: new Map(
      fields.filter((f) => f.relationshipName).map((f) => [String(f.relationshipName).toLowerCase(), f]),
    ),
  };
}

/** Builds the org's schema from the real describes plus the configured custom fields and picklists. */
export function buildSchema(options: SalesforceEmulatorOptions): OrgSchema {
  const customFields = { ...DEFAULT_CUSTOM_FIELDS, ...options.customFields };
  const rows = [CASE, CONTACT, CASE_COMMENT, FEED_ITEM, CASE_STATUS];
  if (options.socialObjects ?? true) rows.push(SOCIAL_PERSONA, SOCIAL_POST);
  const objects = new Map<string, ObjectDef>();
  for (const row of rows) objects.set(row.name.toLowerCase(), objectFromRow(row, customFields[row.name] ?? []));
  const statuses = options.caseStatuses ?? DEFAULT_CASE_STATUSES;
  const caseDef = objects.get('case');
  const status = caseDef?.byLowerName.get('status');
  if (status) {
    status.picklistValues = statuses.map((s) => s.label);
    const defaultStatus = statuses.find((s) => s.isDefault) ?? statuses[0];
    if (defaultStatus) status.defaultPicklistValue = defaultStatus.label;
  }
  const origin = caseDef?.byLowerName.get('origin');
  if (origin) origin.picklistValues = [...(options.caseOrigins ?? DEFAULT_CASE_ORIGINS)];
  const priority = caseDef?.byLowerName.get('priority');
  if (priority) priority.defaultPicklistValue = 'Medium';
  return { objects, statuses };
}

/** Looks up an object case-insensitively, as Salesforce does. */
export function findObject(schema: OrgSchema, name: string): ObjectDef | undefined {
  return schema.objects.get(name.toLowerCase());
}

/** The object whose ids start with `prefix`. */
export function objectForId(schema: OrgSchema, id: string): ObjectDef | undefined {
  const prefix = id.slice(0, 3);
  for (const def of schema.objects.values()) if (def.keyPrefix === prefix) return def;
  return undefined;
}

/** Adds a custom field at run time (the Metadata API's createMetadata). */
export function addCustomField(def: ObjectDef, spec: CustomFieldSpec): FieldDef {
  const field = customField(spec);
  def.fields.push(field);
  def.byLowerName.set(field.name.toLowerCase(), field);
  return field;
}
