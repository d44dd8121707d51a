import type { CrmAdapter } from '../adapters/types.js';
import { RunBudget } from '../limits/budget.js';
import { createCallContext, type LimitedCallContext } from '../limits/call-context.js';
import type { LimiterPool } from '../limits/call-limiter.js';
import type { LimitsConfig } from '../limits/config.js';
import type { SocialSource } from '../sources/types.js';

/** The service name of a source: its `service`, else the part of its `id` before the first `:`. */
export function sourceService(source: SocialSource): string {
  if (source.service !== undefined && source.service !== '') return source.service;
  const head = source.id.split(':')[0];
  return head === undefined || head === '' ? source.id : head;
}

/** The call contexts of one run (the CRM's and the source's) and the budget their usage reports feed. */
export interface RunCalls {
  readonly crm: LimitedCallContext;
  readonly source: LimitedCallContext;
  readonly budget: RunBudget;
}

/** Options of {@link runCalls}. */
export interface RunCallsOptions {
  readonly crm: CrmAdapter;
  readonly source: SocialSource;
  readonly limiters: LimiterPool;
  readonly limits: LimitsConfig;
  readonly signal: AbortSignal | undefined;
}

/**
 * One call context per service for a run: the service's limiter (shared across runs), the hooks of
 * the adapter or source (`classifyError`, `refreshSession`), the run's abort signal, and the run's
 * budget (`reportUsage`).
 */
export function runCalls({ crm, source, limiters, limits, signal }: RunCallsOptions): RunCalls {
  const budget = new RunBudget(limits.stopAbove);
  const onUsage = (service: string, usage: Parameters<RunBudget['record']>[1]): void => budget.record(service, usage);
  const context = (service: string, hooks: CrmAdapter | SocialSource): LimitedCallContext =>
    createCallContext({ service, limiter: limiters.get(service), limits, hooks, onUsage, ...(signal === undefined ? {} : { signal }) });
  return { crm: context(crm.name, crm), source: context(sourceService(source), source), budget };
}
