/**
 * `--check --apply`: the connector's permission set, created or updated through the Metadata API
 * (`upsertMetadata` of a PermissionSet: created when missing, else updated, matched by fullName).
 * It grants read and edit field-level security on the connector's custom fields and the object
 * permissions the connector needs (Case and Contact read/create/edit; SocialPost and SocialPersona
 * too where the org has them). CaseComment and FeedItem take their access from the Case.
 * Assigning it to the integration user is left to the admin (printed as the fix).
 */
import type { SetupCheckItem } from '../../model/setup-check.js';
import type { CrmCallContext } from '../types.js';
import type { SalesforceEnv } from './env.js';

/** API name of the permission set `--check --apply` maintains. */
export const PERMISSION_SET_NAME = 'Social_CRM_Connector';

/** The PermissionSet metadata for `fields` (`Object.Field__c`) and `objects`. */
export function permissionSetMetadata(fields: readonly string[], objects: readonly string[]): Record<string, unknown> {
  return {
    fullName: PERMISSION_SET_NAME,
    label: 'Social CRM Connector',
    description: 'Created by social-crm-connector --check --apply: what its integration user needs.',
    fieldPermissions: fields.map((field) => ({ field, editable: true, readable: true })),
    objectPermissions: objects.map((object) => ({ object, allowCreate: true, allowRead: true, allowEdit: true, allowDelete: false, viewAllRecords: false, modifyAllRecords: false })),
  };
}

const ASSIGN_FIX = `Assign it to the integration user: Setup > Users > (the user) > Permission Set Assignments > Edit Assignments > "Social CRM Connector", or \`sf org assign permset --name ${PERMISSION_SET_NAME} --on-behalf-of <username>\``;

/** Upserts the permission set (one Metadata API call) and reports what it did as a check item. */
export async function applyPermissionSet(env: SalesforceEnv, ctx: CrmCallContext, fields: readonly string[], objects: readonly string[]): Promise<SetupCheckItem> {
  const what = `Permission set ${PERMISSION_SET_NAME} (read/edit on ${fields.join(', ')}; create/read/edit on ${objects.join(', ')})`;
  const reply = await ctx.call('metadata-upsert', () => env.connection.metadata.upsert('PermissionSet', permissionSetMetadata(fields, objects)), { kind: 'write' });
  const result = Array.isArray(reply) ? reply[0] : reply;
  if (result?.success === true) {
    return { what, ok: true, applied: true, detail: `${result.created ? 'created' : 'updated'} through the Metadata API; not assigned yet`, fix: ASSIGN_FIX };
  }
  return { what, ok: false, applied: false, detail: `Metadata API: ${JSON.stringify(result?.errors ?? 'no reply').slice(0, 300)}`, fix: 'Create it by hand: Setup > Permission Sets > New, then Object Settings and field permissions as listed' };
}
