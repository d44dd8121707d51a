import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { contactIdOf, contactOfId, remoteLikeCrm } from '../../bench/external-stores.js';
import { generatePosts, SYNTHETIC_BRANDS, writePostsJsonl } from '../../bench/generate-posts.js';
import { runPipeline } from '../../bench/pipeline.js';
import { directCallContext, type ContactUpsert, type CrmContact } from '../../src/adapters/types.js';

/** The stand-in's first id codec (split into parts and pairs), kept as the reference of the one that scans in place. */
const reference = (() => {
  const enc = encodeURIComponent;
  const dec = (text: string): string => (text.includes('%') ? decodeURIComponent(text) : text);
  const optional = (value: string | undefined): string => (value === undefined ? '%' : enc(value));
  const pairs = (items: readonly (readonly [string, string])[]): string => items.map(([a, b]) => `${enc(a)}:${enc(b)}`).join(',');
  function unpairs(text: string): [string, string][] {
    if (text === '') return [];
    const out: [string, string][] = [];
    for (const pair of text.split(',')) {
      const colon = pair.indexOf(':');
      out.push(colon < 0 ? [dec(pair), ''] : [dec(pair.slice(0, colon)), dec(pair.slice(colon + 1))]);
    }
    return out;
  }
  function idOf(n: number, upsert: ContactUpsert): string {
    const { firstName, lastName, email, handles, socialIds } = upsert.fields;
    const h = pairs(handles.map((x) => [x.provider, x.handle] as const));
    const s = pairs(socialIds.map((x) => [x.provider, x.id] as const));
    return `RC${n}|${optional(firstName)}|${enc(lastName)}|${optional(email)}|${h}|${s}`;
  }
  function ofId(id: string): CrmContact | undefined {
    if (!id.startsWith('RC')) return undefined;
    const parts = id.split('|');
    if (parts.length !== 6) return undefined;
    const [, first = '%', last = '', email = '%', h = '', s = ''] = parts;
    try {
      const handles = unpairs(h).map(([provider, handle]) => ({ provider, handle }));
      const socialIds = unpairs(s).map(([provider, socialId]) => ({ provider, id: socialId }));
      const lastName = dec(last);
      if (first === '%' && email === '%') return { id, lastName, handles, socialIds };
      return { id, ...(first === '%' ? {} : { firstName: dec(first) }), lastName, ...(email === '%' ? {} : { email: dec(email) }), handles, socialIds };
    } catch {
      return undefined;
    }
  }
  return { idOf, ofId };
})();

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

  it('encodes and rebuilds Contacts exactly as the split-based codec did, malformed ids included (same keys, same order)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '|', ',', ':', '%', '%2', '%E0', ' ', 'é', '😀', '1'), maxLength: 8 });
    const pair = fc.record({ provider: text, handle: text });
    const upsert = fc.record({
      firstName: fc.option(text, { nil: undefined }),
      lastName: text,
      email: fc.option(text, { nil: undefined }),
      handles: fc.array(pair, { maxLength: 3 }),
      socialIds: fc.array(fc.record({ provider: text, id: text }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.nat(99), upsert, text, text, (n, fields, raw, tail) => {
        const item: ContactUpsert = { key: 'k', fields: { ...fields, custom: {} } };
        const id = contactIdOf(n, item);
        expect(id).toBe(reference.idOf(n, item));
        for (const probe of [id, `${id}${tail}`, `RC${raw}`, raw, `RC1|${raw}|${tail}|%|${raw}|${tail}`, `RC${n}|%|${raw}|${tail}|a:b,${raw}|c${tail}`]) {
          const got = contactOfId(probe);
          const want = reference.ofId(probe);
          expect(got).toEqual(want);
          expect(got === undefined ? undefined : Object.keys(got)).toEqual(want === undefined ? undefined : Object.keys(want));
        }
      }),
      { numRuns: 3000 },
    );
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
