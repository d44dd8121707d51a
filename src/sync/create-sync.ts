import type { CrmAdapter, CrmCapabilities } from '../adapters/types.js';
import { BudgetExhaustedError, ConnectorError } from '../errors.js';
import { createCallContext } from '../limits/call-context.js';
import { limiterPool, type LimiterOption } from '../limits/call-limiter.js';
import { createMapper } from '../mapping/field-mapping.js';
import type { BrandConfig } from '../triage/brand.js';
import { createTriage, type Triage } from '../triage/triage.js';
import { emptyReport, type SyncReport } from '../model/report.js';
import type { SocialSource, SourcePage } from '../sources/types.js';
import { memoryStateStore } from '../state/memory-store.js';
import type { StateStore } from '../state/types.js';
import { dryRunCrm } from './dry-run.js';
import { DryRunStateStore } from './dry-run-state.js';
import { SyncEventEmitter, type SyncEventHandler, type SyncEventName } from './events.js';
import { runBatch, type BatchEnv } from './run-batch.js';
import { landPendingReplies, sendReply, type ReplyEnv, type ReplyOutcome, type ReplyRequest } from './reply.js';
import { runCalls, sourceService, type RunCalls } from './run-calls.js';
import { sourceStatsOfRun } from './source-stats.js';
import type { ReportCounters } from './settle-report.js';
import { itemRetryPolicy } from './settle-retry.js';
import { parseSyncSettings, requireBrand, resolveBrand, type SyncSettings, type SyncSettingsInput } from './settings.js';

/** What {@link createSync} takes: the source, the CRM, optionally the state store, and settings. */
export interface CreateSyncOptions extends SyncSettingsInput {
  readonly source: SocialSource;
  readonly crm: CrmAdapter;
  /** Where checkpoints, post records, identities and dead letters live. Default: in memory. */
  readonly state?: StateStore;
  /**
   * The limiter of the CRM's service, or a factory asked once per service name (the CRM's `name` and
   * the source's `service`). Default: an in-process limiter per service from `limits`. This is the
   * seam for one API budget shared by many workers (a Redis-backed `schedule`); limiters given here
   * are their owner's to stop, `close()` stops only the ones the sync made.
   */
  readonly limiter?: LimiterOption;
}

/** Options of one run. */
export interface RunOptions {
  /** Stop after this many batches (default: until the source is drained). */
  readonly maxBatches?: number;
  /** Keep polling the source every `intervalMs` after it is drained, until `signal` aborts. */
  readonly watch?: { readonly intervalMs: number };
  /**
   * Stops the run: between batches, and at once inside one (a retry wait, however long, ends; the
   * batch in flight is not committed, and a rerun replays it). The run then resolves with
   * `stoppedEarly: true`.
   */
  readonly signal?: AbortSignal;
}

/** A configured sync: run it, listen to its events. */
export interface Sync {
  /** The validated settings. */
  readonly settings: SyncSettings;
  /**
   * Pulls pages from the source and syncs them batch by batch; resolves with the run's report. When a
   * service's reported budget reaches `limits.stopAbove` no new batch starts and the run rejects with
   * a `BudgetExhaustedError` (its `report` is the report so far; a rerun resumes).
   */
  run(options?: RunOptions): Promise<SyncReport>;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): () => void;
  /** Unsubscribes. */
  off<E extends SyncEventName>(event: E, handler: SyncEventHandler<E>): void;
  /**
   * Answers a synced post back out through the source (a DM thread by DM) and logs the answer on the
   * post's Case as an outbound comment, exactly once (a later poll that reads it is a duplicate).
   * Rejects with a `ReplyError` when the post is unknown, on no Case, or the source cannot reply;
   * in dry-run nothing is sent. Event `replySent`.
   */
  reply(request: ReplyRequest, options?: { readonly signal?: AbortSignal }): Promise<ReplyOutcome>;
  /** Capabilities of the CRM (asked once per sync). */
  capabilities(): Promise<CrmCapabilities>;
  /** Stops the limiters the sync made. Does not close the source, CRM or state: their owner does. */
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
 * Throws a `ConfigError` naming the key when a setting is invalid, and one naming `brand` when the
 * brand names no handle or id: unless the source can name its account (`brandIdentity()`, asked when
 * the first run starts) or `brand: { none: true }` says no post is the brand's.
 *
 * @example
 * const sync = createSync({ source: jsonlSource({ path }), crm: localCrmAdapter({ path: '.data/crm.json' }), brand: { handles: ['AcmeHelp'] } });
 * sync.on('caseCreated', (e) => console.log(e.caseId));
 * const report = await sync.run();
 */
export function createSync(options: CreateSyncOptions): Sync {
  const { source, crm, state: givenState, limiter, ...rest } = options;
  const settings = parseSyncSettings(rest);
  const events = new SyncEventEmitter();
  const limiters = limiterPool(settings.limits, limiter, crm.name);
  const baseState = givenState ?? memoryStateStore();
  let capabilities: Promise<CrmCapabilities> | undefined;
  const getCapabilities = (ctx = createCallContext({ service: crm.name, limiter: limiters.get(crm.name), limits: settings.limits, hooks: crm })): Promise<CrmCapabilities> =>
    (capabilities ??= crm.describe(ctx));
  requireBrand(settings.brand, source);
  let brandAndTriage: Promise<{ brand: BrandConfig; triage: Triage }> | undefined; // asked once: the source may ask its API
  const getBrandAndTriage = () =>
    (brandAndTriage ??= resolveBrand(settings.brand, source).then((brand) => ({ brand, triage: createTriage(settings.triage, brand) }), (error: unknown) => {
      brandAndTriage = undefined;
      throw error;
    }));

  async function run(runOptions: RunOptions = {}): Promise<SyncReport> {
    const started = new Date();
    const report: ReportCounters = emptyReport(settings.dryRun, started);
    const { signal } = runOptions;
    const calls = runCalls({ crm, source, limiters, limits: settings.limits, signal });
    const stopped = (): boolean => signal?.aborted === true;
    const statsBefore = source.sourceStats?.();
    const tally = (): SyncReport => {
      const stats = source.sourceStats?.();
      return finish({ ...withCalls(report, calls), ...(stats === undefined ? {} : { sourceStats: sourceStatsOfRun(statsBefore, stats) }) }, started);
    };
    let caps: CrmCapabilities;
    try {
      caps = await getCapabilities(calls.crm);
    } catch (error) {
      if (stopped()) return { ...tally(), stoppedEarly: true };
      throw error;
    }
    const { brand, triage } = await getBrandAndTriage();
    const state = settings.dryRun ? new DryRunStateStore(baseState) : baseState;
    const env: BatchEnv = {
      stream: source.id,
      crm: settings.dryRun ? dryRunCrm(crm) : crm,
      call: calls.crm,
      state,
      capabilities: caps,
      triage,
      mapper: createMapper(settings.mapping, caps.fieldLimits),
      brand,
      rules: {
        reopenWindowMs: settings.threads.reopenWindowDays * 86_400_000,
        joinRecentOpenCaseMs: settings.threads.joinRecentOpenCaseHours === null ? undefined : settings.threads.joinRecentOpenCaseHours * 3_600_000,
      },
      events,
      report,
      itemRetry: itemRetryPolicy(settings.limits),
      dryRun: settings.dryRun,
    };
    // Replies sent but not yet on their Case (a run killed in between) land before anything is read.
    if (!settings.dryRun && source.reply !== undefined) await landPendingReplies(replyEnv(calls, caps, state));
    let cursor = await state.getCheckpoint(source.id);
    report.checkpoint = cursor;
    const limit = Math.min(settings.batchSize, caps.batchSizes.apply);
    let batch = 0;
    /** True while the source has said it has nothing more (until a page brings something new). */
    let caughtUp = false;
    /** Ends the run on an error: a budget stop carries the report so far. */
    const fail = (error: unknown): never => {
      if (error instanceof BudgetExhaustedError) {
        throw new BudgetExhaustedError(error.message, { service: error.service, ...(error.reading === undefined ? {} : { reading: error.reading }), report: { ...tally(), stoppedEarly: true }, details: error.details, cause: error.cause });
      }
      throw error;
    };
    for (;;) {
      if (stopped()) break;
      if (runOptions.maxBatches !== undefined && batch >= runOptions.maxBatches) break;
      const exhausted = calls.budget.exhausted();
      if (exhausted !== undefined) fail(exhausted); // stop starting batches: what is committed stays
      let page: SourcePage;
      try {
        page = await source.pull(cursor, { limit, ctx: calls.source, ...(signal === undefined ? {} : { signal }) });
      } catch (error) {
        if (stopped()) break; // stopped while reading: nothing of this page was used
        if (runOptions.watch === undefined || !(error instanceof ConnectorError) || !error.retryable || error instanceof BudgetExhaustedError) fail(error);
        // Watching: a source that may come back (a file mid-rotation) is waited for, not fatal.
        events.emit('sourceUnavailable', { message: error instanceof Error ? error.message : String(error) });
        await sleep(runOptions.watch?.intervalMs ?? 0, signal);
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
        try {
          await runBatch(env, { number: batch, posts: page.posts, rejected: page.rejected, checkpoint: page.nextCursor });
        } catch (error) {
          if (!stopped()) fail(error);
          caughtUp = false; // aborted inside the batch: it was not committed, a rerun replays it
          break;
        }
        cursor = page.nextCursor;
        // The report copy (and the source's stats) only for a listener: a run without one has hundreds of batches.
        if (events.has('batchDone')) events.emit('batchDone', { batch, posts: page.posts.length, checkpoint: cursor, report: tally() });
      }
      if (page.done || !progressed) {
        if (!settings.dryRun) {
          await crm.idle?.();
          await baseState.idle?.();
        }
        if (runOptions.watch === undefined) break;
        await sleep(runOptions.watch.intervalMs, signal);
      }
    }
    report.stoppedEarly = !caughtUp;
    return tally();
  }

  function replyEnv(calls: RunCalls, caps: CrmCapabilities, state: StateStore): ReplyEnv {
    return {
      source,
      provider: sourceService(source),
      crm,
      state,
      crmCall: calls.crm,
      sourceCall: calls.source,
      capabilities: caps,
      mapper: createMapper(settings.mapping, caps.fieldLimits),
      brand: settings.brand,
      events,
      dryRun: settings.dryRun,
    };
  }

  async function reply(request: ReplyRequest, replyOptions: { readonly signal?: AbortSignal } = {}): Promise<ReplyOutcome> {
    const calls = runCalls({ crm, source, limiters, limits: settings.limits, signal: replyOptions.signal });
    const caps = await getCapabilities(calls.crm);
    return sendReply(replyEnv(calls, caps, baseState), request);
  }

  return {
    settings,
    run,
    reply,
    on: (event, handler) => events.on(event, handler),
    off: (event, handler) => events.off(event, handler),
    capabilities: () => getCapabilities(),
    close: () => limiters.stop(),
  };
}

/** The report with the run's call counts and the services' last usage figures. */
function withCalls(report: ReportCounters, calls: RunCalls): ReportCounters {
  report.crmCalls = calls.crm.calls;
  report.crmWrites = calls.crm.writes;
  report.sourceCalls = calls.source.calls;
  report.usage = calls.budget.usage();
  return report;
}

function finish(report: ReportCounters, started: Date): SyncReport {
  const finished = new Date();
  return { ...report, finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime() };
}
