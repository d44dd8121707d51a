/**
 * The `crm:` block of a job with `type: sugarcrm`, and {@link parseSugarConfig}, which turns it into
 * adapter options. Unknown keys are errors (a typo never passes silently); a bad value is a
 * {@link ConfigError} naming its key, e.g. `crm.baseUrl`.
 */
import { z } from 'zod';
import { displayUrl, isHttpsOrLoopbackUrl, remoteUrlProblem } from '../../model/remote-url.js';
import { ConfigError } from '../../errors.js';
import { configProblems } from '../../model/config-problems.js';


/** True for `https://…`, or `http://` to a loopback host (tests, a local tunnel). */
export const isAllowedBaseUrl = isHttpsOrLoopbackUrl;

/** The REST API version used when neither `crm.apiVersion` nor the URL names one. */
export const DEFAULT_SUGAR_API_VERSION = 'v11';

const ApiVersion = z.string().regex(/^v\d+(_\d+)?$/, 'must look like v11 or v11_4');
/** `<site_url>/rest/<version>` with or without a trailing slash: the REST base as Sugar's docs write it. */
const REST_BASE = /^(.*?)\/rest\/(v\d+(?:_\d+)?)\/*$/i;

/**
 * `crm.baseUrl` is the instance (site) URL; the adapter appends `/rest/<apiVersion>` itself. A URL
 * that already ends in the documented REST base `<site_url>/rest/<version>/` is taken apart here:
 * the site URL is kept and its version used when `crm.apiVersion` is not set.
 */
export function splitRestBase(baseUrl: string): { siteUrl: string; version: string | undefined } {
  const match = REST_BASE.exec(baseUrl.trim());
  if (match === null) return { siteUrl: baseUrl.trim().replace(/\/+$/, ''), version: undefined };
  return { siteUrl: (match[1] ?? '').replace(/\/+$/, ''), version: match[2]?.toLowerCase() };
}

/** Any other `/rest/…` path (an endpoint, a version missing) cannot be the instance URL. */
function restPathProblem(value: string): string | undefined {
  const path = new URL(value.trim()).pathname;
  if (!/\/rest(\/|$)/i.test(path) || REST_BASE.test(value.trim())) return undefined;
  return `must be the instance URL without /rest/… (the adapter adds /rest/<crm.apiVersion>), e.g. https://acme.sugarondemand.com (got ${displayUrl(value)})`;
}

/** A Sugar field API name: letters, digits and underscores (custom fields end in `_c`). */
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a Sugar field name (letters, digits, _)');
const Value = z.string().trim().min(1, 'must not be empty');

/** `crm.auth`: OAuth2 password grant. `platform` must be registered in Admin > Configure API Platforms. */
export const SugarAuthSchema = z.strictObject({
  username: Value,
  password: z.string().min(1, 'must not be empty'),
  clientId: Value.default('sugar'),
  clientSecret: z.string().default(''),
  platform: Value.default('social_sync'),
});

/** `crm.fields`: where the connector keeps its keys (custom fields end in `_c`). */
export const SugarFieldsSchema = z.strictObject({
  caseExternalId: FieldName.default('social_post_id_c'),
  caseThreadKey: FieldName.default('social_thread_key_c'),
  contactExternalId: FieldName.default('social_author_id_c'),
  contactHandle: FieldName.default('twitter'),
  noteExternalId: FieldName.default('social_post_id_c'),
  /** Optional: a Case field (id) holding the Case a reply Case continues; `null` = not written. */
  caseParent: FieldName.nullable().default(null),
});

/** `crm.statuses`: Case status values (Sugar's stock `case_status_dom`; SuiteCRM: `Open_New`, `Open_Assigned`, `Closed_Closed`). */
export const SugarStatusesSchema = z
  .strictObject({
    new: Value.default('New'),
    reopen: Value.default('Assigned'),
    closed: z.array(Value).min(1, 'needs at least one status').default(['Closed', 'Rejected', 'Duplicate']),
  })
  .refine((s) => !s.closed.includes(s.new) && !s.closed.includes(s.reopen), {
    message: 'new and reopen must not be closed statuses',
    path: ['closed'],
  });

/** `crm.priorities`: the connector's priority → Sugar's `case_priority_dom` value. */
export const SugarPrioritiesSchema = z.strictObject({
  High: Value.default('P1'),
  Medium: Value.default('P2'),
  Low: Value.default('P3'),
});

/**
 * The job config's `crm:` block for SugarCRM. Keys as documented in the README ("Connect your
 * SugarCRM"); `relateContact`, `caseSource` and `caseType` are optional extras with safe defaults.
 */
export const SugarCrmConfigSchema = z
  .strictObject({
  type: z.literal('sugarcrm'),
  baseUrl: z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = remoteUrlProblem(value) ?? restPathProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    }),
  apiVersion: ApiVersion.optional(),
  auth: SugarAuthSchema,
  /** Default Account of new Cases; `null` = none sent. */
  accountId: Value.nullable().default(null),
  fields: SugarFieldsSchema.prefault({}),
  statuses: SugarStatusesSchema.prefault({}),
  priorities: SugarPrioritiesSchema.prefault({}),
  /** Sub-requests per `POST /bulk` (each runs in one PHP request on the server: keep it modest). */
  bulkSize: z.number().int().min(1).max(1000).default(20),
  /** How a Case is related to its Contact: the `primary_contact_id` field, or that and the `contacts` link. */
  relateContact: z.enum(['primary_contact_id', 'both']).default('primary_contact_id'),
  /** Value of the Case `source` field (e.g. `Twitter` where `source_dom` has it); `null` = not written. */
  caseSource: Value.nullable().default(null),
  /** Value of the Case `type` field (e.g. `User`); `null` = not written. */
  caseType: Value.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const fromUrl = splitRestBase(v.baseUrl).version;
    if (fromUrl !== undefined && v.apiVersion !== undefined && fromUrl !== v.apiVersion) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseUrl'],
        message: `ends in /rest/${fromUrl} but crm.apiVersion is ${v.apiVersion}: give the instance URL without /rest/… and the version in crm.apiVersion`,
      });
    }
  })
  .transform(({ baseUrl, apiVersion, ...rest }) => {
    const split = splitRestBase(baseUrl);
    return { ...rest, baseUrl: split.siteUrl, apiVersion: apiVersion ?? split.version ?? DEFAULT_SUGAR_API_VERSION };
  });

/** The `crm:` block as written (defaults not yet applied). */
export type SugarCrmConfigInput = z.input<typeof SugarCrmConfigSchema>;
/** The `crm:` block with defaults applied. */
export type SugarCrmConfig = z.output<typeof SugarCrmConfigSchema>;

/**
 * Validates a `crm:` block. Every problem is listed, each with its key under `prefix` (default
 * `crm.`); secrets never appear in the message.
 */
export function parseSugarConfig(input: unknown, prefix = 'crm.'): SugarCrmConfig {
  const parsed = SugarCrmConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = configProblems(parsed.error, prefix.replace(/\.$/, ''));
  throw new ConfigError(`Invalid SugarCRM config: ${problems.map((p) => p.text).join('; ')}`, { field: problems[0]?.key ?? 'crm' });
}
