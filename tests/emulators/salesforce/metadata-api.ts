import type { CustomFieldSpec } from './options.js';
import type { Runtime } from './runtime.js';
import { findObject, addCustomField } from './schema.js';
import { childValues, elements, escapeXml, soapEnvelope } from './xml-lite.js';

const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

const FIELD_TYPES: Record<string, CustomFieldSpec['type']> = {
  Text: 'string', LongTextArea: 'textarea', TextArea: 'textarea', Email: 'email', Url: 'url', Checkbox: 'boolean',
};

interface SaveResult {
  fullName: string;
  success: boolean;
  errors?: { statusCode: string; message: string; fields?: string }[];
}

function createCustomField(rt: Runtime, values: Record<string, string>, xsiType: string): SaveResult {
  const fullName = values.fullName ?? '';
  const fail = (statusCode: string, message: string): SaveResult => ({ fullName, success: false, errors: [{ statusCode, message }] });
  if (xsiType !== 'CustomField') return fail('INVALID_TYPE', `The emulator's Metadata API only creates CustomField, not ${xsiType}`);
  const [objectName, fieldName] = fullName.split('.');
  const def = objectName ? findObject(rt.org.schema, objectName) : undefined;
  if (!def || !fieldName) return fail('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no CustomObject named ${objectName ?? ''} found`);
  if (!/^[A-Za-z][A-Za-z0-9_]*__c$/.test(fieldName)) return fail('INVALID_NAME', `The field name ${fieldName} must end with __c and use letters, digits and underscores`);
  if (def.byLowerName.has(fieldName.toLowerCase())) return fail('DUPLICATE_DEVELOPER_NAME', `There is already a field named ${fieldName} on ${def.name}.`);
  const type = FIELD_TYPES[values.type ?? ''];
  if (!type) return fail('FIELD_INTEGRITY_EXCEPTION', `The emulator cannot create fields of type ${values.type ?? '(none)'}`);
  if (type !== 'boolean' && !values.length) return fail('FIELD_INTEGRITY_EXCEPTION', 'Length: You must enter a value');
  addCustomField(def, {
    name: fieldName, type,
    ...(values.label ? { label: values.label } : {}),
    ...(values.length ? { length: Number(values.length) } : {}),
    externalId: values.externalId === 'true', unique: values.unique === 'true', caseSensitive: values.caseSensitive === 'true',
  });
  return { fullName, success: true };
}

function resultXml(result: SaveResult): string {
  const errors = (result.errors ?? [])
    .map((e) => `<errors><message>${escapeXml(e.message)}</message><statusCode>${e.statusCode}</statusCode></errors>`)
    .join('');
  return `<result>${errors}<fullName>${escapeXml(result.fullName)}</fullName><success>${result.success}</success></result>`;
}

/** createMetadata for CustomField: the field appears in describes, queries and writes at once. */
export function handleCreateMetadata(rt: Runtime, envelope: string): string {
  const results = elements(envelope, 'metadata').map(({ attributes, inner }) => {
    const xsiType = /xsi:type="(?:\w+:)?(\w+)"/.exec(attributes)?.[1] ?? '';
    return createCustomField(rt, childValues(inner), xsiType);
  });
  return soapEnvelope(METADATA_NS, `<createMetadataResponse>${results.map(resultXml).join('')}</createMetadataResponse>`);
}
