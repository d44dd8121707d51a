import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { runAndKill } from '../../fixtures/run-and-kill.js';

const dir = mkdtempSync(join(tmpdir(), 'crm-kill9-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('localCrmAdapter under kill -9', () => {
  it('has every reported plan wholly and no plan in part after each kill', async () => {
    const path = join(dir, 'crm.json');
    let reported = 0;
    for (const [round, delay] of [40, 250, 120].entries()) {
      const run = await runAndKill(['crm', path, round === 1 ? 'fsync' : 'flush', '32768'], delay + Math.random() * 80);
      reported = Math.max(reported, run.lastCommitted);
      const crm = localCrmAdapter({ path });
      const doc = crm.snapshot();
      const plans = doc.contacts.length;
      expect(plans).toBeGreaterThanOrEqual(reported);
      expect(plans).toBeGreaterThan(0);
      // Each plan n wrote contact u<n>, Cases n-1..n-3 and comments n-c1, n-c2: all or nothing.
      expect(doc.contacts.map((c) => c.socialIds[0]?.id)).toEqual(Array.from({ length: plans }, (_, i) => `u${i + 1}`));
      expect(doc.cases).toHaveLength(3 * plans);
      expect(doc.comments).toHaveLength(2 * plans);
      expect(new Set(doc.cases.map((c) => c.id)).size).toBe(3 * plans);
      expect(doc.cases.at(-1)?.externalPostId).toBe(`twitter:${plans}-3`);
      expect(doc.cases.at(-1)?.caseNumber).toBe(String(1000 + 3 * plans).padStart(8, '0'));
      expect(doc.comments.at(-1)?.externalPostId).toBe(`twitter:${plans}-c2`);
      await crm.close();
      reported = plans;
    }
  });
});
