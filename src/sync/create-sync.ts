import type { CrmAdapter, CrmCapabilities } from '../adapters/types.js';
import { ConnectorError } from '../errors.js';
import { createCallContext } from '../limits/call-context.js';
import { createServiceLimiter } from '../limits/limiter.js';
import { createMapper } from '../mapping/field-mapping.js';
import { createTriage } from '../triage/triage.js';
import { emptyReport, type SyncReport } from '../model/report.js';
import type { SocialSource, SourcePage } from '../sources/types.js';
import { memoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/types.js';
import { DryRunCrm } from './dry-run.js';
import { DryRunStateStore } from './dry-run-state.js';
import { SyncEventEmitter, type SyncEventHandler, type SyncEventName } from './events.js';
import type { ReportCounters } from './outcomes.js';
import { runBatch, type BatchEnv } from './run-batch.js';
import { parseSyncSettings, type SyncSettings, type SyncSettingsInput } from './settings.js';

/** What {@link createSync} takes: the source, the CRM, optionally the state store, and settings. */
export interface CreateSyncOptions extends SyncSettingsInput {
  readonly source: SocialSource;
  readonly crm: CrmAdapter;
  /** Where checkpoints, post records, identities and dead letters live. Default: in memory. */
  readonly state?: StateStore;
}

/** Options of one run. */
export interface RunOptions {
  /** Stop after this many batches (default: until the source is drained). */
  readonly maxBatches?: number;
  /** Keep polling the source every `intervalMs` after it is drained, until `signal` aborts. */
  readonly watch?: { readonly intervalMs: number };
  /** Stops the run between batches. */
  readonly signal?: AbortSignal;
}

/** A configured sync: run it, listen to its events. */
export interface Sync {
  /** The validated settings. */
  readonly settings: SyncSettings;
  /** Pulls pages from the source and syncs them batch by batch; resolves with the run's report. */
  run(options?: RunOptions): Promise<SyncReport>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): () => void;
  /** Unsubscribes. */
  off<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): void;
  /** Capabilities of the CRM (asked once per sync). */
  capabilities(): Promise<CrmCapabilities>;
  /** Stops the limiter. Does not close the source, CRM or state: their owner does. */
  close(): Promise<void>;
}

/** Waits `ms`, or less when `signal` aborts. Leaves no listener behind either way (a `--watch` run sleeps forever). */
const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Creates a sync from a source, a CRM adapter and settings. Nothing runs until {@link Sync.run}.
 * Throws a `ConfigError` naming the key when a setting is invalid.
 *
 * @example
 * const sync = createSync({ source: jsonlSource({ path }), crm: localCrmAdapter({ path: '.data/crm.json' }) });
 * sync.on('caseCreated', (e) => console.log(e.caseId));
 * const report = await sync.run();
 */
export function createSync(options: CreateSyncOptions): Sync {
  const { source, crm, state: givenState, ...rest } = options;
  const settings = parseSyncSettings(rest);
  const events = new SyncEventEmitter();
  const limiter = createServiceLimiter(settings.limits);
  let calls = 0;
  const call = createCallContext({ service: crm.name, limiter, limits: settings.limits, onCall: () => { calls += 1; } });
  const baseState = givenState ?? memoryStateStore();
  let capabilities: Promise<CrmCapabilities> | undefined;
  const getCapabilities = (): Promise<CrmCapabilities> => (capabilities ??= crm.describe(call));
  const triage = createTriage(settings.triage, settings.brand);

  async function run(runOptions: RunOptions = {}): Promise<SyncReport> {
    const started = new Date();
    const report: ReportCounters = emptyReport(settings.dryRun, started);
    const callsBefore = calls;
    const caps = await getCapabilities();
    const state = settings.dryRun ? new DryRunStateStore(baseState) : baseState;
    const env: BatchEnv = {
      stream: source.id,
      crm,
      call,
      state,
      capabilities: caps,
      triage,
      mapper: createMapper(settings.mapping, caps.fieldLimits),
      brand: settings.brand,
      rules: {
        reopenWindowMs: settings.threads.reopenWindowDays * 86_400_000,
        joinRecentOpenCaseMs: settings.threads.joinRecentOpenCaseHours === null ? undefined : settings.threads.joinRecentOpenCaseHours * 3_600_000,
      },
      events,
      report,
      dryRun: settings.dryRun ? new DryRunCrm() : undefined,
    };
    let cursor = await state.getCheckpoint(source.id);
    report.checkpoint = cursor;
    const limit = Math.min(settings.batchSize, caps.batchSizes.apply);
    let batch = 0;
    const stopped = (): boolean => runOptions.signal?.aborted === true;
    /** True while the source has said it has nothing more (until a page brings something new). */
    let caughtUp = false;
    for (;;) {
      if (stopped()) break;
      if (runOptions.maxBatches !== undefined && batch >= runOptions.maxBatches) break;
      let page: SourcePage;
      try {
        page = await source.pull(cursor, { limit, ...(runOptions.signal === undefined ? {} : { signal: runOptions.signal }) });
      } catch (error) {
        if (stopped()) break; // stopped while reading: nothing of this page was used
        if (runOptions.watch === undefined || !(error instanceof ConnectorError) || !error.retryable) throw error;
        // Watching: a source that may come back (a file mid-rotation) is waited for, not fatal.
        events.emit('sourceUnavailable', { message: error.message });
        await sleep(runOptions.watch.intervalMs, runOptions.signal);
        continue;
      }
      for (const warning of page.warnings ?? []) {
        report.warnings += 1;
        events.emit('postWarning', warning);
      }
      const progressed = page.nextCursor !== cursor || page.posts.length > 0 || page.rejected.length > 0;
      caughtUp = page.done || !progressed;
      if (progressed) {
        batch += 1;
        await runBatch(env, { number: batch, posts: page.posts, rejected: page.rejected, checkpoint: page.nextCursor });
        cursor = page.nextCursor;
        report.crmCalls = calls - callsBefore;
        events.emit('batchDone', { batch, posts: page.posts.length, checkpoint: cursor, report: finish(report, started) });
      }
      if (page.done || !progressed) {
        if (!settings.dryRun) {
          await crm.idle?.();
          await baseState.idle?.();
        }
        if (runOptions.watch === undefined) break;
        await sleep(runOptions.watch.intervalMs, runOptions.signal);
      }
    }
    report.crmCalls = calls - callsBefore;
    report.stoppedEarly = !caughtUp;
    return finish(report, started);
  }

  return {
    settings,
    run,
    on: (event, handler) => events.on(event, handler),
    off: (event, handler) => events.off(event, handler),
    capabilities: getCapabilities,
    close: async () => { await limiter.stop(); },
  };
}

function finish(report: ReportCounters, started: Date): SyncReport {
  const finished = new Date();
  return { ...report, finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime() };
}
