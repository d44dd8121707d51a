import type { FieldDef, ObjectDef, OrgSchema } from './schema.js';

const SOAP_TYPES: Record<string, string> = {
  id: 'tns:ID', reference: 'tns:ID', boolean: 'xsd:boolean', datetime: 'xsd:dateTime', date: 'xsd:date',
  double: 'xsd:double', int: 'xsd:int',
};

function urls(def: ObjectDef, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${def.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function describeField(field: FieldDef): Record<string, unknown> {
  return {
    name: field.name, label: field.label, type: field.type, length: field.length,
    byteLength: field.type === 'id' || field.type === 'reference' ? 18 : field.length * 3,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    nillable: field.nillable, createable: field.createable, updateable: field.updateable,
    defaultedOnCreate: field.defaultedOnCreate, filterable: field.filterable, sortable: field.sortable,
    groupable: field.filterable && field.type !== 'textarea', idLookup: field.idLookup,
    externalId: field.externalId, unique: field.unique, caseSensitive: field.caseSensitive,
    custom: field.custom, calculated: false, autoNumber: field.name === 'CaseNumber',
    nameField: field.name === 'Name' || field.name === 'CaseNumber', permissionable: field.custom || field.nillable,
    deprecatedAndHidden: false, htmlFormatted: false, encrypted: false, restrictedPicklist: field.restrictedPicklist,
    dependentPicklist: false, cascadeDelete: false, restrictedDelete: false, polymorphicForeignKey: field.referenceTo.length > 1,
    referenceTo: field.referenceTo, relationshipName: field.relationshipName, relationshipOrder: null,
    defaultValue: field.defaultPicklistValue ?? (field.type === 'boolean' ? false : null),
    picklistValues: field.picklistValues.map((value) => ({
      active: true, defaultValue: value === field.defaultPicklistValue, label: value, validFor: null, value,
    })),
    precision: 0, scale: 0, digits: 0,
  };
}

/** GET /sobjects/{T}/describe, with the keys integrations read (fields, flags, picklists, relationships). */
export function describeObject(schema: OrgSchema, def: ObjectDef, version: string): Record<string, unknown> {
  return {
    name: def.name, label: def.label, labelPlural: def.labelPlural, keyPrefix: def.keyPrefix,
    custom: false, customSetting: false, createable: def.createable, updateable: def.createable,
    deletable: def.createable, queryable: true, retrieveable: true, searchable: def.createable,
    layoutable: def.createable, triggerable: def.createable, undeletable: def.createable,
    mergeable: def.name === 'Case' || def.name === 'Contact', replicateable: true, feedEnabled: def.name === 'Case',
    activateable: false, deprecatedAndHidden: false,
    childRelationships: def.children
      .filter((c) => schema.objects.has(c.childSObject.toLowerCase()))
      .map((c) => ({ ...c, cascadeDelete: c.childSObject !== def.name, deprecatedAndHidden: false, restrictedDelete: false, junctionIdListNames: [], junctionReferenceTo: [] })),
    fields: def.fields.map(describeField),
    recordTypeInfos: [],
    urls: urls(def, version),
  };
}

/** GET /sobjects: the global describe. */
export function describeGlobal(schema: OrgSchema, version: string): Record<string, unknown> {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...schema.objects.values()].map((def) => ({
      name: def.name, label: def.label, labelPlural: def.labelPlural, keyPrefix: def.keyPrefix,
      custom: false, customSetting: false, createable: def.createable, updateable: def.createable,
      deletable: def.createable, queryable: true, retrieveable: true, searchable: def.createable,
      layoutable: def.createable, triggerable: def.createable, replicateable: true, deprecatedAndHidden: false,
      activateable: false, feedEnabled: def.name === 'Case', mergeable: def.name === 'Case' || def.name === 'Contact',
      undeletable: def.createable, urls: urls(def, version),
    })),
  };
}
