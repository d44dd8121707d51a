/**
 * The Salesforce adapter (jsforce): lookups batched into a few SOQL queries, writes packed into
 * Composite calls of sObject Collections upserts keyed by External IDs, comments exactly once,
 * session refresh and error codes through the engine's hooks, API usage from `Sforce-Limit-Info`.
 */
import type { Connection } from 'jsforce';
import type { CrmAdapter, CrmCallContext, CrmCapabilities, FieldLimits } from '../types.js';
import type { SetupCheckOptions, SetupCheckReport } from '../../model/setup-check.js';
import { ConfigError } from '../../errors.js';
import { applySalesforce } from './apply-retry.js';
import { checkOrg } from './check.js';
import { classifySalesforceError } from './classify-error.js';
import {
  DEFAULT_API_VERSION,
  DEFAULT_LOGIN_URL,
  SalesforceCommentsSchema,
  SalesforceFieldsSchema,
  SalesforceStatusesSchema,
  salesforceUrlProblem,
  type SalesforceAuth,
  type SalesforceComments,
  type SalesforceFields,
  type SalesforceStatuses,
  type SocialObjectsMode,
} from './config.js';
import { describeOrg, type OrgDescription } from './describe.js';
import type { DuplicatePolicy, SalesforceEnv } from './env.js';
import { Knowledge } from './knowledge.js';
import { lookupSalesforce } from './lookup.js';
import { repairSocial } from './social.js';
import { createSession, sessionOf, type SalesforceSession, type TokensCallback } from './session.js';

/** Options shared by both ways of building the adapter. */
export interface SalesforceAdapterCommonOptions {
  /** The org's custom fields (defaults: `Social_Post_Id__c`, `Social_Thread_Key__c`, `Social_Author_Id__c`, `Social_Handle__c`). */
  readonly fields?: Partial<SalesforceFields>;
  /** `CaseComment` (default) or `FeedItem`, and whether comments are published. */
  readonly comments?: Partial<SalesforceComments>;
  /** Statuses of new and reopened Cases (default `New`, `Working`). */
  readonly statuses?: Partial<SalesforceStatuses>;
  /**
   * Social Customer Service objects: `auto` (default) detects SocialPersona / SocialPost in the describe,
   * `on` makes `--check` require them, `off` skips them. Where the org has them (and the mode is not
   * `off`), each Case and comment also gets a SocialPost, each author a SocialPersona.
   */
  readonly socialObjects?: SocialObjectsMode;
  /**
   * A Contact flagged by the org's duplicate rules: `fail` (default; a dead letter naming the
   * duplicate), `allowSave` (save anyway: `Sforce-Duplicate-Rule-Header: allowSave=true`) or
   * `useDuplicate` (take the Contact the rule reports).
   */
  readonly duplicates?: DuplicatePolicy;
  /** Called with new tokens after each login or refresh (a rotated refresh token included). */
  readonly onTokens?: TokensCallback;
}

/** Build from a jsforce Connection the caller already has. */
export interface SalesforceConnectionOptions extends SalesforceAdapterCommonOptions {
  readonly connection: Connection;
  /** API version of every call (default: the connection's when set above 50.0, else 62.0). */
  readonly apiVersion?: string;
}

/** Build from credentials of one of the four flows. */
export interface SalesforceAuthOptions extends SalesforceAdapterCommonOptions {
  readonly auth: SalesforceAuth;
  /** Default `https://login.salesforce.com`. */
  readonly loginUrl?: string;
  /** Required with `access_token`; else learned from the token reply. */
  readonly instanceUrl?: string;
  /** Default `62.0`. */
  readonly apiVersion?: string;
}

/** Options of {@link salesforceAdapter}. */
export type SalesforceAdapterOptions = SalesforceConnectionOptions | SalesforceAuthOptions;

/** The Salesforce adapter, with its connection exposed for scripts. */
export interface SalesforceAdapter extends CrmAdapter {
  readonly name: 'salesforce';
  readonly connection: Connection;
  refreshSession(): Promise<void>;
}

function sessionFor(options: SalesforceAdapterOptions, apiVersion: string): SalesforceSession {
  if ('connection' in options) {
    options.connection.version = apiVersion;
    return sessionOf(options.connection, options.onTokens);
  }
  const loginUrl = options.loginUrl ?? DEFAULT_LOGIN_URL;
  for (const [key, url] of [['loginUrl', loginUrl], ['instanceUrl', options.instanceUrl]] as const) {
    const problem = url === undefined ? undefined : salesforceUrlProblem(key, url);
    if (problem !== undefined) throw new ConfigError(`Salesforce ${key} ${problem}`, { field: `crm.${key}` });
  }
  if (options.auth.flow === 'access_token' && options.instanceUrl === undefined) throw new ConfigError('Salesforce access_token flow: instanceUrl is required', { field: 'crm.instanceUrl' });
  return createSession({ auth: options.auth, loginUrl, instanceUrl: options.instanceUrl, apiVersion, onTokens: options.onTokens });
}

function apiVersionOf(options: SalesforceAdapterOptions): string {
  if (options.apiVersion !== undefined) return options.apiVersion;
  if ('connection' in options && Number(options.connection.version) > 50) return options.connection.version;
  return DEFAULT_API_VERSION;
}

/**
 * Creates the Salesforce adapter. Nothing is sent until the first call; `describe` reads the org
 * (one Composite call) and must come first, as the engine does.
 *
 * @example
 * const crm = salesforceAdapter({ auth: { flow: 'refresh_token', clientId, clientSecret, refreshToken }, onTokens: save });
 */
export function salesforceAdapter(options: SalesforceAdapterOptions): SalesforceAdapter {
  const apiVersion = apiVersionOf(options);
  if (!/^\d{2,3}\.0$/.test(apiVersion)) throw new ConfigError(`Salesforce apiVersion must look like "62.0"`, { field: 'crm.apiVersion' });
  const session = sessionFor(options, apiVersion);
  const connection = session.connection;
  let org: OrgDescription | undefined;
  const statuses = SalesforceStatusesSchema.parse(options.statuses ?? {});
  const env: SalesforceEnv = {
    connection,
    apiVersion,
    fields: SalesforceFieldsSchema.parse(options.fields ?? {}),
    comments: SalesforceCommentsSchema.parse(options.comments ?? {}),
    statuses,
    duplicates: options.duplicates ?? 'fail',
    knowledge: new Knowledge(),
    queryOptions: () => ({ apiVersion, baseUrl: connection.instanceUrl }),
    closedStatuses: () => new Set(org?.statuses.filter((s) => s.isClosed).map((s) => s.value) ?? ['Closed']),
    fieldLimits: (): FieldLimits => {
      if (org === undefined) throw new ConfigError('Salesforce adapter: describe() must run before lookup() and apply()');
      return org.fieldLimits;
    },
    socialObjects: () => org?.socialObjects === true,
    socialSchema: () => (org?.socialObjects === true ? org.social : undefined),
  };
  let lastCtx: CrmCallContext | undefined;
  const ready = async (ctx: CrmCallContext): Promise<void> => {
    if (!connection.accessToken) await ctx.call('login', () => session.ensure());
  };
  const describeNow = async (ctx: CrmCallContext): Promise<OrgDescription> => {
    await ready(ctx);
    org = await describeOrg(connection, { apiVersion, comments: env.comments, socialObjects: options.socialObjects ?? 'auto' }, ctx);
    return org;
  };
  return {
    name: 'salesforce',
    connection,
    async describe(ctx): Promise<CrmCapabilities> {
      const described = await describeNow(ctx);
      const closed = described.statuses.filter((s) => s.isClosed).map((s) => s.value);
      return {
        name: 'salesforce',
        fieldLimits: described.fieldLimits,
        batchSizes: { lookup: 1_000, apply: 1_000 },
        closedStatuses: closed.length > 0 ? closed : ['Closed'],
        newCaseStatus: statuses.new,
        reopenStatus: statuses.reopen,
      };
    },
    async lookup(request, ctx) {
      lastCtx = ctx;
      await ready(ctx);
      if (org === undefined) await describeNow(ctx);
      return lookupSalesforce(env, request, ctx);
    },
    async apply(plan, ctx) {
      lastCtx = ctx;
      await ready(ctx);
      if (org === undefined) await describeNow(ctx);
      return applySalesforce(env, plan, ctx);
    },
    async check(ctx, checkOptions?: SetupCheckOptions): Promise<SetupCheckReport> {
      await ready(ctx);
      return checkOrg({ env, describe: () => describeNow(ctx), socialObjects: options.socialObjects ?? 'auto', ...(checkOptions?.apply === undefined ? {} : { apply: checkOptions.apply }) }, ctx);
    },
    async idle() {
      // SocialPosts a lookup found missing and no apply has created since (a batch with nothing to write).
      if (lastCtx !== undefined && env.knowledge.socialRepairs.size > 0) await repairSocial(env, lastCtx);
    },
    refreshSession: () => session.refresh({ sessionUsed: org !== undefined }),
    classifyError: classifySalesforceError,
  };
}
