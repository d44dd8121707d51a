import { permissionSetsOf, type PermissionSetDef } from './permission-sets.js';
import type { Server } from 'node:http';
import type { CallLog } from './call-log.js';
import { createRecord } from './dml.js';
import { RecordError, RestError } from './errors.js';
import type { FaultKind, FaultPlan } from './faults.js';
import type { SalesforceEmulatorOptions } from './options.js';
import { createRuntime, type Runtime } from './runtime.js';
import { findObject } from './schema.js';
import { listen } from './server.js';
import { takeSnapshot, type EmulatorSnapshot } from './snapshot.js';
import type { SObjectRecord } from './types.js';

/** A running loopback Salesforce org. */
export interface SalesforceEmulator {
  /** `http://127.0.0.1:PORT`: login URL and instance URL at once. */
  readonly url: string;
  /** The configured access token (flow access_token). */
  readonly accessToken: string;
  /** A current API version the emulator serves (any v31.0–v66.0 works). */
  readonly apiVersion: string;
  /** Every request received, with API calls as Salesforce counts them. */
  readonly calls: CallLog;
  /** Stored records by object name (live copies; do not mutate). */
  readonly state: Record<string, SObjectRecord[]>;
  /** Records of one object. */
  records(type: string): SObjectRecord[];
  /** Creates a record directly (validated like the API, no API call charged). */
  insert(type: string, fields: Record<string, unknown>): SObjectRecord;
  /** Daily API usage as reported in Sforce-Limit-Info. */
  apiUsage(): { used: number; limit: number };
  setApiUsage(used: number, limit?: number): void;
  /** Replaces the fault plan (undefined: no faults). */
  setFault(plan: FaultPlan | undefined): void;
  /** Faults injected so far, by kind. */
  faultsInjected(): Record<FaultKind, number>;
  setLatency(ms: number): void;
  setSessionLifetime(ms: number | undefined): void;
  /** Ends every session now: the next data call gets 401 INVALID_SESSION_ID. */
  expireSessions(): void;
  /** Refresh tokens issued by rotation, oldest first. */
  readonly issuedRefreshTokens: readonly string[];
  /** JSON copy of the records; `stable` drops ids/timestamps so two runs compare equal. */
  snapshot(options?: { stable?: boolean }): EmulatorSnapshot;
  /** A permission set created through the Metadata API (upsertMetadata), by fullName. */
  permissionSet(fullName: string): PermissionSetDef | undefined;
  close(): Promise<void>;
}

function api(rt: Runtime, server: Server): SalesforceEmulator {
  return {
    get url() {
      return rt.url;
    },
    accessToken: rt.accessToken,
    apiVersion: '62.0',
    calls: rt.calls,
    get state() {
      return Object.fromEntries(rt.org.store.types().map((t) => [t, rt.org.store.all(t)]));
    },
    records: (type) => rt.org.store.all(findObject(rt.org.schema, type)?.name ?? type),
    insert(type, fields) {
      const def = findObject(rt.org.schema, type);
      if (!def) throw new Error(`The emulated org has no object ${type}`);
      try {
        const record = createRecord(rt.org, def, fields);
        rt.org.store.commit();
        return record;
      } catch (error) {
        rt.org.store.commit();
        if (error instanceof RecordError || error instanceof RestError) throw new Error(`insert ${type}: ${error.message}`);
        throw error;
      }
    },
    apiUsage: () => ({ used: rt.api.budget.used, limit: rt.api.budget.limit }),
    setApiUsage(used, limit) {
      rt.api.budget.used = used;
      if (limit !== undefined) rt.api.budget.limit = limit;
    },
    setFault: (plan) => rt.faults.set(plan),
    faultsInjected: () => ({ ...rt.faults.injected }),
    setLatency(ms) {
      rt.latencyMs = ms;
    },
    setSessionLifetime: (ms) => rt.sessions.setLifetime(ms),
    expireSessions: () => rt.sessions.expireAll(),
    issuedRefreshTokens: rt.sessions.issuedRefreshTokens,
    snapshot: (options) => takeSnapshot(rt.org.schema, rt.org.store, options?.stable ?? false),
    permissionSet: (fullName) => permissionSetsOf(rt).get(fullName),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Starts a loopback Salesforce emulator on 127.0.0.1 (random port unless `options.port`). */
export async function startSalesforceEmulator(options: SalesforceEmulatorOptions = {}): Promise<SalesforceEmulator> {
  const rt = createRuntime(options);
  const server = await listen(rt, options.port ?? 0);
  return api(rt, server);
}
