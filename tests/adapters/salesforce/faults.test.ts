import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index.js';
import { memoryStateStore } from '../../../src/state/index.js';
import { startSalesforceEmulator, type SalesforceEmulator } from '../../emulators/salesforce/index.js';
import { landedLocal, landedSalesforce, landedSocial, runSample } from './sample-parity.js';

/** Post ids a CRM holds, from its comparable form: Case keys and comment markers. */
const postsOf = (landed: { cases: string[]; comments: string[] }): string[] => [
  ...landed.cases.map((c) => c.split(' ')[0] ?? ''),
  ...landed.comments.map((c) => c.split(' <- ')[1] ?? ''),
];

describe('the sample at 30 % injected faults (503, 500, dropped before and after a write, row locks)', () => {
  let emulator: SalesforceEmulator;
  beforeAll(async () => {
    emulator = await startSalesforceEmulator();
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('every post ends in the org or the dead-letter store, nothing twice (reruns resume after a stop)', async () => {
    const local = localCrmAdapter();
    await runSample(local);
    const expected = postsOf(landedLocal(local.snapshot())).sort();
    emulator.setFault({
      // Two writes applied with their replies lost for sure, then 30 % of all requests fail at random.
      script: [{ kind: 'dropAfterApply', match: { path: '/composite', writesOnly: true }, times: 2 }],
      random: { probability: 0.3, kinds: ['http503', 'http500', 'dropBeforeApply', 'dropAfterApply', 'unableToLockRow'], seed: 7 },
    });
    const state = memoryStateStore();
    let finished = false;
    let runs = 0;
    while (!finished && runs < 25) {
      runs += 1;
      // A fresh adapter each run, as a restarted job would have: nothing known but what the org says.
      const crm = salesforceAdapter({ auth: { flow: 'access_token', accessToken: emulator.accessToken }, instanceUrl: emulator.url });
      try {
        await runSample(crm, state, 40);
        finished = true;
      } catch {
        // stopped by an error the engine gave up on: the rerun resumes from the checkpoint
      }
    }
    expect(finished).toBe(true);
    console.log(`faults: ${JSON.stringify(emulator.faultsInjected())}, runs: ${runs}`);
    const injected = emulator.faultsInjected();
    expect(Object.values(injected).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(8);
    expect(injected.dropAfterApply).toBeGreaterThan(0);
    emulator.setFault(undefined);
    const landed = postsOf(landedSalesforce(emulator));
    expect(new Set(landed).size, 'a post landed twice').toBe(landed.length);
    const lettered = new Set((await state.listDeadLetters()).map((d) => `twitter:${d.postId}`));
    const missing = expected.filter((p) => !landed.includes(p) && !lettered.has(p));
    expect(missing, 'posts neither in the org nor dead-lettered').toEqual([]);
    expect(landed.filter((p) => !expected.includes(p)), 'posts the local CRM does not hold').toEqual([]);
    // Social objects on (mode auto): never a SocialPost or SocialPersona twice, none outside the posts that landed.
    const social = landedSocial(emulator);
    expect(social.posts.length).toBeGreaterThan(0);
    expect(new Set(social.posts).size, 'a SocialPost twice').toBe(social.posts.length);
    expect(new Set(social.personas).size, 'a SocialPersona twice').toBe(social.personas.length);
    expect(social.orphanPosts).toEqual([]);
    const landedKeys = new Set(landed.map((k) => k.replace(/^twitter:/, 'Twitter:')));
    expect(social.posts.filter((p) => !landedKeys.has(p))).toEqual([]);
  });
});
