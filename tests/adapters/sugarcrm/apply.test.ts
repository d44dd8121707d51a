/** apply against the emulator: per-record failures, replays after a dropped connection, Notes and links as Sugar wants them. */
import { afterEach, describe, expect, it } from 'vitest';
import type { WritePlan } from '../../../src/adapters/types.js';
import { caseIdOf, contactIdOf, noteIdOf } from '../../../src/adapters/sugarcrm/ids.js';
import type { SugarEmulator } from '../../emulators/sugarcrm/index.js';
import { emulatedSugar } from './fixtures.js';
import { hookContext } from './hook-context.js';

let emulator: SugarEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const contact = (n: number) => ({
  key: `twitter:${n}`,
  fields: { firstName: 'Ana', lastName: `Tester ${n}`, handles: [{ provider: 'twitter', handle: `ana${n}` }], socialIds: [{ provider: 'twitter', id: String(n) }], custom: {} },
});
const kase = (post: number, author: number) => ({
  key: `twitter:${post}`,
  contact: { externalKey: `twitter:${author}` },
  fields: { externalPostId: `twitter:${post}`, threadKey: `twitter:${post}`, subject: `Help ${post}`, description: 'text', status: 'New', priority: 'Medium' as const, origin: 'Twitter', createdAt: '2026-01-01T00:00:00Z', custom: {} },
});
const note = (post: number, casePost: number, outbound: boolean, body = `reply ${post}`) => ({
  key: `twitter:${post}`,
  case: { externalKey: `twitter:${casePost}` },
  fields: { externalPostId: `twitter:${post}`, body, outbound, createdAt: '2026-01-01T00:00:00Z' },
});

describe('SugarCRM apply', () => {
  it('fails one record alone inside a bulk call and never sends its dependants', async () => {
    const setup = await emulatedSugar();
    emulator = setup.emulator;
    const plan: WritePlan = {
      contacts: [contact(1), { ...contact(2), id: 'no-such-contact' }, contact(3), { ...contact(4), fields: { ...contact(4).fields, lastName: ' ' } }],
      cases: [kase(10, 1), { ...kase(11, 2), contact: { id: 'no-such-contact' } }, kase(12, 4), kase(13, 3)],
      reopens: [],
      comments: [note(20, 12, false)],
    };
    const result = await setup.adapter.apply(plan, hookContext(setup.adapter));
    expect(result.contacts.map((r) => r.ok)).toEqual([true, false, true, false]);
    expect(result.contacts[1]?.error).toMatchObject({ code: 'not_found', retryable: false });
    expect(result.contacts[3]?.error?.code).toBe('REQUIRED_FIELD_MISSING');
    expect(result.cases.map((r) => r.ok)).toEqual([true, true, false, true]);
    expect(result.cases[2]?.error?.code).toBe('DEPENDENCY_FAILED');
    expect(result.comments[0]?.error?.code).toBe('DEPENDENCY_FAILED');
    expect(emulator.records.table('Cases').size).toBe(3);
    expect(emulator.stats.byRoute['POST /bulk']).toBe(2);
  });

  it('replays a bulk call whose connection dropped after Sugar applied it: nothing twice, created:false', async () => {
    const setup = await emulatedSugar();
    emulator = setup.emulator;
    const ctx = hookContext(setup.adapter);
    emulator.failNext('dropAfterWrite', (method, path) => method === 'POST' && path === '/bulk');
    const plan: WritePlan = { contacts: [contact(1)], cases: [kase(10, 1)], reopens: [], comments: [note(11, 10, false)] };
    const result = await setup.adapter.apply(plan, ctx);
    expect(result.contacts).toEqual([{ key: 'twitter:1', ok: true, id: contactIdOf('twitter:1'), created: false }]);
    expect(result.cases[0]).toMatchObject({ ok: true, id: caseIdOf('twitter:10'), created: true });
    expect(emulator.records.table('Contacts').size).toBe(1);
    expect(emulator.stats.byRoute['POST /bulk']).toBe(4);
  });

  it('writes Notes with parent_type Cases, a name, and contact_id only for inbound posts; links Contacts when asked', async () => {
    const setup = await emulatedSugar({}, { relateContact: 'both' });
    emulator = setup.emulator;
    const plan: WritePlan = { contacts: [contact(1)], cases: [kase(10, 1)], reopens: [], comments: [note(11, 10, false, '\n\nfirst line\nsecond'), note(12, 10, true)] };
    const result = await setup.adapter.apply(plan, hookContext(setup.adapter));
    expect(result.comments.every((r) => r.ok && r.created)).toBe(true);
    const inbound = emulator.records.get('Notes', noteIdOf('twitter:11'));
    expect(inbound).toMatchObject({ parent_type: 'Cases', parent_id: caseIdOf('twitter:10'), contact_id: contactIdOf('twitter:1'), name: 'Post twitter:11: first line', social_post_id_c: 'twitter:11' });
    const outbound = emulator.records.get('Notes', noteIdOf('twitter:12'));
    expect(outbound['contact_id']).toBeUndefined();
    expect(outbound['name']).toBe('Reply twitter:12: reply 12');
    expect(emulator.records.linked('Cases', caseIdOf('twitter:10'), 'contacts')).toEqual([contactIdOf('twitter:1')]);
    expect(emulator.records.get('Cases', caseIdOf('twitter:10'))).toMatchObject({ priority: 'P2', primary_contact_id: contactIdOf('twitter:1'), name: 'Help 10' });
  });

  it('cuts nothing silently: a Case name over 255 characters is refused before sending', async () => {
    const setup = await emulatedSugar();
    emulator = setup.emulator;
    const long = { ...kase(10, 1), fields: { ...kase(10, 1).fields, subject: 'x'.repeat(256) } };
    const result = await setup.adapter.apply({ contacts: [contact(1)], cases: [long], reopens: [], comments: [] }, hookContext(setup.adapter));
    expect(result.cases[0]?.error).toMatchObject({ code: 'STRING_TOO_LONG', field: 'subject' });
    expect(emulator.records.table('Cases').size).toBe(0);
  });
});

describe('SugarCRM read-only adapter', () => {
  it('refuses apply and sends nothing', async () => {
    const setup = await emulatedSugar({}, { readOnly: true });
    emulator = setup.emulator;
    await expect(setup.adapter.apply({ contacts: [contact(1)], cases: [], reopens: [], comments: [] }, hookContext(setup.adapter))).rejects.toThrow(/read-only/);
    expect(emulator.stats.requests).toBe(0);
  });
});
