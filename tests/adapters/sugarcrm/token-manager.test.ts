/** The token manager against the emulator: one login shared, proactive refresh, recovery after a second login elsewhere. */
import { afterEach, describe, expect, it } from 'vitest';
import type { LookupRequest } from '../../../src/adapters/types.js';
import { startSugarEmulator, type SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { adapterFor } from './fixtures.js';
import { hookContext } from './hook-context.js';

const nothing: LookupRequest = { identities: [], contactIds: ['none'], threadKeys: [], externalPostIds: [] };
let emulator: SugarEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('SugarCRM token manager', () => {
  it('shares one login between concurrent requests', async () => {
    emulator = await startSugarEmulator();
    const adapter = adapterFor(emulator);
    const ctx = hookContext(adapter);
    await Promise.all(Array.from({ length: 10 }, () => adapter.lookup(nothing, ctx)));
    expect(emulator.auth.counts).toEqual({ logins: 1, refreshes: 0 });
    expect(adapter.tokenCounts).toEqual({ logins: 1, refreshes: 0 });
  });

  it('refreshes at 90 % of expires_in, before Sugar refuses the token', async () => {
    let clock = Date.parse('2026-06-01T00:00:00Z');
    emulator = await startSugarEmulator({ accessTtlSeconds: 100, now: () => clock });
    const adapter = adapterFor(emulator, { now: () => clock });
    const ctx = hookContext(adapter);
    await adapter.lookup(nothing, ctx);
    clock += 89_000;
    await adapter.lookup(nothing, ctx);
    expect(emulator.auth.counts.refreshes).toBe(0);
    clock += 2_000; // 91 s: past 90 %, still valid for Sugar
    await Promise.all([adapter.lookup(nothing, ctx), adapter.lookup(nothing, ctx)]);
    expect(emulator.auth.counts).toEqual({ logins: 1, refreshes: 1 });
    expect(ctx.refreshes).toBe(0);
    expect(emulator.stats.byRoute['POST /Contacts/filter']).toBe(4);
  });

  it('renews once through refreshSession when Sugar refuses an expired token, then replays', async () => {
    let clock = Date.parse('2026-06-01T00:00:00Z');
    emulator = await startSugarEmulator({ accessTtlSeconds: 100, now: () => clock });
    // The adapter's clock lags: it believes the token is fresh, Sugar says it expired.
    const adapter = adapterFor(emulator, { now: () => clock - 200_000 });
    const ctx = hookContext(adapter);
    await adapter.lookup(nothing, ctx);
    clock += 150_000;
    await Promise.all([adapter.lookup(nothing, ctx), adapter.lookup(nothing, ctx), adapter.lookup(nothing, ctx)]);
    expect(emulator.auth.counts).toEqual({ logins: 1, refreshes: 1 });
  });

  it('recovers when a second adapter logs in as the same user on the same platform', async () => {
    emulator = await startSugarEmulator();
    const first = adapterFor(emulator);
    const second = adapterFor(emulator);
    const ctxA = hookContext(first);
    const ctxB = hookContext(second);
    await first.lookup(nothing, ctxA);
    await second.lookup(nothing, ctxB); // ends the first adapter's session (token and refresh token)
    await first.lookup(nothing, ctxA);
    expect(ctxA.refreshes).toBe(1);
    expect(first.tokenCounts).toEqual({ logins: 2, refreshes: 1 });
    await second.lookup(nothing, ctxB);
    expect(second.tokenCounts).toEqual({ logins: 2, refreshes: 1 });
    expect(emulator.auth.counts.logins).toBe(4);
  });

  it('does not log in per request, and a wrong password is an auth failure naming the keys', async () => {
    emulator = await startSugarEmulator();
    const adapter = adapterFor(emulator, { auth: { username: 'admin', password: 'wrong', platform: 'social_sync' } });
    const ctx = hookContext(adapter);
    const error = await adapter.lookup(nothing, ctx).catch((e: unknown) => e);
    expect(String(error)).toContain('crm.auth.password');
    expect(String(error)).not.toContain('wrong');
    expect(adapter.classifyError(error)).toMatchObject({ authFailed: true });
    expect(ctx.attempts).toBe(1);
  });
});
