/** Runs the bundled sample through the engine into a CRM, and reads the result in one comparable form. */
import { join } from 'node:path';
import { createSync } from '../../../src/sync/create-sync.js';
import { jsonlSource } from '../../../src/sources/jsonl/index.js';
import type { CrmAdapter } from '../../../src/adapters/types.js';
import type { SyncReport } from '../../../src/model/report.js';
import type { StateStore } from '../../../src/state/types.js';
import type { LocalCrmDocument } from '../../../src/adapters/local/index.js';
import type { SalesforceEmulator } from '../../emulators/salesforce/index.js';

export const ROOT = join(import.meta.dirname, '../../..');
export const SAMPLE = join(ROOT, 'examples/data/sample-posts.jsonl');

/** The demo job's settings (brand, triage) without its CRM and state. */
export const DEMO_SETTINGS = {
  brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
  triage: { rules: [{ name: 'thanks', when: { keywords: ['thanks', 'thank you', 'cheers', 'appreciate it'], maxLength: 80 }, action: 'comment' as const }] },
  batchSize: 200,
};

/** Runs the sample once. */
export async function runSample(crm: CrmAdapter, state?: StateStore, batchSize = DEMO_SETTINGS.batchSize): Promise<SyncReport> {
  const sync = createSync({ ...DEMO_SETTINGS, batchSize, source: jsonlSource({ path: SAMPLE }), crm, ...(state === undefined ? {} : { state }) });
  return sync.run();
}

/** What both CRMs hold, keyed by external ids only (ids differ between CRMs). */
export interface Landed {
  contacts: string[];
  cases: string[];
  comments: string[];
}

/** The local CRM's records in comparable form. */
export function landedLocal(doc: LocalCrmDocument): Landed {
  const contactKey = new Map(doc.contacts.map((c) => [c.id, c.socialIds.map((s) => `${s.provider}:${s.id}`).sort().join(',')]));
  const caseKey = new Map(doc.cases.map((c) => [c.id, c.externalPostId ?? '']));
  return {
    contacts: [...contactKey.values()].sort(),
    cases: doc.cases.map((c) => `${c.externalPostId} thread=${c.threadKey} contact=${contactKey.get(c.contactId ?? '') ?? ''} parent=${caseKey.get(c.parentId ?? '') ?? ''} status=${c.status === 'Reopened' ? 'REOPENED' : c.status} priority=${c.priority}`).sort(),
    comments: doc.comments.map((m) => `${caseKey.get(m.caseId)} <- ${m.externalPostId}`).sort(),
  };
}

/** The emulated org's records in the same form (comments keyed by their marker line). */
export function landedSalesforce(emulator: SalesforceEmulator, reopenStatus = 'Working'): Landed {
  const contacts = emulator.records('Contact');
  const cases = emulator.records('Case');
  const contactKey = new Map(contacts.map((c) => [c.Id, String(c['Social_Author_Id__c'] ?? '')]));
  const caseKey = new Map(cases.map((c) => [c.Id, String(c['Social_Post_Id__c'] ?? '')]));
  const markerOf = (body: string): string => {
    const last = (body.split(/\r?\n/).pop() ?? '').trim();
    const url = /^https?:\/\/.*\/(\d+)$/.exec(last);
    return url ? `twitter:${url[1]}` : last;
  };
  return {
    contacts: [...contactKey.values()].sort(),
    cases: cases.map((c) => `${String(c['Social_Post_Id__c'])} thread=${String(c['Social_Thread_Key__c'])} contact=${contactKey.get(String(c['ContactId'] ?? '')) ?? ''} parent=${caseKey.get(String(c['ParentId'] ?? '')) ?? ''} status=${c['Status'] === reopenStatus ? 'REOPENED' : String(c['Status'])} priority=${String(c['Priority'])}`).sort(),
    comments: emulator.records('CaseComment').map((m) => `${caseKey.get(String(m['ParentId']))} <- ${markerOf(String(m['CommentBody'] ?? ''))}`).sort(),
  };
}

/** The org's SocialPosts and SocialPersonas, checked for what the social objects mode promises. */
export interface LandedSocial {
  /** `Provider:ExternalPostId` of every SocialPost, sorted (a duplicate shows twice). */
  posts: string[];
  /** `Provider:ExternalId` of every SocialPersona, sorted. */
  personas: string[];
  /** Case keys (`Social_Post_Id__c`) with no SocialPost whose ParentId is that Case. */
  casesWithoutPost: string[];
  /** SocialPosts whose ParentId is not a Case of the org. */
  orphanPosts: string[];
  /** Outbound SocialPosts. */
  outbound: number;
}

export function landedSocial(emulator: SalesforceEmulator): LandedSocial {
  const posts = emulator.records('SocialPost');
  const cases = emulator.records('Case');
  const caseIds = new Set(cases.map((c) => c.Id));
  const withPost = new Set(posts.map((p) => String(p['ParentId'] ?? '')));
  return {
    posts: posts.map((p) => `${String(p['Provider'])}:${String(p['ExternalPostId'])}`).sort(),
    personas: emulator.records('SocialPersona').map((p) => `${String(p['Provider'])}:${String(p['ExternalId'])}`).sort(),
    casesWithoutPost: cases.filter((c) => !withPost.has(c.Id)).map((c) => String(c['Social_Post_Id__c'])).sort(),
    orphanPosts: posts.filter((p) => !caseIds.has(String(p['ParentId'] ?? ''))).map((p) => String(p['ExternalPostId'])),
    outbound: posts.filter((p) => p['IsOutbound'] === true).length,
  };
}
