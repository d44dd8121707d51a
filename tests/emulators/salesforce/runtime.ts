import { ApiBudget } from './api-budget.js';
import { CallLog } from './call-log.js';
import { runComposite } from './composite.js';
import { FaultInjector } from './faults.js';
import { createOrg, type Org } from './org.js';
import { DEFAULT_ACCESS_TOKEN, DEFAULT_DAILY_API_LIMIT, type SalesforceEmulatorOptions } from './options.js';
import { QueryCursors } from './query-routes.js';
import type { ApiContext } from './router.js';
import { Sessions } from './sessions.js';

/** The emulator's mutable state, shared by the HTTP pipeline and the programmatic API. */
export interface Runtime {
  options: SalesforceEmulatorOptions;
  org: Org;
  api: ApiContext;
  sessions: Sessions;
  faults: FaultInjector;
  calls: CallLog;
  accessToken: string;
  latencyMs: number;
  /** Set for the request being dispatched when its fault is unableToLockRow. */
  lockRowPending: boolean;
  /** Base URL once listening. */
  url: string;
}

export function createRuntime(options: SalesforceEmulatorOptions): Runtime {
  const runtime = {} as Runtime;
  const org = createOrg(options, () => {
    const pending = runtime.lockRowPending;
    runtime.lockRowPending = false;
    return pending;
  });
  const sessions = new Sessions(org.orgId, options.auth?.sessionLifetimeMs);
  const firstUser = options.auth?.users?.[0]?.username ?? 'integration@emulator.invalid';
  const accessToken = options.auth?.accessToken ?? DEFAULT_ACCESS_TOKEN;
  sessions.addAccessToken(accessToken, firstUser);
  for (const token of options.auth?.refreshTokens ?? []) sessions.addRefreshToken(token, firstUser);
  Object.assign(runtime, {
    options, org, sessions, accessToken,
    api: {
      org,
      cursors: new QueryCursors(org, options.queryBatchSize ?? 2000),
      budget: new ApiBudget(options.apiUsed ?? 0, options.dailyApiLimit ?? DEFAULT_DAILY_API_LIMIT),
      composite: runComposite,
    },
    faults: new FaultInjector(options.faults),
    calls: new CallLog(),
    latencyMs: options.latencyMs ?? 0,
    lockRowPending: false,
    url: '',
  });
  return runtime;
}
