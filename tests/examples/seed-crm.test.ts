import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSample, SAMPLE_POSTS_PATH, SEED_CRM_PATH } from '../../examples/data/make-sample.js';
import { validatePost } from '../../src/model/validate.js';
import type { SocialPost } from '../../src/model/social-post.js';

const nullable = z.string().nullable();
const Seed = z.strictObject({
  cases: z.array(z.strictObject({
    id: z.string().regex(/^500[A-Za-z0-9]{15}$/), caseNumber: z.string().regex(/^\d{8}$/), subject: z.string(),
    description: z.string(), status: z.string(), priority: z.enum(['Low', 'Medium', 'High']), origin: z.string(),
    contactId: nullable, parentId: nullable, externalPostId: nullable, threadKey: nullable,
    createdAt: z.iso.datetime(), closedAt: z.iso.datetime().nullable(),
  })),
  contacts: z.array(z.strictObject({
    id: z.string().regex(/^003[A-Za-z0-9]{15}$/), firstName: nullable, lastName: z.string().min(1), email: nullable,
    handles: z.array(z.strictObject({ provider: z.literal('twitter'), handle: z.string() })),
    socialIds: z.array(z.strictObject({ provider: z.literal('twitter'), id: z.string().regex(/^\d+$/) })),
  })),
  comments: z.array(z.strictObject({
    id: z.string().regex(/^00a[A-Za-z0-9]{15}$/), caseId: z.string(), body: z.string(), externalPostId: nullable,
    outbound: z.boolean(), createdAt: z.iso.datetime(),
  })),
});

const raw = readFileSync(SEED_CRM_PATH, 'utf8');
const seed = Seed.parse(JSON.parse(raw));
const posts = new Map<string, SocialPost>();
for (const line of readFileSync(SAMPLE_POSTS_PATH, 'utf8').split('\n')) {
  try {
    const r = validatePost(JSON.parse(line));
    if (r.ok) posts.set(r.post.id, r.post);
  } catch {
    // the invalid line
  }
}
const DAY = 86_400_000;

describe('seed-crm.json', () => {
  it('is what make-sample.ts writes, with every field of the local CRM format', () => {
    const built = buildSample().seed;
    expect(raw).toBe(`${JSON.stringify({ cases: built.cases, contacts: built.contacts, comments: built.comments }, null, 2)}\n`);
    expect(seed.contacts).toHaveLength(12);
    expect(seed.cases).toHaveLength(8);
    expect(seed.comments).toHaveLength(4);
    expect(seed.cases.filter((c) => c.closedAt === null).map((c) => c.caseNumber)).toEqual(['00001003']);
  });

  it('has consistent references', () => {
    const contactIds = new Set(seed.contacts.map((c) => c.id));
    const caseIds = new Set(seed.cases.map((c) => c.id));
    for (const c of seed.cases) {
      expect(contactIds.has(c.contactId ?? '')).toBe(true);
      if (c.parentId !== null) expect(caseIds.has(c.parentId)).toBe(true);
      if (c.threadKey !== null) expect(c.threadKey).toMatch(/^twitter:\d{19}$/);
    }
    for (const m of seed.comments) expect(caseIds.has(m.caseId)).toBe(true);
    expect(seed.cases.find((c) => c.parentId !== null)?.parentId).toBe('5005g00000AcMeK007');
  });

  it('holds the contacts the posts must match by id, handle, email and (only suggested) name', () => {
    const author = (id: string) => posts.get(id)?.author;
    const dana = author('1980066000000000001');
    const byId = seed.contacts.filter((c) => c.socialIds.some((s) => s.id === dana?.id));
    expect(byId).toHaveLength(1);
    expect(byId[0]?.handles.map((h) => h.handle)).not.toContain(dana?.handle);
    const raj = author('1980066000000000003');
    const byHandle = seed.contacts.filter((c) => c.handles.some((h) => h.handle.toLowerCase() === raj?.handle.toLowerCase()));
    expect(byHandle).toHaveLength(1);
    expect(byHandle[0]?.socialIds).toEqual([]);
    expect(seed.contacts.some((c) => c.socialIds.some((s) => s.id === raj?.id))).toBe(false);
    const lena = author('1980066000000000006');
    const byEmail = seed.contacts.filter((c) => c.email !== null && c.email === lena?.email);
    expect(byEmail).toHaveLength(1);
    expect(byEmail[0]?.handles).toEqual([]);
    const margaret = author('1980066000000000008');
    const byName = seed.contacts.filter((c) => `${c.firstName ?? ''} ${c.lastName ?? ''}` === margaret?.displayName);
    expect(byName).toHaveLength(1);
    expect(byName[0]).toMatchObject({ email: null, handles: [], socialIds: [] });
  });

  it('sets up the reopen (2 days), new-Case-with-parent (40 days) and open-Case comment scenarios', () => {
    const resumed = (postId: string, caseNumber: string) => {
      const post = posts.get(postId);
      const kase = seed.cases.find((c) => c.caseNumber === caseNumber);
      expect(kase?.threadKey).toBe(`twitter:${post?.threadId ?? '?'}`);
      expect(kase?.externalPostId).toBe(`twitter:${post?.inReplyTo?.postId ?? '?'}`);
      expect(posts.has(post?.inReplyTo?.postId ?? '')).toBe(false);
      const contact = seed.contacts.find((c) => c.id === kase?.contactId);
      expect(contact?.socialIds.map((s) => s.id)).toEqual([post?.author.id]);
      return { post, kase };
    };
    const reopen = resumed('1980067000000000001', '00001001');
    expect(Date.parse(reopen.post?.createdAt ?? '') - Date.parse(reopen.kase?.closedAt ?? '')).toBe(2 * DAY + 30 * 60_000);
    const later = resumed('1980067000000000003', '00001002');
    expect(Date.parse(later.post?.createdAt ?? '') - Date.parse(later.kase?.closedAt ?? '')).toBe(40 * DAY);
    const open = resumed('1980067000000000005', '00001003');
    expect(open.kase?.status).toBe('New');
    expect(open.kase?.closedAt).toBeNull();
  });
});
