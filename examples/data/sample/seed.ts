/**
 * The seeded local CRM (examples/data/seed-crm.json): what the CRM already holds before the demo
 * sync runs. Format: ARCHITECTURE.md "Formats", Local CRM file; absent values are `null`.
 */
import { SEEDED } from './people.js';

/** Thread roots of seeded Cases (synced long ago, so NOT in the JSONL). */
export const OLD_ROOTS = {
  tom: '1979000000000000101',
  sofia: '1979000000000000102',
  priya: '1979000000000000103',
  henrik: '1979000000000000104',
  chen: '1979000000000000106',
  marcus: '1979000000000000107',
  marcusFollowUp: '1979000000000000108',
} as const;

/** Seeded Contact ids. */
export const CONTACT = {
  dana: '0035g00000AcMeC001', raj: '0035g00000AcMeC002', lena: '0035g00000AcMeC003', margaret: '0035g00000AcMeC004',
  tom: '0035g00000AcMeC005', sofia: '0035g00000AcMeC006', priya: '0035g00000AcMeC007', henrik: '0035g00000AcMeC008',
  aisha: '0035g00000AcMeC009', chen: '0035g00000AcMeC010', olivia: '0035g00000AcMeC011', marcus: '0035g00000AcMeC012',
} as const;

/** Seeded Case ids. */
export const CASE = {
  tomClosedRecently: '5005g00000AcMeK001', sofiaClosedLongAgo: '5005g00000AcMeK002', priyaOpen: '5005g00000AcMeK003',
  henrik: '5005g00000AcMeK004', aishaPhone: '5005g00000AcMeK005', chen: '5005g00000AcMeK006',
  marcus: '5005g00000AcMeK007', marcusChild: '5005g00000AcMeK008',
} as const;

/** Closing times the reopen scenarios are measured from. */
export const CLOSED_AT = { tom: '2026-10-20T16:00:00.000Z', sofia: '2026-09-05T12:00:00.000Z' } as const;

type Json = string | null;

/** A Contact of the local CRM file. */
export interface SeedContact {
  id: string; firstName: Json; lastName: Json; email: Json;
  handles: { provider: string; handle: string }[];
  socialIds: { provider: string; id: string }[];
}
/** A Case of the local CRM file. */
export interface SeedCase {
  id: string; caseNumber: string; subject: string; description: string; status: string; priority: string;
  origin: string; contactId: Json; parentId: Json; externalPostId: Json; threadKey: Json; createdAt: string; closedAt: Json;
}
/** A Case comment of the local CRM file. */
export interface SeedComment {
  id: string; caseId: string; body: string; externalPostId: Json; outbound: boolean; createdAt: string;
}
/** The local CRM file. */
export interface SeedCrm {
  cases: SeedCase[];
  contacts: SeedContact[];
  comments: SeedComment[];
}

const tw = (handle: string) => [{ provider: 'twitter', handle }];
const twId = (id: string) => [{ provider: 'twitter', id }];

function contact(
  id: string, firstName: Json, lastName: Json, handles: SeedContact['handles'], socialIds: SeedContact['socialIds'], email: Json,
): SeedContact {
  return { id, firstName, lastName, handles, socialIds, email };
}

function kase(
  id: string, n: number, subject: string, description: string, status: string, priority: string, contactId: string,
  root: string | null, createdAt: string, closedAt: Json, parentId: Json = null, post: string | null = root,
): SeedCase {
  return {
    id, caseNumber: String(1000 + n).padStart(8, '0'), subject, description, status, priority,
    origin: root === null ? 'Phone' : 'Twitter', contactId, parentId,
    externalPostId: post === null ? null : `twitter:${post}`, threadKey: root === null ? null : `twitter:${root}`,
    createdAt, closedAt,
  };
}

/** The whole seeded CRM, ready to be written as pretty JSON. */
export function buildSeedCrm(): SeedCrm {
  const s = SEEDED;
  return {
    contacts: [
      contact(CONTACT.dana, 'Dana', 'Whitfield', tw('dana_whit'), twId(s.dana.id), 'dana.whitfield@example.org'),
      contact(CONTACT.raj, 'Raj', 'Patel', tw('RajP_Builds'), [], null),
      contact(CONTACT.lena, 'Lena', 'Fischer', [], [], 'lena.fischer@example.de'),
      contact(CONTACT.margaret, 'Margaret', 'Oyelaran', [], [], null),
      contact(CONTACT.tom, 'Tom', 'Okafor', tw(s.tom.handle), twId(s.tom.id), 'tom.okafor@example.com'),
      contact(CONTACT.sofia, 'Sofía', 'Márquez', tw(s.sofia.handle), twId(s.sofia.id), null),
      contact(CONTACT.priya, 'Priya', 'Raman', tw(s.priya.handle), twId(s.priya.id), 'priya.raman@example.in'),
      contact(CONTACT.henrik, 'Henrik', 'Larsen', tw('hlarsen'), twId('1400000308'), null),
      contact(CONTACT.aisha, 'Aisha', 'Bello', [], [], 'aisha.bello@example.com'),
      contact(CONTACT.chen, 'Wei', 'Chen', tw(s.chen.handle), twId(s.chen.id), null),
      contact(CONTACT.olivia, 'Olivia', 'Grant', [], [], null),
      contact(CONTACT.marcus, 'Marcus', 'Bell', tw('marcusbell'), twId('1400000312'), 'marcus@bell-family.example'),
    ],
    cases: [
      kase(CASE.tomClosedRecently, 1, 'Router keeps restarting', "@AcmeHelp my router restarts itself every hour or so, it's driving me mad", 'Closed', 'Medium', CONTACT.tom, OLD_ROOTS.tom, '2026-10-17T09:12:00.000Z', CLOSED_AT.tom),
      kase(CASE.sofiaClosedLongAgo, 2, 'No mobile signal at home', '@AcmeHelp zero bars at home since Monday, fine everywhere else', 'Closed', 'Medium', CONTACT.sofia, OLD_ROOTS.sofia, '2026-08-24T18:40:00.000Z', CLOSED_AT.sofia),
      kase(CASE.priyaOpen, 3, 'Replacement SIM not received', '@AcmeHelp ordered a replacement SIM 10 days ago, still nothing', 'New', 'Medium', CONTACT.priya, OLD_ROOTS.priya, '2026-09-28T11:03:00.000Z', null),
      kase(CASE.henrik, 4, 'Wrong name on bill', '@AcmeHelp my bill says Henrick, not Henrik', 'Closed', 'Low', CONTACT.henrik, OLD_ROOTS.henrik, '2025-03-10T10:00:00.000Z', '2025-03-14T15:30:00.000Z'),
      kase(CASE.aishaPhone, 5, 'Upgrade eligibility question', 'Called to ask when she can upgrade her handset.', 'Closed', 'Low', CONTACT.aisha, null, '2026-07-30T13:00:00.000Z', '2026-08-02T09:00:00.000Z'),
      kase(CASE.chen, 6, 'Office VPN disconnects', '@AcmeHelp corporate VPN drops every 30 minutes on your network', 'Closed', 'High', CONTACT.chen, OLD_ROOTS.chen, '2026-09-22T08:15:00.000Z', '2026-09-30T17:45:00.000Z'),
      kase(CASE.marcus, 7, 'Charged for returned router', '@AcmeHelp you charged me £120 for a router I returned in May', 'Closed', 'Medium', CONTACT.marcus, OLD_ROOTS.marcus, '2025-11-02T12:00:00.000Z', '2025-11-20T10:00:00.000Z'),
      kase(CASE.marcusChild, 8, 'Charged for returned router (again)', "@AcmeHelp the £120 charge is back on this month's bill", 'Closed', 'Medium', CONTACT.marcus, OLD_ROOTS.marcus, '2025-12-28T19:30:00.000Z', '2025-12-30T11:00:00.000Z', CASE.marcus, OLD_ROOTS.marcusFollowUp),
    ],
    comments: [
      comment(1, CASE.tomClosedRecently, '@tomokafor We have pushed a firmware fix to your router; it should stop restarting now.', '1979000000000000201', true, '2026-10-17T10:02:00.000Z'),
      comment(2, CASE.tomClosedRecently, '@AcmeHelp seems stable now, thanks', '1979000000000000202', false, '2026-10-19T08:30:00.000Z'),
      comment(3, CASE.priyaOpen, '@priya_r Sorry for the delay, Priya. We have re-sent the SIM by tracked post.', '1979000000000000203', true, '2026-09-29T09:00:00.000Z'),
      comment(4, CASE.marcusChild, '@marcusbell The charge has been reversed and a note added so it does not return.', '1979000000000000204', true, '2025-12-29T16:10:00.000Z'),
    ],
  };
}

function comment(n: number, caseId: string, body: string, post: string, outbound: boolean, createdAt: string): SeedComment {
  return { id: `00a5g00000AcMeM00${n}`, caseId, body, externalPostId: `twitter:${post}`, outbound, createdAt };
}
