/** What a local CRM file holds, by external ids only (CRM ids differ between runs), to compare runs. */
import { readFileSync } from 'node:fs';

/** The parts of a local CRM file the comparison reads. */
export interface CrmFile {
  cases: { externalPostId: string | null; contactId: string | null; threadKey: string | null; status: string; parentId: string | null }[];
  contacts: { id: string; socialIds: { id: string }[] }[];
  comments: { externalPostId: string | null; caseId: string; outbound: boolean }[];
}

/** Cases, comments and Contacts as sorted strings of external ids. */
export function crmContent(crm: CrmFile): { cases: string[]; comments: string[]; contacts: string[] } {
  const owner = new Map(crm.contacts.map((c) => [c.id, c.socialIds.map((s) => s.id).join(',')]));
  return {
    cases: crm.cases.map((c) => `${c.externalPostId}|${c.threadKey}|${c.status}|${owner.get(c.contactId ?? '')}|${c.parentId === null ? '-' : 'parent'}`).sort(),
    comments: crm.comments.map((c) => `${c.externalPostId}|${c.outbound}`).sort(),
    contacts: [...owner.values()].sort(),
  };
}

/** Reads a compacted local CRM file. */
export const readCrmFile = (path: string): CrmFile => JSON.parse(readFileSync(path, 'utf8')) as CrmFile;
