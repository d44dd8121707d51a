/**
 * The SugarCRM adapter (REST v11 through axios): {@link sugarcrmAdapter} for code,
 * {@link sugarcrmAdapterFromConfig} for the job's `crm:` block. One token manager per adapter; look-ups
 * batched through the filter API; writes through `POST /bulk` with deterministic ids.
 */
import axios, { type AxiosInstance } from 'axios';
import type { VendorErrorClassification } from '../../calls/types.js';
import { ConnectorError } from '../../errors.js';
import type { SetupCheckReport } from '../../model/setup-check.js';
import type { CrmAdapter, CrmCapabilities, FieldLimits } from '../types.js';
import { applySugar } from './apply.js';
import { checkSugar } from './check.js';
import { parseSugarConfig, type SugarCrmConfig, type SugarCrmConfigInput } from './config.js';
import { classifySugarError } from './errors.js';
import { lookupSugar } from './lookup.js';
import { SUGAR_FIELD_LIMITS } from './records.js';
import { sugarSession } from './session.js';
import { SugarTokenManager, type SugarAuth } from './token-manager.js';

/** Options of {@link sugarcrmAdapter}: the job's `crm:` keys (without `type`), plus an axios instance. */
export type SugarCrmAdapterOptions = Omit<SugarCrmConfigInput, 'type'> & {
  /** Refuse `apply` (dry runs, `--check`): look-ups and the setup check still read. */
  readonly readOnly?: boolean;
  /** An axios instance of your own (proxy, agent, interceptors); default: a fresh one with a 60 s timeout. */
  readonly http?: AxiosInstance;
  /** Clock of the token manager (tests). */
  readonly now?: () => number;
};

/** The SugarCRM adapter, with its token manager's counters. */
export interface SugarCrmAdapter extends CrmAdapter {
  readonly name: 'sugarcrm';
  /** The validated settings (the password is in `auth`; never log this object). */
  readonly config: SugarCrmConfig;
  /** Password logins and refresh grants this adapter sent. */
  readonly tokenCounts: { readonly logins: number; readonly refreshes: number };
  refreshSession(): Promise<void>;
  classifyError(error: unknown): VendorErrorClassification | undefined;
  check(ctx: Parameters<NonNullable<CrmAdapter['check']>>[0]): Promise<SetupCheckReport>;
  close(): Promise<void>;
}

/** Most Case ↔ Contact pairs remembered for the `contact_id` of Notes. */
const CASE_CONTACT_MEMORY = 50_000;

/** Builds the adapter from validated settings. */
export function sugarcrmAdapterFromConfig(
  config: SugarCrmConfig,
  extra: { http?: AxiosInstance; now?: () => number; readOnly?: boolean } = {},
): SugarCrmAdapter {
  const http = extra.http ?? axios.create({ timeout: 60_000 });
  const restBase = `${config.baseUrl.replace(/\/+$/, '')}/rest/${config.apiVersion}`;
  const auth: SugarAuth = config.auth;
  const tokens = new SugarTokenManager({ http, restBase, auth, ...(extra.now === undefined ? {} : { now: extra.now }) });
  const session = sugarSession(http, restBase, config.apiVersion, tokens);
  const limits: FieldLimits = { ...SUGAR_FIELD_LIMITS };
  const caseContacts = new Map<string, string>();
  const capabilities: CrmCapabilities = {
    name: 'sugarcrm',
    fieldLimits: limits,
    batchSizes: { lookup: 500, apply: 1000 },
    closedStatuses: [...config.statuses.closed],
    newCaseStatus: config.statuses.new,
    reopenStatus: config.statuses.reopen,
  };
  const remember = (): Map<string, string> => {
    if (caseContacts.size > CASE_CONTACT_MEMORY) caseContacts.clear();
    return caseContacts;
  };
  return {
    name: 'sugarcrm',
    config,
    tokenCounts: tokens.counts,
    describe: (ctx) => ctx.call('describe', async () => structuredClone(capabilities)),
    lookup: (request, ctx) => lookupSugar(session, ctx, request, config, remember()),
    apply: async (plan, ctx) => {
      if (extra.readOnly) throw new ConnectorError('SugarCRM adapter opened read-only (dry run or --check): apply is refused');
      return applySugar(session, ctx, plan, { config, limits, caseContacts: remember() });
    },
    check: (ctx) => checkSugar(session, ctx, config),
    refreshSession: () => tokens.refreshSession(),
    classifyError: classifySugarError,
    async close() {
      tokens.clear();
      caseContacts.clear();
    },
  };
}

/**
 * The SugarCRM adapter: `sugarcrmAdapter({ baseUrl, auth, apiVersion?, http? })`. Settings are
 * checked like the job's `crm:` block (a bad one is a ConfigError naming its key).
 */
export function sugarcrmAdapter(options: SugarCrmAdapterOptions): SugarCrmAdapter {
  const { http, now, readOnly, ...settings } = options;
  const config = parseSugarConfig({ type: 'sugarcrm', ...settings }, '');
  return sugarcrmAdapterFromConfig(config, { ...(http === undefined ? {} : { http }), ...(now === undefined ? {} : { now }), ...(readOnly === undefined ? {} : { readOnly }) });
}
