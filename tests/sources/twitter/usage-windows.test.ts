/**
 * X's windows under the engine: the endpoint's 15-minute window (`x-rate-limit-*`) only slows, the
 * 24-hour ones (`x-app-limit-24hour-*`, `x-user-limit-24hour-*`) are budgets that stop the run at
 * `limits.stopAbove`.
 */
import nock from 'nock';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { BudgetExhaustedError } from '../../../src/errors.js';
import { RunBudget } from '../../../src/limits/budget.js';
import { memoryStateStore } from '../../../src/state/memory-store.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { twitterSource } from '../../../src/sources/twitter/index.js';
import { X } from './fake-x.js';
import { BRAND, fixture } from './helpers.js';

afterEach(() => nock.cleanAll());
const reset = () => String(Math.floor(Date.now() / 1000) + 900);
const rate = (limit: number, remaining: number) => ({ 'content-type': 'application/json', 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': reset() });

function sync() {
  const source = twitterSource({ client: new TwitterApi('b'), streams: { mentions: [BRAND] }, fetchParents: false });
  // Batches of one post: the engine looks at the budgets again before each of the page's 4 posts.
  return createSync({ source, crm: localCrmAdapter(), state: memoryStateStore(), batchSize: 1 });
}

describe('X usage windows', () => {
  it('a 15-minute window at 99 % slows but does not stop the run', async () => {
    nock(X).get(`/2/users/${BRAND}/mentions`).query(true).reply(200, fixture('mentions-with-includes.json'), rate(100, 1));
    const report = await sync().run();
    expect(report).toMatchObject({ postsRead: 4, stoppedEarly: false });
    expect(report.usage['twitter']).toMatchObject({ used: 99, limit: 100 });
  });

  it('an app 24-hour window at 96 % stops the run (BUDGET_EXHAUSTED) with the report so far', async () => {
    nock(X)
      .get(`/2/users/${BRAND}/mentions`)
      .query(true)
      .reply(200, fixture('mentions-with-includes.json'), { ...rate(450, 449), 'x-app-limit-24hour-limit': '100', 'x-app-limit-24hour-remaining': '4', 'x-app-limit-24hour-reset': reset() });
    const error = await sync().run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExhaustedError);
    expect((error as BudgetExhaustedError).message).toContain('(app 24h)');
    expect((error as BudgetExhaustedError).report).toMatchObject({ postsRead: 1, stoppedEarly: true });
  });

  it('the budget rule: rate windows never stop, budget windows (the default, e.g. Salesforce api-usage) do', () => {
    const budget = new RunBudget(0.95);
    budget.record('twitter', { used: 450, limit: 450, name: 'GET /2/users/:id/mentions', window: 'rate' });
    expect(budget.exhausted()).toBeUndefined();
    budget.record('salesforce', { used: 4800, limit: 5000, name: 'api-usage' });
    expect(budget.exhausted()?.service).toBe('salesforce');
  });
});
