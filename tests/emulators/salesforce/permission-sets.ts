/**
 * Metadata API `upsertMetadata` for PermissionSet (Metadata API Developer Guide: upsertMetadata,
 * "creates or updates … The fullName field matches the components"; PermissionSet's
 * fieldPermissions `{ field, editable, readable }` and objectPermissions `{ object, allowCreate,
 * allowRead, allowEdit, allowDelete, viewAllRecords, modifyAllRecords }`). Fields and objects it names
 * must exist; edit needs read (FieldPermissions), create/edit need read and delete needs read and edit
 * (ObjectPermissions: "Requires PermissionsRead …", "Requires PermissionsRead and PermissionsEdit"). Results are UpsertResult: `{ created, fullName, success, errors }`.
 */
import type { Runtime } from './runtime.js';
import { findObject } from './schema.js';
import { childValues, elements, elementText, escapeXml } from './xml-lite.js';

/** A permission set as the emulated org holds it. */
export interface PermissionSetDef {
  fullName: string;
  label: string;
  fields: Map<string, { readable: boolean; editable: boolean }>;
  objects: Map<string, { allowCreate: boolean; allowRead: boolean; allowEdit: boolean; allowDelete: boolean }>;
}

const sets = new WeakMap<Runtime, Map<string, PermissionSetDef>>();

/** The emulated org's permission sets by fullName. */
export function permissionSetsOf(rt: Runtime): Map<string, PermissionSetDef> {
  let map = sets.get(rt);
  if (map === undefined) {
    map = new Map();
    sets.set(rt, map);
  }
  return map;
}

interface UpsertResult {
  fullName: string;
  success: boolean;
  created: boolean;
  errors: { statusCode: string; message: string }[];
}

function upsertPermissionSet(rt: Runtime, inner: string): UpsertResult {
  const fullName = elementText(inner.replace(/<(\w+:)?(fieldPermissions|objectPermissions)[\s\S]*?<\/(\w+:)?\2>/g, ''), 'fullName') ?? '';
  const result = (errors: UpsertResult['errors'], created = false): UpsertResult => ({ fullName, success: errors.length === 0, created, errors });
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(fullName) || /__|_$/.test(fullName)) return result([{ statusCode: 'INVALID_NAME', message: `The PermissionSet name ${fullName} is not a valid API name` }]);
  const label = elementText(inner.replace(/<(\w+:)?(fieldPermissions|objectPermissions)[\s\S]*?<\/(\w+:)?\2>/g, ''), 'label') ?? '';
  if (label === '') return result([{ statusCode: 'REQUIRED_FIELD_MISSING', message: 'Required field is missing: label' }]);
  const bool = (v: string | undefined): boolean => v === 'true';
  const errors: UpsertResult['errors'] = [];
  const fields = new Map<string, { readable: boolean; editable: boolean }>();
  for (const { inner: fp } of elements(inner, 'fieldPermissions')) {
    const v = childValues(fp);
    const [objectName = '', fieldName = ''] = (v.field ?? '').split('.');
    const def = findObject(rt.org.schema, objectName);
    if (!def || !def.byLowerName.has(fieldName.toLowerCase())) errors.push({ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `In field: field - no CustomField named ${v.field ?? ''} found` });
    else if (bool(v.editable) && !bool(v.readable)) errors.push({ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Permission Edit ${v.field ?? ''} depends on permission(s): Read ${v.field ?? ''}` });
    else fields.set(`${def.name}.${def.byLowerName.get(fieldName.toLowerCase())?.name ?? fieldName}`, { readable: bool(v.readable), editable: bool(v.editable) });
  }
  const objects = new Map<string, { allowCreate: boolean; allowRead: boolean; allowEdit: boolean; allowDelete: boolean }>();
  for (const { inner: op } of elements(inner, 'objectPermissions')) {
    const v = childValues(op);
    const def = findObject(rt.org.schema, v.object ?? '');
    const perms = { allowCreate: bool(v.allowCreate), allowRead: bool(v.allowRead), allowEdit: bool(v.allowEdit), allowDelete: bool(v.allowDelete) };
    if (!def) errors.push({ statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `In field: object - no CustomObject named ${v.object ?? ''} found` });
    else if ((perms.allowCreate || perms.allowEdit || perms.allowDelete) && !perms.allowRead) errors.push({ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Permission Create/Edit ${def.name} depends on permission(s): Read ${def.name}` });
    else if (perms.allowDelete && !perms.allowEdit) errors.push({ statusCode: 'FIELD_INTEGRITY_EXCEPTION', message: `Permission Delete ${def.name} depends on permission(s): Edit ${def.name}` });
    else objects.set(def.name, perms);
  }
  if (errors.length > 0) return result(errors);
  const all = permissionSetsOf(rt);
  const existing = all.get(fullName);
  // An upsert replaces what it names and keeps the rest of the set, as a deploy of the component does.
  all.set(fullName, {
    fullName,
    label,
    fields: new Map([...(existing?.fields ?? []), ...fields]),
    objects: new Map([...(existing?.objects ?? []), ...objects]),
  });
  return result([], existing === undefined);
}

function resultXml(r: UpsertResult): string {
  const errors = r.errors.map((e) => `<errors><message>${escapeXml(e.message)}</message><statusCode>${e.statusCode}</statusCode></errors>`).join('');
  return `<result><created>${r.created}</created>${errors}<fullName>${escapeXml(r.fullName)}</fullName><success>${r.success}</success></result>`;
}

/** The `<upsertMetadataResponse>` body for an upsertMetadata envelope (PermissionSet only). */
export function upsertMetadataBody(rt: Runtime, envelope: string): string {
  const results = elements(envelope, 'metadata').map(({ attributes, inner }) => {
    const xsiType = /xsi:type="(?:\w+:)?(\w+)"/.exec(attributes)?.[1] ?? '';
    if (xsiType !== 'PermissionSet') return { fullName: elementText(inner, 'fullName') ?? '', success: false, created: false, errors: [{ statusCode: 'INVALID_TYPE', message: `The emulator's upsertMetadata only takes PermissionSet, not ${xsiType}` }] };
    return upsertPermissionSet(rt, inner);
  });
  return `<upsertMetadataResponse>${results.map(resultXml).join('')}</upsertMetadataResponse>`;
}
