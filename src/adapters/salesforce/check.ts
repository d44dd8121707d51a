/**
 * `--check [--apply]` for Salesforce: describes Case, Contact and the comment object (one Composite
 * call) and lists exactly which fields, External ID flags, picklist values and permissions are
 * missing. `apply` creates the missing custom fields through the Metadata API (jsforce
 * `metadata.create('CustomField', …)`, one call), checks again, then creates or updates the
 * connector's permission set (`metadata.upsert('PermissionSet', …)`, one call; see permission-set.ts).
 */
import type { SetupCheckItem, SetupCheckReport } from '../../model/setup-check.js';
import type { CrmCallContext } from '../types.js';
import type { OrgDescription } from './describe.js';
import type { SalesforceEnv } from './env.js';
import type { DescribeField, DescribeSObject } from './wire-schemas.js';
import { applyPermissionSet } from './permission-set.js';

/** A custom field the connector needs. */
interface NeededField {
  readonly object: 'Case' | 'Contact';
  readonly name: string;
  readonly label: string;
  readonly externalId: boolean;
  readonly unique: boolean;
}

function neededFields(env: SalesforceEnv): NeededField[] {
  const f = env.fields;
  return [
    { object: 'Case', name: f.caseExternalId, label: 'Social Post Id', externalId: true, unique: true },
    { object: 'Case', name: f.caseThreadKey, label: 'Social Thread Key', externalId: true, unique: false },
    { object: 'Contact', name: f.contactExternalId, label: 'Social Author Id', externalId: true, unique: true },
    { object: 'Contact', name: f.contactHandle, label: 'Social Handle', externalId: false, unique: false },
  ];
}

const fieldFix = (n: NeededField): string =>
  `Setup > Object Manager > ${n.object} > Fields & Relationships > New: Text(255) "${n.label}" (${n.name})${n.externalId ? ', External ID' : ''}${n.unique ? ', Unique' : ''}; or run --check --apply`;

function fieldItem(object: DescribeSObject | undefined, n: NeededField): SetupCheckItem {
  const what = `${n.object}.${n.name} (${[n.externalId ? 'External ID' : 'text', n.unique ? 'unique' : ''].filter(Boolean).join(', ')})`;
  const field = object?.fields.find((x) => x.name.toLowerCase() === n.name.toLowerCase());
  if (field === undefined) return { what, ok: false, detail: object === undefined ? `${n.object} cannot be described` : 'missing (or not visible to the API user)', fix: fieldFix(n) };
  const problems = [
    n.externalId && !field.externalId ? 'not an External ID' : '',
    n.unique && !field.unique ? 'not unique' : '',
    !field.createable || !field.updateable ? 'not editable by the API user (field-level security)' : '',
  ].filter(Boolean);
  return problems.length === 0 ? { what, ok: true, detail: 'found' } : { what, ok: false, detail: problems.join(', '), fix: `Edit ${n.object}.${n.name}: ${problems.join(', ')}; grant edit access in the connector's permission set` };
}

function picklistItem(field: DescribeField | undefined, value: string, what: string, extra?: string): SetupCheckItem {
  const found = field?.picklistValues.find((p) => p.value === value && p.active);
  if (found === undefined) return { what, ok: false, detail: field === undefined ? 'field not visible' : 'missing or inactive', fix: `Setup > Object Manager > Case > Fields & Relationships > ${field?.name ?? 'the field'} > Values > New: "${value}"` };
  return extra === undefined ? { what, ok: true, detail: 'found' } : { what, ok: false, detail: extra, fix: `Use an open status for crm.statuses` };
}

function objectItem(org: OrgDescription, name: string, needs: ('createable' | 'updateable')[]): SetupCheckItem {
  const object = org.objects.get(name);
  const what = `${name} ${needs.join(' and ')} by the API user`;
  if (object === undefined) return { what, ok: false, detail: `cannot describe ${name} (${org.missing.get(name) ?? 'unknown'})`, fix: `Give the API user's permission set Read/Create/Edit on ${name}` };
  const missing = needs.filter((n) => !object[n]);
  return missing.length === 0 ? { what, ok: true, detail: 'yes' } : { what, ok: false, detail: `not ${missing.join(', ')}`, fix: `Give the API user's permission set Create/Edit on ${name}` };
}

/** The check items of a described org. */
export function checkItems(env: SalesforceEnv, org: OrgDescription, socialMode: 'auto' | 'on' | 'off'): SetupCheckItem[] {
  const kase = org.objects.get('Case');
  const status = kase?.fields.find((f) => f.name === 'Status');
  const closed = new Set(org.statuses.filter((s) => s.isClosed).map((s) => s.value));
  const items: SetupCheckItem[] = [
    objectItem(org, 'Case', ['createable', 'updateable']),
    objectItem(org, 'Contact', ['createable', 'updateable']),
    objectItem(org, env.comments.object, ['createable']),
    ...neededFields(env).map((n) => fieldItem(org.objects.get(n.object), n)),
    picklistItem(kase?.fields.find((f) => f.name === 'Origin'), 'Twitter', 'Case.Origin picklist value "Twitter"'),
    picklistItem(status, env.statuses.new, `Case.Status value "${env.statuses.new}" (crm.statuses.new)`, closed.has(env.statuses.new) ? 'is a closed status' : undefined),
    picklistItem(status, env.statuses.reopen, `Case.Status value "${env.statuses.reopen}" (crm.statuses.reopen)`, closed.has(env.statuses.reopen) ? 'is a closed status' : undefined),
  ];
  if (socialMode === 'on') {
    for (const name of ['SocialPersona', 'SocialPost']) items.push(objectItem(org, name, ['createable']));
  }
  return items;
}

/** What `check` needs. */
export interface CheckInput {
  readonly env: SalesforceEnv;
  readonly describe: () => Promise<OrgDescription>;
  readonly apply?: boolean;
  readonly socialObjects?: 'auto' | 'on' | 'off';
}

/** Runs the org check; with `apply`, creates the missing custom fields first (Metadata API) and checks again. */
export async function checkOrg(input: CheckInput, ctx: CrmCallContext): Promise<SetupCheckReport> {
  const { env } = input;
  const mode = input.socialObjects ?? 'auto';
  let org = await input.describe();
  let items = checkItems(env, org, mode);
  if (input.apply === true) {
    const missing = neededFields(env).filter((n) => org.objects.has(n.object) && !org.objects.get(n.object)?.fields.some((f) => f.name.toLowerCase() === n.name.toLowerCase()));
    if (missing.length > 0) {
      const metadata = missing.map((n) => ({
        fullName: `${n.object}.${n.name}`,
        label: n.label,
        type: 'Text',
        length: 255,
        externalId: n.externalId,
        unique: n.unique,
        caseSensitive: false,
      }));
      const replies = await ctx.call('metadata-create', () => env.connection.metadata.create('CustomField', metadata), { kind: 'write' });
      const list = Array.isArray(replies) ? replies : [replies];
      org = await input.describe();
      items = checkItems(env, org, mode).map((item) => {
        const n = missing.find((m) => item.what.startsWith(`${m.object}.${m.name} `));
        if (n === undefined) return item;
        const reply = list.find((r) => r.fullName === `${n.object}.${n.name}`);
        return { ...item, applied: reply?.success === true, ...(reply?.success === true ? { detail: `created through the Metadata API${item.ok ? '' : `; ${item.detail ?? ''}`}` } : { detail: `Metadata API: ${JSON.stringify(reply?.errors ?? 'no reply').slice(0, 200)}` }) };
      });
    }
  }
  if (input.apply === true) {
    const fields = neededFields(env).filter((n) => org.objects.get(n.object)?.fields.some((f) => f.name.toLowerCase() === n.name.toLowerCase())).map((n) => `${n.object}.${n.name}`);
    const objects = ['Case', 'Contact', ...(org.socialObjects ? ['SocialPersona', 'SocialPost'] : [])];
    items = [...items, await applyPermissionSet(env, ctx, fields, objects)];
  }
  return { service: 'salesforce', ready: items.every((i) => i.ok), items };
}
