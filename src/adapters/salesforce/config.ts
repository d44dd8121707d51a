/**
 * The job config's `crm:` section for `type: salesforce` (keys exactly as the README documents them).
 * Only `https://` URLs, except loopback hosts (`127.0.0.1`, `::1`, `localhost`) over `http://`, so
 * emulators and tests work; anything else is a config error naming the key. Secrets are never echoed.
 */
import { z } from 'zod';
import { displayUrl, isHttpsOrLoopbackUrl, remoteUrlProblem } from '../../model/remote-url.js';
import { ConfigError } from '../../errors.js';
import { configProblems } from '../../model/config-problems.js';

/** The API version sent on every call when none is configured (jsforce alone would use 50.0). */
export const DEFAULT_API_VERSION = '62.0';
/** Where OAuth logins go when `loginUrl` is not set. */
export const DEFAULT_LOGIN_URL = 'https://login.salesforce.com';


/** True for `https://…`, or `http://` to a loopback host. */
export const isAllowedUrl = isHttpsOrLoopbackUrl;

const secret = z.string().min(1, 'must not be empty');
const text = z.string().trim().min(1, 'must not be empty');
/** The two URL keys of the `crm:` section. */
export type SalesforceUrlKey = 'loginUrl' | 'instanceUrl';

const LIGHTNING_HOST = /\.lightning\.force\.com$/i;

/**
 * Why `value` cannot be `crm.loginUrl` / `crm.instanceUrl`, in words that follow the key, or
 * `undefined` when it can. Both are base URLs: jsforce appends `/services/oauth2/token` and
 * `/services/data/vXX.X` itself, so a pasted endpoint would be asked for twice. A Lightning
 * Experience host (`*.lightning.force.com`) serves the UI, not the API: the My Domain host does.
 */
export function salesforceUrlProblem(key: SalesforceUrlKey, value: string): string | undefined {
  const basic = remoteUrlProblem(value);
  if (basic !== undefined) return basic;
  const url = new URL(value.trim());
  if (LIGHTNING_HOST.test(url.hostname)) {
    const myDomain = url.hostname.replace(LIGHTNING_HOST, '.my.salesforce.com');
    return `is a Lightning Experience URL (*.lightning.force.com), which does not serve the API: use the org's My Domain URL https://${myDomain} (*.my.salesforce.com) instead`;
  }
  if (url.pathname.replace(/\/+$/, '') === '' && url.search === '' && url.hash === '') return undefined;
  const got = `(got ${displayUrl(value)})`;
  return key === 'loginUrl'
    ? `must be the base URL with no path, e.g. https://login.salesforce.com, https://test.salesforce.com or the My Domain URL https://MyDomainName.my.salesforce.com — not the token endpoint ${got}`
    : `must be the org's base URL with no path, e.g. https://MyDomainName.my.salesforce.com; the API version goes in crm.apiVersion ${got}`;
}

function remoteUrl(key: SalesforceUrlKey) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = salesforceUrlProblem(key, value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((s) => s.replace(/\/+$/, ''));
}
/** A Salesforce API name such as `Social_Post_Id__c`. */
const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must be a Salesforce field API name such as Social_Post_Id__c');

/** `crm.auth` — one of the four OAuth flows the connector supports. */
export const SalesforceAuthSchema = z.discriminatedUnion('flow', [
  z.strictObject({ flow: z.literal('access_token'), accessToken: secret }),
  z.strictObject({ flow: z.literal('refresh_token'), clientId: text, clientSecret: secret.optional(), refreshToken: secret }),
  z
    .strictObject({
      flow: z.literal('jwt'),
      clientId: text,
      username: text,
      privateKeyFile: text.optional(),
      privateKey: secret.optional(),
    })
    .superRefine((v, ctx) => {
      if ((v.privateKey === undefined) === (v.privateKeyFile === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['privateKeyFile'], message: 'give exactly one of privateKeyFile or privateKey' });
      }
    }),
  z
    .strictObject({
      flow: z.literal('password'),
      username: text,
      password: secret,
      securityToken: secret.optional(),
      clientId: text.optional(),
      clientSecret: secret.optional(),
    })
    .superRefine((v, ctx) => {
      if (v.clientSecret !== undefined && v.clientId === undefined) {
        ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'is required with clientSecret' });
      }
    }),
]);
/** Credentials of one flow. */
export type SalesforceAuth = z.output<typeof SalesforceAuthSchema>;
/** The name of an auth flow. */
export type SalesforceAuthFlow = SalesforceAuth['flow'];

/** `crm.fields` — the org's custom fields the connector keys its records on. */
export const SalesforceFieldsSchema = z.strictObject({
  caseExternalId: apiName.default('Social_Post_Id__c'),
  caseThreadKey: apiName.default('Social_Thread_Key__c'),
  contactExternalId: apiName.default('Social_Author_Id__c'),
  contactHandle: apiName.default('Social_Handle__c'),
});
/** Field API names the adapter uses. */
export type SalesforceFields = z.output<typeof SalesforceFieldsSchema>;

/** `crm.comments` — where a post that joins a Case goes. */
export const SalesforceCommentsSchema = z.strictObject({
  object: z.enum(['CaseComment', 'FeedItem']).default('CaseComment'),
  published: z.boolean().default(false),
});
/** Comment settings. */
export type SalesforceComments = z.output<typeof SalesforceCommentsSchema>;

/** `crm.statuses` — Case statuses of new and reopened Cases (closed values come from the org's describe). */
export const SalesforceStatusesSchema = z.strictObject({
  new: text.default('New'),
  reopen: text.default('Working'),
});
/** Status settings. */
export type SalesforceStatuses = z.output<typeof SalesforceStatusesSchema>;

/** `crm.socialObjects` — SocialPersona / SocialPost: detected (`auto`), required by `--check` (`on`) or skipped (`off`); this version does not write them yet. */
export const SocialObjectsModeSchema = z.enum(['auto', 'on', 'off']);
/** Social objects mode. */
export type SocialObjectsMode = z.output<typeof SocialObjectsModeSchema>;

/** The whole `crm:` section with `type: salesforce`. Unknown keys are errors. */
export const SalesforceCrmConfigSchema = z
  .strictObject({
    type: z.literal('salesforce'),
    loginUrl: remoteUrl('loginUrl').default(DEFAULT_LOGIN_URL),
    instanceUrl: remoteUrl('instanceUrl').optional(),
    apiVersion: z.string().regex(/^\d{2,3}\.0$/, 'must be an API version such as "62.0"').default(DEFAULT_API_VERSION),
    auth: SalesforceAuthSchema,
    tokenFile: text.optional(),
    fields: SalesforceFieldsSchema.prefault({}),
    comments: SalesforceCommentsSchema.prefault({}),
    socialObjects: SocialObjectsModeSchema.default('auto'),
    statuses: SalesforceStatusesSchema.prefault({}),
  })
  .superRefine((v, ctx) => {
    if (v.auth.flow === 'access_token' && v.instanceUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['instanceUrl'], message: 'is required with auth.flow access_token' });
    }
  });
/** A validated `crm:` section for Salesforce. */
export type SalesforceCrmConfig = z.output<typeof SalesforceCrmConfigSchema>;
/** The `crm:` section as a user writes it. */
export type SalesforceCrmConfigInput = z.input<typeof SalesforceCrmConfigSchema>;

/**
 * Validates a `crm:` section. Every problem is listed, each with its key (`crm.auth.refreshToken`);
 * the values themselves are never echoed, so a secret in the wrong place never reaches a log.
 */
export function parseSalesforceConfig(raw: unknown, prefix = 'crm'): SalesforceCrmConfig {
  const parsed = SalesforceCrmConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = configProblems(parsed.error, prefix, (issue) =>
    issue.code === 'invalid_union' && issue.path.join('.') === 'auth.flow' ? 'must be one of access_token, refresh_token, jwt, password' : undefined,
  );
  throw new ConfigError(`Config error: ${problems.map((p) => p.text).join('; ')}`, { field: problems[0]?.key ?? prefix });
}
