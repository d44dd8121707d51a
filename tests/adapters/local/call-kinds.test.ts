import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import type { CallContext, CallOptions } from '../../../src/calls/types.js';
import { memoryStateStore } from '../../../src/state/index.js';
import { arraySource } from '../../../src/sources/array-source.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { BRAND, conversation } from '../../sync/fixtures.js';

/** A context that records each call's operation and kind. */
function recordingContext(): { ctx: CallContext; seen: string[] } {
  const seen: string[] = [];
  const ctx: CallContext = {
    call: (operation, fn, options?: CallOptions) => {
      seen.push(`${operation}:${options?.kind ?? 'read'}`);
      return fn();
    },
    reportUsage: () => undefined,
  };
  return { ctx, seen };
}

describe('local CRM call kinds', () => {
  it('marks apply as a write and describe/lookup as reads', async () => {
    const crm = localCrmAdapter();
    const { ctx, seen } = recordingContext();
    await crm.describe(ctx);
    await crm.lookup({ identities: [], contactIds: [], threadKeys: [], externalPostIds: [] }, ctx);
    await crm.apply({ contacts: [], cases: [], reopens: [], comments: [] }, ctx);
    expect(seen).toEqual(['describe:read', 'lookup:read', 'apply:write']);
    await crm.close();
  });

  it('a real sync reports its apply round trips as crmWrites (a dry run none)', async () => {
    const crm = localCrmAdapter();
    const run = async (dryRun: boolean) => {
      const sync = createSync({ source: arraySource(conversation()), crm, state: memoryStateStore(), brand: BRAND, dryRun });
      try {
        return await sync.run();
      } finally {
        await sync.close();
      }
    };
    const dry = await run(true);
    expect(dry.crmWrites).toBe(0);
    const real = await run(false);
    expect(real).toMatchObject({ batches: 1, crmCalls: 3, crmWrites: 1 });
    await crm.close();
  });
});
