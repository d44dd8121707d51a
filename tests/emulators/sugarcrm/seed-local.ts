/**
 * Loads a local-CRM seed file (examples/data/seed-crm.json) into the emulator as Sugar records with
 * the connector's default fields, so a Sugar run starts from the same CRM as the local demo.
 */
import { readFileSync } from 'node:fs';
import type { SugarEmulator } from './server.js';

interface SeedDoc {
  contacts: { id: string; firstName?: string | null; lastName: string; email?: string | null; handles: { provider: string; handle: string }[]; socialIds: { provider: string; id: string }[] }[];
  cases: { id: string; subject: string; description: string; status: string; contactId: string | null; parentId: string | null; externalPostId: string | null; threadKey: string | null; createdAt: string; closedAt: string | null }[];
  comments: { id: string; caseId: string; body: string; externalPostId: string | null; outbound: boolean; createdAt: string }[];
}

const sugarDate = (iso: string): string => new Date(iso).toISOString().replace(/\.\d{3}Z$/, '+00:00');

/** Seeds `emulator` from a local CRM file. */
export function seedFromLocalCrm(emulator: SugarEmulator, path: string): void {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as SeedDoc;
  for (const c of doc.contacts) {
    const social = c.socialIds[0];
    emulator.records.seed('Contacts', {
      id: c.id,
      first_name: c.firstName ?? undefined,
      last_name: c.lastName,
      name: [c.firstName, c.lastName].filter(Boolean).join(' '),
      ...(c.handles[0] ? { twitter: c.handles[0].handle } : {}),
      ...(social ? { social_author_id_c: `${social.provider}:${social.id}` } : {}),
      ...(c.email ? { email: [{ email_address: c.email, primary_address: true }] } : {}),
    });
  }
  for (const k of doc.cases) {
    emulator.records.seed('Cases', {
      id: k.id,
      name: k.subject,
      description: k.description,
      status: k.status,
      ...(k.contactId ? { primary_contact_id: k.contactId } : {}),
      ...(k.parentId ? { social_parent_case_id_c: k.parentId } : {}),
      ...(k.externalPostId ? { social_post_id_c: k.externalPostId } : {}),
      ...(k.threadKey ? { social_thread_key_c: k.threadKey } : {}),
      date_entered: sugarDate(k.createdAt),
      date_modified: sugarDate(k.closedAt ?? k.createdAt),
    });
  }
  for (const n of doc.comments) {
    emulator.records.seed('Notes', {
      id: n.id,
      name: 'seeded',
      description: n.body,
      parent_type: 'Cases',
      parent_id: n.caseId,
      ...(n.externalPostId ? { social_post_id_c: n.externalPostId } : {}),
      date_entered: sugarDate(n.createdAt),
      date_modified: sugarDate(n.createdAt),
    });
  }
}
