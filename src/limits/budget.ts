import type { ServiceUsage, UsageWindow } from '../calls/types.js';
import { BudgetExhaustedError, type BudgetReading } from '../errors.js';

/**
 * The budget figures services reported during one run (`ctx.reportUsage`): the last reading per
 * service for the report, and per budget name for the stop rule.
 */
export class RunBudget {
  private readonly lastByService = new Map<string, BudgetReading>();
  private readonly lastByBudget = new Map<string, { service: string; reading: BudgetReading; window: UsageWindow }>();

  /** @param stopAbove share from which no new batch starts (`limits.stopAbove`). */
  constructor(private readonly stopAbove: number) {}

  /** Records one reading of `service`'s budget. */
  record(service: string, usage: ServiceUsage): void {
    const reading: BudgetReading = {
      used: usage.used,
      limit: usage.limit,
      share: usage.used / usage.limit,
      ...(usage.name === undefined ? {} : { name: usage.name }),
      ...(usage.resetAt === undefined ? {} : { resetAt: usage.resetAt }),
    };
    this.lastByService.set(service, reading);
    this.lastByBudget.set(`${service}\u0000${usage.name ?? ''}`, { service, reading, window: usage.window ?? 'budget' });
  }

  /** The last reading per service, for the report. */
  usage(): Record<string, BudgetReading> {
    return Object.fromEntries(this.lastByService);
  }

  /**
   * The first budget whose last reading is at or above `stopAbove`, as the error that stops the run.
   * Only `budget` windows (daily, monthly allocations) count: a short `rate` window resets within
   * minutes, so it slows the calls (they wait for its reset) and never ends the run.
   */
  exhausted(): BudgetExhaustedError | undefined {
    for (const { service, reading, window } of this.lastByBudget.values()) {
      if (window === 'rate' || reading.share < this.stopAbove) continue;
      const which = reading.name === undefined ? '' : ` (${reading.name})`;
      const percent = (reading.share * 100).toFixed(1);
      const message =
        `${service} budget${which} at ${reading.used}/${reading.limit} (${percent}%), above limits.stopAbove ` +
        `${this.stopAbove}: no new batch started; a rerun resumes from the last checkpoint${reading.resetAt === undefined ? '' : ` (the window resets at ${reading.resetAt})`}`;
      return new BudgetExhaustedError(message, { service, reading });
    }
    return undefined;
  }
}
