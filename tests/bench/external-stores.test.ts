import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contactIdOf, contactOfId, remoteLikeCrm } from '../../bench/external-stores.js';
import { generatePosts, SYNTHETIC_BRANDS, writePostsJsonl } from '../../bench/generate-posts.js';
import { runPipeline } from '../../bench/pipeline.js';
import { directCallContext } from '../../src/adapters/types.js';

const dir = mkdtempSync(join(tmpdir(), 'external-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('remoteLikeCrm', () => {
  it('rebuilds a created Contact from its id alone, and finds nothing for other ids', async () => {
    const crm = remoteLikeCrm();
    const fields = { firstName: 'Ann', lastName: 'Kay', email: 'ann@example.com', handles: [{ provider: 'twitter', handle: 'ann_k' }], socialIds: [{ provider: 'twitter', id: '42' }], custom: {} };
    const ctx = directCallContext;
    const applied = await crm.apply({ contacts: [{ key: 'twitter:42', fields }, { key: 'twitter:43', id: 'SF-1', fields }], cases: [], reopens: [], comments: [] }, ctx);
    const id = applied.contacts[0]?.id ?? '';
    expect(applied.contacts[1]).toEqual({ key: 'twitter:43', ok: true, id: 'SF-1' }); // an update keeps the id
    const found = await crm.lookup({ identities: [], contactIds: [id, 'SF-1', 'RC9|%E0%A4%A|x|%||'], threadKeys: [], externalPostIds: [] }, ctx);
    expect(found.contacts).toEqual([{ id, firstName: 'Ann', lastName: 'Kay', email: 'ann@example.com', handles: fields.handles, socialIds: fields.socialIds }]);
    expect(found.cases).toEqual([]);
    expect(contactOfId(contactIdOf(7, { key: 'twitter:1', fields: { lastName: 'x', handles: [], socialIds: [], custom: {} } }))).toEqual({ id: expect.any(String), lastName: 'x', handles: [], socialIds: [] });
    expect(contactOfId('R12')).toBeUndefined();
    const odd = { firstName: 'A|b,c:d%', lastName: '', email: undefined, handles: [{ provider: 'x:y', handle: '|,' }, { provider: 'p', handle: '' }], socialIds: [], custom: {} };
    const oddId = contactIdOf(3, { key: 'x:1', fields: odd });
    expect(contactOfId(oddId)).toEqual({ id: oddId, firstName: 'A|b,c:d%', lastName: '', handles: odd.handles, socialIds: [] });
  });

  it('lets the bench create one Contact per author who got a Case or comment, not one per Case', async () => {
    const count = 6_000; // 12 batches of 500, 1,200 authors: most post in several batches
    const input = join(dir, 'posts.jsonl');
    await writePostsJsonl(input, count, 11);
    const brandIds = new Set<string>(SYNTHETIC_BRANDS.map((b) => b.id));
    // Independently of the engine: the default triage ignores reposts and answers the brand's posts as outbound comments.
    const customers = new Set([...generatePosts(count, 11)].filter((p) => !brandIds.has(p.author.id) && p.kind !== 'repost').map((p) => p.author.id));
    const { report } = await runPipeline(input, 'sqlite');
    expect(report.contactsCreated).toBe(customers.size);
    expect(report.contactsUpdated).toBe(0);
    expect(report.deadLettered).toBe(0);
    expect({ cases: report.casesCreated, comments: report.commentsAdded, outbound: report.outboundComments, ignored: report.ignored, contacts: report.contactsCreated }).toEqual({
      cases: 4538,
      comments: 658,
      outbound: 618,
      ignored: 186,
      contacts: 1157,
    });
  }, 60_000);
});
