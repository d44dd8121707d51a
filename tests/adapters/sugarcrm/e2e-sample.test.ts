/**
 * End to end: the bundled sample through the real engine, the real axios and the Sugar emulator
 * (seeded like the local demo CRM) gives the same picture as the local adapter: same report, same
 * Cases per thread with the same statuses and Contacts, same comments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import type { LocalCrmDocument } from '../../../src/adapters/local/schema.js';
import type { SyncReport } from '../../../src/model/report.js';
import { startSugarEmulator, type SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { seedFromLocalCrm } from '../../emulators/sugarcrm/seed-local.js';
import { adapterFor } from './fixtures.js';
import { SEED, syncSample } from './sample-sync.js';

/** The local demo's statuses, so both CRMs speak the same values. */
export const LOCAL_LIKE_STATUSES = { new: 'New', reopen: 'Reopened', closed: ['Closed'] };

const COUNTS = ['postsRead', 'duplicates', 'ignored', 'alreadyInCrm', 'casesCreated', 'casesReopened', 'commentsAdded', 'outboundComments', 'contactsCreated', 'contactsMatched', 'contactsUpdated', 'deadLettered'] as const;
const pick = (r: SyncReport) => Object.fromEntries(COUNTS.map((k) => [k, r[k]]));

describe('e2e: the sample into SugarCRM (emulator) matches the local adapter', () => {
  let dir: string;
  let emulator: SugarEmulator;
  let local: { report: SyncReport; doc: LocalCrmDocument };
  let sugar: SyncReport;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sugar-e2e-'));
    const localCrm = localCrmAdapter({ path: join(dir, 'crm.json'), seed: SEED });
    local = { report: await syncSample(localCrm), doc: localCrm.snapshot() };
    await localCrm.close();
    emulator = await startSugarEmulator();
    seedFromLocalCrm(emulator, SEED);
    const adapter = adapterFor(emulator, { statuses: LOCAL_LIKE_STATUSES });
    sugar = await syncSample(adapter);
  }, 60_000);
  afterAll(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same counts', () => {
    expect(local.report.casesCreated).toBe(128);
    expect(pick(sugar)).toEqual(pick(local.report));
  });

  it('holds the same Cases, statuses, threads, Contacts and comments', () => {
    const socialOfLocal = new Map(local.doc.contacts.map((c) => [c.id, c.socialIds.map((s) => `${s.provider}:${s.id}`)[0] ?? c.id]));
    const sugarContacts = [...emulator.records.table('Contacts').values()];
    const socialOfSugar = new Map(sugarContacts.map((c) => [String(c['id']), String(c['social_author_id_c'] ?? c['id'])]));
    const localCases = local.doc.cases.map((c) => [c.externalPostId, c.threadKey, c.status, socialOfLocal.get(c.contactId ?? '')]).sort();
    const sugarCases = [...emulator.records.table('Cases').values()]
      .map((c) => [c['social_post_id_c'] ?? null, c['social_thread_key_c'] ?? null, c['status'], socialOfSugar.get(String(c['primary_contact_id']))])
      .sort();
    expect(sugarCases).toEqual(localCases);
    const caseKeyLocal = new Map(local.doc.cases.map((c) => [c.id, c.externalPostId]));
    const caseKeySugar = new Map([...emulator.records.table('Cases').values()].map((c) => [String(c['id']), c['social_post_id_c']]));
    const localComments = local.doc.comments.map((c) => [c.externalPostId, caseKeyLocal.get(c.caseId)]).sort();
    const sugarComments = [...emulator.records.table('Notes').values()].map((n) => [n['social_post_id_c'] ?? null, caseKeySugar.get(String(n['parent_id']))]).sort();
    expect(sugarComments).toEqual(localComments);
    expect(sugarContacts).toHaveLength(local.doc.contacts.length);
  });

  it('took few round trips: one login, batched filters and bulk writes', () => {
    expect(emulator.auth.counts).toEqual({ logins: 1, refreshes: 0 });
    expect(emulator.stats.requests).toBeLessThan(60);
  });
});
