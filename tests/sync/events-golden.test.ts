import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import type { SyncEventName } from '../../src/sync/events.js';
import { ACME, ANN, BRAND, conversation, reply, tweet } from './fixtures.js';

/** Every event a sync emits, except the dry-run plan (not emitted here). */
const EVENTS: readonly SyncEventName[] = [
  'caseCreated', 'caseReopened', 'commentAdded', 'contactCreated', 'contactMatched', 'contactUpdated', 'contactSuggested',
  'postIgnored', 'sourceUnavailable', 'postWarning', 'crmWarning', 'deadLettered', 'replySent', 'batchDone',
];

/** Two runs over the same CRM: the conversation, a rejected line and a bad post; then a reopen and a renamed author. */
function inputs(): { first: unknown[]; second: unknown[] } {
  const first: unknown[] = [...conversation(), { id: 'no-provider' }, tweet('120', 90, { provider: 'twitter', id: '7', handle: '!!!' }, 'hello @AcmeHelp'), tweet('121', 91, { provider: 'twitter', id: '8', handle: 'ann_k2', displayName: 'Ann Kim' }, 'me too @AcmeHelp')];
  const p100 = conversation()[0] as Parameters<typeof reply>[3];
  const second: unknown[] = [
    reply('130', 3000, { ...ANN, handle: 'ann_renamed' }, p100, '@AcmeHelp still down, again!'),
    reply('131', 3001, ACME, p100, '@ann_renamed we are on it', { mentions: ['ann_renamed'] }),
    tweet('132', 3002, { provider: 'twitter', id: '9', handle: 'newbie', displayName: 'Cy Young' }, '@AcmeHelp where is my order'),
  ];
  return { first, second };
}

const CLOCK_FIELDS = new Set(['at', 'updatedAt', 'startedAt', 'finishedAt', 'durationMs']);
/** A JSON copy with the clock's fields masked (same key order). */
const masked = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (CLOCK_FIELDS.has(k) ? 'CLOCK' : v)));

/** Runs both syncs, listening to every event or to none; returns the events (timestamps masked) and the reports. */
async function run(listen: boolean, batchSize: number): Promise<{ events: unknown[]; reports: unknown[] }> {
  const crm = localCrmAdapter();
  const state = memoryStateStore();
  const events: unknown[] = [];
  const reports: unknown[] = [];
  const { first, second } = inputs();
  for (const [n, items] of [first, second].entries()) {
    const sync = createSync({ source: arraySource(items, `array${n}`), crm, state, brand: BRAND, batchSize, limits: { minRetryDelayMs: 1, maxRetryDelayMs: 1 } });
    if (listen) for (const name of EVENTS) sync.on(name, (payload) => events.push([name, masked(payload)]));
    reports.push(masked(await sync.run()));
  }
  return { events, reports };
}

const GOLDEN = join(import.meta.dirname, 'events-golden.json');

describe('events: what listeners get is unchanged by the engine building payloads only for listeners', () => {
  it('a listener of every event gets the recorded events, in the recorded order, with the same key order', async () => {
    const runs = { batch100: await run(true, 100), batch3: await run(true, 3) };
    if (process.env.WRITE_EVENTS_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(runs, null, 1)}\n`);
    expect(JSON.stringify(runs, null, 1)).toBe(readFileSync(GOLDEN, 'utf8').trimEnd());
  });

  it('the report counters are the same whether anyone listens or not', async () => {
    for (const size of [100, 3]) {
      const listened = await run(true, size);
      const silent = await run(false, size);
      expect(silent.events).toEqual([]);
      expect(silent.reports).toEqual(listened.reports);
    }
  });
});
