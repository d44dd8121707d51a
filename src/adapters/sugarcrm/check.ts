/**
 * `--check` for Sugar: reads `GET /metadata?type_filter=modules&module_filter=Cases,Contacts,Notes`
 * and the dropdowns of the configured values (`GET /Cases/enum/<field>`), and reports every field and
 * value the connector writes that the instance lacks. Sugar silently drops unknown fields, so a typo
 * in `crm.fields` would lose data without an error: this is where it shows.
 */
import { z } from 'zod';
import type { CallContext } from '../../calls/types.js';
import type { SetupCheckItem, SetupCheckReport } from '../../model/setup-check.js';
import type { SugarCrmConfig } from './config.js';
import { isSugarApiError } from './errors.js';
import type { SugarSession } from './session.js';

const FieldDefSchema = z.looseObject({ type: z.string().optional(), options: z.unknown().optional() });
const MetadataSchema = z.looseObject({ modules: z.record(z.string(), z.looseObject({ fields: z.record(z.string(), FieldDefSchema).default({}) })) });
const EnumSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.string())]);
type Fields = Record<string, z.infer<typeof FieldDefSchema>>;

const MODULES = ['Cases', 'Contacts', 'Notes'] as const;

/** The fields the connector writes or reads, per module, with what each is for. */
function neededFields(config: SugarCrmConfig): Record<(typeof MODULES)[number], [string, string][]> {
  const f = config.fields;
  return {
    Cases: [
      ['name', 'subject'],
      ['description', 'post text'],
      ['status', 'status'],
      ['priority', 'priority'],
      ['primary_contact_id', 'Contact of the Case'],
      [f.caseExternalId, 'external post id (crm.fields.caseExternalId)'],
      [f.caseThreadKey, 'thread key (crm.fields.caseThreadKey)'],
      ...(f.caseParent ? ([[f.caseParent, 'parent Case (crm.fields.caseParent)']] as [string, string][]) : []),
      ...(config.accountId === null ? [] : ([['account_id', 'Account (crm.accountId)']] as [string, string][])),
      ...(config.caseSource === null ? [] : ([['source', 'source (crm.caseSource)']] as [string, string][])),
      ...(config.caseType === null ? [] : ([['type', 'type (crm.caseType)']] as [string, string][])),
      ...(config.relateContact === 'both' ? ([['contacts', 'the contacts link (crm.relateContact)']] as [string, string][]) : []),
    ],
    Contacts: [
      ['first_name', 'first name'],
      ['last_name', 'last name'],
      ['email', 'email addresses'],
      [f.contactHandle, 'handle (crm.fields.contactHandle)'],
      [f.contactExternalId, 'author id (crm.fields.contactExternalId)'],
    ],
    Notes: [
      ['name', 'subject'],
      ['description', 'text'],
      ['parent_type', 'parent module'],
      ['parent_id', 'parent Case'],
      ['contact_id', 'author Contact'],
      [f.noteExternalId, 'external post id (crm.fields.noteExternalId)'],
    ],
  };
}

function values(options: unknown): string[] | undefined {
  const parsed = EnumSchema.safeParse(options);
  if (!parsed.success) return undefined;
  return Array.isArray(parsed.data) ? parsed.data : Object.keys(parsed.data);
}

/** Runs the setup check through `ctx`. */
export async function checkSugar(session: SugarSession, ctx: CallContext, config: SugarCrmConfig): Promise<SetupCheckReport> {
  const items: SetupCheckItem[] = [];
  let modules: Record<string, { fields: Fields }>;
  try {
    const params = { type_filter: 'modules', module_filter: MODULES.join(',') };
    modules = (await session.send(ctx, 'metadata', { method: 'GET', path: '/metadata', params }, MetadataSchema)).modules;
    items.push({ what: `Login as ${config.auth.username} on platform ${config.auth.platform}`, ok: true, detail: 'found' });
  } catch (error) {
    if (!(isSugarApiError(error))) throw error;
    items.push({ what: `Login and metadata (${config.auth.username}, platform ${config.auth.platform})`, ok: false, detail: error.message, fix: 'See README "Connect your SugarCRM"' });
    return { service: 'sugarcrm', ready: false, items };
  }
  const needed = neededFields(config);
  for (const module of MODULES) {
    const fields = modules[module]?.fields;
    for (const [name, purpose] of needed[module]) {
      const found = fields?.[name] !== undefined;
      items.push({
        what: `${module}.${name} (${purpose})`,
        ok: found,
        detail: fields === undefined ? `module ${module} not visible to this user` : found ? 'found' : 'missing',
        ...(found ? {} : { fix: `Admin > Studio > ${module} > Fields > Add Field (a TextField named ${name.replace(/_c$/, '')}; Sugar adds the _c)` }),
      });
    }
  }
  const dropdowns: [string, readonly string[]][] = [
    ['status', [config.statuses.new, config.statuses.reopen, ...config.statuses.closed]],
    ['priority', Object.values(config.priorities)],
    ...(config.caseSource === null ? [] : ([['source', [config.caseSource]]] as [string, string[]][])),
    ...(config.caseType === null ? [] : ([['type', [config.caseType]]] as [string, string[]][])),
  ];
  for (const [field, wanted] of dropdowns) {
    const def = modules['Cases']?.fields[field];
    if (def === undefined) continue;
    let have = values(def.options);
    if (have === undefined) {
      try {
        const reply = await session.send(ctx, `enum Cases.${field}`, { method: 'GET', path: `/Cases/enum/${field}` }, EnumSchema);
        have = values(reply) ?? [];
      } catch (error) {
        if (!isSugarApiError(error)) throw error;
        items.push({ what: `Cases.${field} values ${wanted.map((v) => `"${v}"`).join(', ')}`, ok: false, detail: `could not be read: ${error.message}`, fix: `Check Admin > Dropdown Editor by hand, or let the API user read Cases` });
        continue;
      }
    }
    const dom = typeof def.options === 'string' ? def.options : `the ${field} dropdown`;
    for (const value of new Set(wanted)) {
      const found = have.includes(value);
      items.push({
        what: `Cases.${field} value "${value}"`,
        ok: found,
        detail: found ? 'found' : 'missing',
        ...(found ? {} : { fix: `Admin > Dropdown Editor > ${dom}: add "${value}", or change crm.${field === 'status' ? 'statuses' : field === 'priority' ? 'priorities' : field === 'source' ? 'caseSource' : 'caseType'}` }),
      });
    }
  }
  return { service: 'sugarcrm', ready: items.every((i) => i.ok), items };
}
