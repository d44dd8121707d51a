import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { memoryStateStore } from '../../../src/state/index.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';
import { landedLocal, landedSalesforce, landedSocial, runSample } from './sample-parity.js';

describe('the bundled sample through the engine: Salesforce (emulator, real jsforce) lands what the local CRM lands', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('same Cases, Contacts and comments; a rerun writes nothing; few API calls', async () => {
    const local = localCrmAdapter();
    const localReport = await runSample(local);
    const sf = salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url });
    const state = memoryStateStore();
    const report = await runSample(sf, state);
    const { startedAt: _a, finishedAt: _b, durationMs: _c, crmCalls: _d, crmWrites: _w, usage, ...counts } = report;
    const { startedAt: _e, finishedAt: _f, durationMs: _g, crmCalls: _h, crmWrites: _x, usage: _u, ...localCounts } = localReport;
    expect(counts).toEqual(localCounts);
    // Sforce-Limit-Info reached the engine's budget through ctx.reportUsage.
    expect(usage['salesforce']).toMatchObject({ name: 'api-usage', limit: 15_000, used: expect.any(Number) as number });
    const expected = landedLocal(local.snapshot());
    const landed = landedSalesforce(emulator);
    expect(landed.contacts).toEqual(expected.contacts);
    expect(landed.cases).toEqual(expected.cases);
    expect(landed.comments).toEqual(expected.comments);
    const apiCalls = emulator.calls.entries.reduce((n, e) => n + e.apiCalls, 0);
    expect(apiCalls).toBeLessThan(30);
    // Social objects (auto: the emulated org has them): one SocialPost per Case and comment, one SocialPersona per author.
    const social = landedSocial(emulator);
    expect(social.posts).toEqual([...expected.cases.map((c) => c.split(' ')[0] ?? ''), ...expected.comments.map((c) => c.split(' <- ')[1] ?? '')].map((k) => k.replace(/^twitter:/, 'Twitter:')).sort());
    expect(social.casesWithoutPost).toEqual([]);
    expect(social.orphanPosts).toEqual([]);
    expect(new Set(social.personas).size).toBe(social.personas.length);
    expect(social.personas.length).toBeGreaterThan(0);
    expect(social.outbound).toBe(localReport.outboundComments);
    const linked = emulator.records('SocialPost').filter((p) => p['IsOutbound'] !== true && p['ParentId'] !== undefined);
    expect(linked.some((p) => typeof p['PersonaId'] === 'string')).toBe(true);
    // Every reply points at the SocialPost it answers (a parent written in the same batch: one more round).
    const replies = emulator.records('SocialPost').filter((p) => p['MessageType'] === 'Reply');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.filter((p) => typeof p['ReplyToId'] !== 'string').map((p) => p['ExternalPostId'])).toEqual([]);
    const postIds = new Set(emulator.records('SocialPost').map((p) => p.Id));
    expect(replies.every((p) => postIds.has(String(p['ReplyToId'])))).toBe(true);

    const before = JSON.stringify(emulator.snapshot({ stable: true }));
    const again = await runSample(salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url }), memoryStateStore());
    expect(again.casesCreated + again.commentsAdded + again.outboundComments + again.contactsCreated).toBe(0);
    expect(JSON.stringify(emulator.snapshot({ stable: true }))).toBe(before);
  });

  it('socialObjects: off writes no SocialPost or SocialPersona, and costs fewer calls', async () => {
    const off = await startSalesforceEmulator();
    try {
      await runSample(salesforceAdapter({ auth: { flow: 'access_token', accessToken: off.accessToken }, instanceUrl: off.url, socialObjects: 'off' }), memoryStateStore());
      expect(off.records('SocialPost')).toEqual([]);
      expect(off.records('SocialPersona')).toEqual([]);
      expect(off.records('Case').length).toBeGreaterThan(0);
    } finally {
      await off.close();
    }
  });
});

describe('the org’s API budget (Sforce-Limit-Info) through the engine', () => {
  it('stops starting batches above limits.stopAbove (BUDGET_EXHAUSTED, a rerun resumes) and writes nothing more', async () => {
    const emulator = await startSalesforceEmulator({ apiUsed: 14_400, dailyApiLimit: 15_000 });
    try {
      const sf = salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url });
      const error = (await runSample(sf, memoryStateStore(), 100).catch((e: unknown) => e)) as { code?: string };
      expect(error.code).toBe('BUDGET_EXHAUSTED');
      // The describe reply (14,401 of 15,000 = 96 %) was enough to stop before any lookup or write.
      expect(emulator.records('Case')).toEqual([]);
      expect(emulator.calls.entries.filter((e) => e.kind === 'data').length).toBeLessThanOrEqual(2);
    } finally {
      await emulator.close();
    }
  });

  it('REQUEST_LIMIT_EXCEEDED (403, daily allocation used up) stops the run at once, never hammers', async () => {
    const emulator = await startSalesforceEmulator({ apiUsed: 15_000, dailyApiLimit: 15_000 });
    try {
      const sf = salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url });
      const error = (await runSample(sf, memoryStateStore(), 100).catch((e: unknown) => e)) as { code?: string; message?: string };
      expect(error.code, error.message).toBe('BUDGET_EXHAUSTED');
      expect(emulator.calls.entries.filter((e) => e.kind === 'data').length).toBe(1);
    } finally {
      await emulator.close();
    }
  });
});
