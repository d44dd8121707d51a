import { getEventListeners } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import { arraySource } from '../../src/sources/array-source.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { fileStateStore, memoryStateStore } from '../../src/state/index.js';
import { directCallContext } from '../../src/adapters/types.js';
import { ConfigError } from '../../src/errors.js';
import { createSync } from '../../src/sync/create-sync.js';
import type { SyncEvents } from '../../src/sync/events.js';
import { ACME, BRAND, conversation, ANN, BOB, reply, tweet } from './fixtures.js';

function setup(posts: unknown[], batchSize = 100) {
  const crm = localCrmAdapter();
  const state = memoryStateStore();
  const make = (items: unknown[] = posts, dryRun = false) =>
    createSync({ source: arraySource(items), crm, state, brand: BRAND, batchSize, limits: { minRetryDelayMs: 1, maxRetryDelayMs: 1 }, dryRun });
  return { crm, state, make };
}

describe('sync engine on the local CRM', () => {
  it('turns a conversation into Cases, comments and Contacts by the thread rules', async () => {
    const { crm, make } = setup(conversation());
    const sync = make();
    const created: SyncEvents['caseCreated'][] = [];
    sync.on('caseCreated', (e) => created.push(e));
    const report = await sync.run();
    const db = crm.snapshot();
    expect(report).toMatchObject({
      postsRead: 10, ignored: 2, casesCreated: 5, commentsAdded: 1, outboundComments: 2,
      contactsCreated: 3, contactsMatched: 0, deadLettered: 0, batches: 1, crmCalls: 3,
    });
    const byPost = new Map(db.cases.map((c) => [c.externalPostId, c]));
    const annCase = byPost.get('twitter:100');
    const bobCase = byPost.get('twitter:103');
    expect(annCase?.threadKey).toBe('twitter:100');
    expect(bobCase?.parentId).toBe(annCase?.id);
    expect(bobCase?.contactId).not.toBe(annCase?.contactId);
    expect(byPost.get('twitter:106')?.threadKey).toBe('twitter:106');
    expect(byPost.get('twitter:106')?.contactId).toBe(annCase?.contactId);
    expect(byPost.get('twitter:107')?.threadKey).toBe('twitter:555');
    expect(byPost.has('twitter:108')).toBe(false);
    expect(byPost.get('twitter:109')).toMatchObject({ threadKey: 'twitter:108', parentId: null });
    const comments = new Map(db.comments.map((c) => [c.externalPostId, c]));
    expect(comments.get('twitter:101')).toMatchObject({ caseId: annCase?.id, outbound: true });
    expect(comments.get('twitter:102')).toMatchObject({ caseId: annCase?.id, outbound: false });
    expect(comments.get('twitter:104')).toMatchObject({ caseId: bobCase?.id, outbound: true });
    expect(created.map((e) => e.postId)).toEqual(['twitter:100', 'twitter:103', 'twitter:106', 'twitter:107', 'twitter:109']);
  });
});

/** CRM content without ids, comparable across runs. */
function shape(db: ReturnType<ReturnType<typeof localCrmAdapter>['snapshot']>) {
  const caseKey = new Map(db.cases.map((c) => [c.id, c.externalPostId]));
  const contactKey = new Map(db.contacts.map((c) => [c.id, c.socialIds.map((s) => s.id).join(',')]));
  return {
    cases: db.cases.map((c) => [c.externalPostId, c.threadKey, c.status, contactKey.get(c.contactId ?? ''), c.parentId === null ? null : caseKey.get(c.parentId)]).sort(),
    comments: db.comments.map((c) => [c.externalPostId, caseKey.get(c.caseId), c.outbound]).sort(),
    contacts: db.contacts.map((c) => [c.socialIds.map((s) => s.id).join(','), c.handles.map((h) => h.handle).join(',')]).sort(),
  };
}

describe('idempotence and batching', () => {
  it('creates nothing new when the same input runs again, with the same state or a lost one', async () => {
    const { crm, make } = setup(conversation());
    await make().run();
    const before = shape(crm.snapshot());
    const again = await make().run();
    expect(again).toMatchObject({ postsRead: 0, casesCreated: 0 });
    // A crash after the CRM write but before the state commit: replay with no state at all.
    const replay = await createSync({ source: arraySource(conversation()), crm, state: memoryStateStore(), brand: BRAND }).run();
    expect(replay).toMatchObject({ postsRead: 10, ignored: 2, alreadyInCrm: 8, casesCreated: 0, commentsAdded: 0, outboundComments: 0, contactsCreated: 0, deadLettered: 0 });
    expect(shape(crm.snapshot())).toEqual(before);
  });

  it('gives the same CRM content whatever the batch size (thread state carries across batches)', async () => {
    const reference = setup(conversation(), 100);
    await reference.make().run();
    for (const size of [1, 2, 3, 7]) {
      const other = setup(conversation(), size);
      const report = await other.make().run();
      expect(report.batches).toBe(Math.ceil(10 / size));
      // Authors created in an earlier batch are found by later ones, and still count once, as created.
      expect(report).toMatchObject({ contactsCreated: 3, contactsMatched: 0, contactsUpdated: 0 });
      expect(shape(other.crm.snapshot())).toEqual(shape(reference.crm.snapshot()));
    }
  });

  it('dedupes a post repeated in the input', async () => {
    const posts = conversation();
    const { crm, make } = setup([...posts, posts[0], posts[2]], 4);
    const report = await make().run();
    expect(report).toMatchObject({ postsRead: 12, duplicates: 2, casesCreated: 5 });
    expect(crm.snapshot().cases).toHaveLength(5);
  });
});

describe('matched and updated Contacts', () => {
  it('counts an author linked to an existing Contact once, not again for each batch or run; a rename is an update', async () => {
    const crm = localCrmAdapter();
    await createSync({ source: arraySource(conversation()), crm, state: memoryStateStore(), brand: BRAND }).run();
    // Another state (a new deployment, or a lost one) meets the same CRM: Ann and Bob exist there.
    const state = memoryStateStore();
    const matched: SyncEvents['contactMatched'][] = [];
    const updated: SyncEvents['contactUpdated'][] = [];
    let runs = 0;
    const run = (posts: unknown[]) => {
      runs += 1; // each run reads a new stream of its own
      const sync = createSync({ source: arraySource(posts, `run-${runs}`), crm, state, brand: BRAND, batchSize: 1 });
      sync.on('contactMatched', (e) => matched.push(e));
      sync.on('contactUpdated', (e) => updated.push(e));
      return sync.run();
    };
    const first = await run([
      tweet('200', 200, ANN, '@AcmeHelp still no internet'),
      tweet('201', 201, BOB, '@AcmeHelp mine is back, thanks'),
      tweet('202', 202, ANN, '@AcmeHelp hello??'),
      tweet('203', 203, ANN, '@AcmeHelp anyone there?'),
    ]);
    expect(first).toMatchObject({ batches: 4, casesCreated: 4, contactsCreated: 0, contactsMatched: 2, contactsUpdated: 0 });
    expect(matched.map((e) => [e.identityKey, e.method])).toEqual([['twitter:1', 'providerId'], ['twitter:2', 'providerId']]);
    const second = await run([tweet('204', 300, ANN, '@AcmeHelp and now the TV box too'), tweet('205', 301, BOB, '@AcmeHelp bill question')]);
    expect(second).toMatchObject({ contactsMatched: 0, contactsCreated: 0, contactsUpdated: 0 });
    const renamed = await run([tweet('206', 400, { ...ANN, handle: 'ann_kim' }, '@AcmeHelp new handle, same problem')]);
    expect(renamed).toMatchObject({ contactsMatched: 0, contactsUpdated: 1 });
    expect(updated).toEqual([expect.objectContaining({ identityKey: 'twitter:1', handle: 'ann_kim', previousHandle: 'ann_k' })]);
    expect(crm.snapshot().contacts.find((c) => c.socialIds.some((s) => s.id === '1'))?.handles).toEqual([{ provider: 'twitter', handle: 'ann_kim' }]);
    expect(matched).toHaveLength(2);
  });
});

describe('identity against a CRM that changes', () => {
  const twitterUser = (id: string, handle: string) => ({ provider: 'twitter', id, handle });

  it('never puts a second account that uses the same handle on the first one\'s Contact or Case', async () => {
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    let runs = 0;
    const run = (posts: unknown[]) => createSync({ source: arraySource(posts, `run-${(runs += 1)}`), crm, state, brand: BRAND }).run();
    const p1 = tweet('300', 500, twitterUser('1', 'ann'), '@AcmeHelp my internet is down');
    await run([p1]);
    const other = await run([reply('301', 560, twitterUser('99', 'Ann'), p1, '@AcmeHelp same for me, no service')]);
    expect(other).toMatchObject({ contactsCreated: 1, contactsMatched: 0, casesCreated: 1, commentsAdded: 0 });
    const db = crm.snapshot();
    expect(db.contacts.map((c) => c.socialIds.map((x) => x.id))).toEqual([['1'], ['99']]);
    const [first, second] = db.cases;
    expect(second?.contactId).not.toBe(first?.contactId);
    expect(second?.parentId).toBe(first?.id);
  });

  it('keeps a rename and a handle taken over by someone else in one batch apart', async () => {
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    await createSync({ source: arraySource([tweet('310', 600, twitterUser('1', 'ann'), '@AcmeHelp hello')], 'a'), crm, state, brand: BRAND }).run();
    const swap = [tweet('311', 700, twitterUser('1', 'ann_new'), '@AcmeHelp new name, same issue'), tweet('312', 701, twitterUser('99', 'ann'), '@AcmeHelp I am the new ann')];
    const report = await createSync({ source: arraySource(swap, 'b'), crm, state, brand: BRAND }).run();
    expect(report).toMatchObject({ contactsCreated: 1, contactsUpdated: 1, casesCreated: 2 });
    const contacts = crm.snapshot().contacts.map((c) => [c.socialIds.map((x) => x.id).join(','), c.handles.map((h) => h.handle).join(',')]);
    expect(contacts).toEqual([['1', 'ann_new'], ['99', 'ann']]);
  });

  it('does not trust an identity record whose Contact is gone (merged away, CRM reset): the author is matched afresh', async () => {
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    await state.commit({ stream: 'seed', posts: [], deadLetters: [], identities: [{ key: 'twitter:1', contactId: '003000000000777', handle: 'ann_k', method: 'created', confidence: 1, updatedAt: '2026-01-01T00:00:00.000Z' }] });
    const report = await createSync({ source: arraySource([tweet('320', 800, ANN, '@AcmeHelp help'), tweet('321', 805, ANN, '@AcmeHelp help again')]), crm, state, brand: BRAND, batchSize: 1 }).run();
    expect(report).toMatchObject({ deadLettered: 0, contactsCreated: 1, casesCreated: 2 });
    const [contact] = crm.snapshot().contacts;
    expect((await state.getIdentities(['twitter:1'])).get('twitter:1')?.contactId).toBe(contact?.id);
  });
});

describe('order inside a batch', () => {
  it('routes a reply after its parent even when it comes first with the same timestamp', async () => {
    const complaint = tweet('400', 900, ANN, '@AcmeHelp my internet is down');
    const answer = reply('401', 900, ACME, complaint, '@ann_k sorry, DM us', { mentions: ['ann_k'] });
    const followUp = reply('402', 900, ANN, answer, '@AcmeHelp done');
    const crm = localCrmAdapter();
    const report = await createSync({ source: arraySource([followUp, answer, complaint]), crm, brand: BRAND }).run();
    expect(report).toMatchObject({ casesCreated: 1, outboundComments: 1, commentsAdded: 1, ignored: 0 });
    const db = crm.snapshot();
    expect(db.cases.map((c) => [c.externalPostId, c.threadKey])).toEqual([['twitter:400', 'twitter:400']]);
    expect(db.comments.map((c) => [c.externalPostId, c.caseId === db.cases[0]?.id, c.outbound])).toEqual([['twitter:401', true, true], ['twitter:402', true, false]]);
  });

  it('takes an author\'s newest handle from their latest post, not from the last one in processing order', async () => {
    // Q (newest, Ann as ann_new) is pulled in front of its reply R (clock skew), so it is processed before S (Ann as ann_old).
    const q = tweet('420', 1009, { ...ANN, handle: 'ann_new' }, '@AcmeHelp the newest');
    const r = reply('421', 1001, BOB, q, '@ann_new same here');
    const s = tweet('422', 1005, { ...ANN, handle: 'ann_old' }, '@AcmeHelp older');
    const crm = localCrmAdapter();
    await createSync({ source: arraySource([r, s, q]), crm, brand: BRAND }).run();
    const ann = crm.snapshot().contacts.find((c) => c.socialIds.some((x) => x.id === ANN.id));
    expect(ann?.handles).toEqual([{ provider: 'twitter', handle: 'ann_new' }]);
  });

  it('keeps a reply chain whose timestamps run backwards (clock skew) in one thread, on one Case', async () => {
    const root = tweet('410', 1000, ANN, '@AcmeHelp the app crashes');
    const r1 = reply('411', 990, ANN, root, '@AcmeHelp on every start');
    const r2 = reply('412', 980, ANN, r1, '@AcmeHelp since the update');
    const crm = localCrmAdapter();
    const report = await createSync({ source: arraySource([r2, r1, root]), crm, brand: BRAND }).run();
    expect(report).toMatchObject({ casesCreated: 1, commentsAdded: 2 });
    expect(new Set(crm.snapshot().cases.map((c) => c.threadKey))).toEqual(new Set(['twitter:410']));
  });
});

describe('watch', () => {
  it('polls until aborted without piling up abort listeners (one long run sleeps thousands of times)', async () => {
    const controller = new AbortController();
    let polls = 0;
    const source = arraySource([]);
    const counting = { ...source, pull: (cursor: string | null, options: Parameters<typeof source.pull>[1]) => { polls += 1; return source.pull(cursor, options); } };
    const watched = createSync({ source: counting, crm: localCrmAdapter(), brand: BRAND });
    const running = watched.run({ watch: { intervalMs: 1 }, signal: controller.signal });
    while (polls < 30) await new Promise((r) => setTimeout(r, 5));
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    controller.abort();
    await expect(running).resolves.toMatchObject({ postsRead: 0, stoppedEarly: false }); // stopped while caught up
    await watched.close();
  });
});

describe('files a user opens', () => {
  const withFiles = async (body: (dir: string) => Promise<void>) => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-files-'));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const cases = (dir: string): unknown[] => (JSON.parse(readFileSync(join(dir, 'crm.json'), 'utf8')) as { cases: unknown[] }).cases;

  it('writes the local CRM and state files when the run has caught up, before anyone closes them', () =>
    withFiles(async (dir) => {
      const crm = localCrmAdapter({ path: join(dir, 'crm.json'), idleWriteMs: 0 });
      const state = fileStateStore({ path: join(dir, 'state.json'), idleWriteMs: 0 });
      const report = await createSync({ source: arraySource(conversation()), crm, state, brand: BRAND }).run();
      const file = JSON.parse(readFileSync(join(dir, 'crm.json'), 'utf8')) as { cases: unknown[]; comments: unknown[] };
      expect(file.cases).toHaveLength(report.casesCreated);
      expect(file.comments).toHaveLength(report.commentsAdded + report.outboundComments);
      const stateFile = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { checkpoints: Record<string, string> };
      expect(stateFile.checkpoints).toEqual({ array: '10' });
      expect(readFileSync(join(dir, 'crm.json.journal'), 'utf8')).toBe('');
      await crm.close();
      await state.close();
    }));

  it('rewrites a caught-up file at most once per idleWriteMs (a busy poll loop must not rewrite a large file each time)', () =>
    withFiles(async (dir) => {
      const crm = localCrmAdapter({ path: join(dir, 'crm.json') }); // default: 60 s
      const state = memoryStateStore();
      await createSync({ source: arraySource([tweet('700', 1600, ANN, '@AcmeHelp one')], 'a'), crm, state, brand: BRAND }).run();
      expect(cases(dir)).toHaveLength(0); // written empty at creation, less than a minute ago
      expect(readFileSync(join(dir, 'crm.json.journal'), 'utf8')).not.toBe('');
      await crm.close(); // close always brings it up to date
      expect(cases(dir)).toHaveLength(1);
    }));

  it('treats the caught-up write as best effort: a failing write does not fail the run, close reports it', () =>
    withFiles(async (dir) => {
      const crm = localCrmAdapter({ path: join(dir, 'crm.json'), idleWriteMs: 0 });
      mkdirSync(join(dir, 'crm.json.tmp')); // the temp file cannot be created: stands in for a disk error
      const report = await createSync({ source: arraySource([tweet('710', 1700, ANN, '@AcmeHelp two')]), crm, brand: BRAND }).run();
      expect(report).toMatchObject({ casesCreated: 1, deadLettered: 0 });
      await expect(crm.close()).rejects.toThrow(/crm\.json\.tmp/);
      rmSync(join(dir, 'crm.json.tmp'), { recursive: true });
      const reopened = localCrmAdapter({ path: join(dir, 'crm.json') }); // the journal still has it
      expect(reopened.snapshot().cases).toHaveLength(1);
      await reopened.close();
    }));
});

describe('stopping early', () => {
  it('says whether a run stopped before the source had nothing more', async () => {
    const posts = conversation();
    const partial = await createSync({ source: arraySource(posts, 'p'), crm: localCrmAdapter(), brand: BRAND, batchSize: 2 }).run({ maxBatches: 2 });
    expect(partial).toMatchObject({ batches: 2, postsRead: 4, stoppedEarly: true });
    const whole = await createSync({ source: arraySource(posts, 'w'), crm: localCrmAdapter(), brand: BRAND, batchSize: 2 }).run();
    expect(whole).toMatchObject({ postsRead: 10, stoppedEarly: false });
    const controller = new AbortController();
    controller.abort();
    const never = await createSync({ source: arraySource(posts, 'n'), crm: localCrmAdapter(), brand: BRAND }).run({ signal: controller.signal });
    expect(never).toMatchObject({ postsRead: 0, stoppedEarly: true });
  });
});

describe('watch and a rotated input file', () => {
  it('waits while the file is gone, then reads the new one from the top', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-rotate-'));
    const path = join(dir, 'posts.jsonl');
    const line = (id: string): string => `${JSON.stringify({ id, provider: 'twitter', text: `@AcmeHelp ${id}`, createdAt: '2026-10-01T10:00:00Z', author: { id: `u${id}`, handle: `user${id}` } })}\n`;
    writeFileSync(path, line('1') + line('2'));
    const controller = new AbortController();
    const sync = createSync({ source: jsonlSource({ path }), crm: localCrmAdapter(), brand: BRAND });
    let read = 0;
    const waits: string[] = [];
    sync.on('batchDone', (e) => (read = e.report.postsRead));
    sync.on('sourceUnavailable', (e) => waits.push(e.message));
    const until = async (ok: () => boolean): Promise<void> => {
      for (let i = 0; i < 400 && !ok(); i += 1) await new Promise((r) => setTimeout(r, 5));
      expect(ok()).toBe(true);
    };
    try {
      const running = sync.run({ watch: { intervalMs: 5 }, signal: controller.signal });
      await until(() => read === 2);
      renameSync(path, `${path}.1`); // rotated away; the new file comes a moment later
      await until(() => waits.length > 0);
      writeFileSync(path, line('10') + line('11') + line('12'));
      await until(() => read === 5);
      controller.abort();
      await expect(running).resolves.toMatchObject({ postsRead: 5, casesCreated: 5, deadLettered: 0 });
      expect(waits[0]).toContain('JSONL file not found');
    } finally {
      controller.abort();
      await sync.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('settings', () => {
  it('refuses an unknown or misspelt setting with a ConfigError naming it', () => {
    const make = (extra: Record<string, unknown>) => () => createSync({ source: arraySource([]), crm: localCrmAdapter(), brand: BRAND, ...extra } as Parameters<typeof createSync>[0]);
    expect(make({ batchSzie: 10 })).toThrow(ConfigError);
    expect(make({ batchSzie: 10 })).toThrow(/batchSzie/);
    expect(make({ threads: { reopenWindowDay: 3 } })).toThrow(/reopenWindowDay/);
    expect(make({ threads: { reopenWindowDays: 3 } })).not.toThrow();
  });
});

describe('dry-run', () => {
  it('reports what it would do and writes nothing: CRM, state and checkpoint untouched', async () => {
    const { crm, state, make } = setup(conversation(), 3);
    const planned: number[] = [];
    const sync = make(conversation(), true);
    sync.on('planned', (e) => planned.push(e.batch));
    const dry = await sync.run();
    expect(dry).toMatchObject({ dryRun: true, casesCreated: 5, commentsAdded: 1, outboundComments: 2, contactsCreated: 3 });
    expect(planned.length).toBeGreaterThan(0);
    expect(crm.snapshot()).toMatchObject({ cases: [], contacts: [], comments: [] });
    expect(await state.getCheckpoint('array')).toBeNull();
    const real = await make().run();
    expect(real).toMatchObject({ dryRun: false, casesCreated: dry.casesCreated, commentsAdded: dry.commentsAdded, contactsCreated: dry.contactsCreated });
  });
});

/** The local CRM with every plan item of one kind failing the way a Salesforce validation rule does. */
function failingItems(kind: 'contacts' | 'reopens') {
  const crm = localCrmAdapter();
  const error = { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'blocked by a validation rule' };
  let failing = false;
  const adapter = {
    name: 'local',
    describe: crm.describe.bind(crm),
    lookup: crm.lookup.bind(crm),
    apply: async (plan: Parameters<typeof crm.apply>[0], ctx: Parameters<typeof crm.apply>[1]) => {
      if (!failing) return crm.apply(plan, ctx);
      const result = await crm.apply({ ...plan, [kind]: [] }, ctx);
      return { ...result, [kind]: plan[kind].map((item) => ({ key: item.key, ok: false, error })) };
    },
  };
  return { crm, adapter, fail: (on: boolean) => { failing = on; } };
}

describe('a write whose reply was lost', () => {
  it('counts and announces what the first attempt created when the retried call finds it there', async () => {
    const crm = localCrmAdapter();
    let applies = 0;
    const flaky = {
      name: 'local',
      describe: crm.describe.bind(crm),
      lookup: crm.lookup.bind(crm),
      apply: async (plan: Parameters<typeof crm.apply>[0], ctx: Parameters<typeof crm.apply>[1]) =>
        ctx.call('apply', async () => {
          const result = await crm.apply(plan, directCallContext);
          applies += 1;
          if (applies === 1) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }); // written, reply lost
          return result;
        }),
    };
    const created: string[] = [];
    const comments: string[] = [];
    const sync = createSync({ source: arraySource(conversation()), crm: flaky, brand: BRAND, limits: { minRetryDelayMs: 1, maxRetryDelayMs: 1 } });
    sync.on('caseCreated', (e) => created.push(e.postId));
    sync.on('commentAdded', (e) => comments.push(e.postId));
    const report = await sync.run();
    expect(applies).toBe(2);
    expect(report).toMatchObject({ casesCreated: 5, commentsAdded: 1, outboundComments: 2, contactsCreated: 3, alreadyInCrm: 0, deadLettered: 0 });
    expect(created).toHaveLength(5);
    expect(comments).toHaveLength(3);
    expect(crm.snapshot().cases).toHaveLength(5);
    await sync.close();
  });
});

describe('failed side writes of a synced post', () => {
  it('dead-letters a Contact update the CRM refuses (the post is synced), and retries it with the author\'s next post', async () => {
    const { crm, adapter, fail } = failingItems('contacts');
    const state = memoryStateStore();
    await createSync({ source: arraySource([tweet('500', 1100, ANN, '@AcmeHelp hi')], 'a'), crm: adapter, state, brand: BRAND }).run();
    fail(true);
    const letters: SyncEvents['deadLettered'][] = [];
    // A repost first (ignored, never the carrier of the letter), then the post that is synced.
    const repost = tweet('500r', 1190, { ...ANN, handle: 'ann_new' }, 'RT @someone: outage again', { kind: 'repost' });
    const sync = createSync({ source: arraySource([repost, tweet('501', 1200, { ...ANN, handle: 'ann_new' }, '@AcmeHelp still broken')], 'b'), crm: adapter, state, brand: BRAND });
    sync.on('deadLettered', (d) => letters.push(d));
    const report = await sync.run();
    expect(report).toMatchObject({ casesCreated: 1, ignored: 1, contactsUpdated: 0, deadLettered: 1 });
    expect(letters).toEqual([expect.objectContaining({ postId: 'twitter:501', stage: 'write', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' })]);
    expect(letters[0]?.reason).toMatch(/updating Contact 003\d+ for twitter:1 \(@ann_new\) failed: blocked by a validation rule; the post itself was synced/);
    expect(await state.listDeadLetters()).toHaveLength(1);
    fail(false);
    const retry = await createSync({ source: arraySource([tweet('502', 1300, { ...ANN, handle: 'ann_new' }, '@AcmeHelp hello?')], 'c'), crm: adapter, state, brand: BRAND }).run();
    expect(retry).toMatchObject({ contactsUpdated: 1, deadLettered: 0 });
    expect(crm.snapshot().contacts[0]?.handles).toEqual([{ provider: 'twitter', handle: 'ann_new' }]);
  });

  it('letters a refused Contact update on the author\'s post that was written, not on one that failed', async () => {
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    await createSync({ source: arraySource([tweet('520', 1450, ANN, '@AcmeHelp hi')], 'a'), crm, state, brand: BRAND }).run();
    const error = { code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'blocked' };
    const adapter = {
      name: 'local',
      describe: crm.describe.bind(crm),
      lookup: crm.lookup.bind(crm),
      apply: async (plan: Parameters<typeof crm.apply>[0], ctx: Parameters<typeof crm.apply>[1]) => {
        const result = await crm.apply({ ...plan, contacts: [], cases: plan.cases.filter((c) => c.key !== 'twitter:521') }, ctx);
        return {
          ...result,
          contacts: plan.contacts.map((c) => ({ key: c.key, ok: false, error })),
          cases: plan.cases.map((c) => (c.key === 'twitter:521' ? { key: c.key, ok: false, error } : (result.cases.find((r) => r.key === c.key) ?? { key: c.key, ok: false }))),
        };
      },
    };
    const renamed = { ...ANN, handle: 'ann_new' };
    const letters: SyncEvents['deadLettered'][] = [];
    const sync = createSync({ source: arraySource([tweet('521', 1500, renamed, '@AcmeHelp first'), tweet('522', 1501, renamed, '@AcmeHelp second')], 'b'), crm: adapter, state, brand: BRAND });
    sync.on('deadLettered', (d) => letters.push(d));
    await sync.run();
    expect(letters.map((d) => [d.postId, d.reason.startsWith('updating Contact')])).toEqual([
      ['twitter:521', false],
      ['twitter:522', true],
    ]);
    expect(letters[1]?.reason).toContain('the post itself was synced');
  });

  it('dead-letters a reopen the CRM refuses: the comment is on the still-closed Case, said in the reason', async () => {
    const { crm, adapter, fail } = failingItems('reopens');
    const state = memoryStateStore();
    const complaint = tweet('510', 1400, ANN, '@AcmeHelp my router is dead');
    await createSync({ source: arraySource([complaint], 'a'), crm: adapter, state, brand: BRAND }).run();
    const caseId = crm.snapshot().cases[0]?.id ?? '';
    await crm.apply({ contacts: [], cases: [], comments: [], reopens: [{ key: 'agent', id: caseId, status: 'Closed' }] }, directCallContext);
    fail(true);
    const letters: SyncEvents['deadLettered'][] = [];
    const sync = createSync({ source: arraySource([reply('511', 1460, ANN, complaint, '@AcmeHelp it died again')], 'b'), crm: adapter, state, brand: BRAND });
    sync.on('deadLettered', (d) => letters.push(d));
    const report = await sync.run();
    expect(report).toMatchObject({ commentsAdded: 1, casesReopened: 0, deadLettered: 1 });
    expect(letters[0]?.reason).toContain(`reopening Case ${caseId} failed: blocked by a validation rule; the comment was added to the Case, which stays closed`);
    expect(crm.snapshot().cases[0]?.status).toBe('Closed');
  });
});

describe('dead letters', () => {
  it('dead-letters the posts of an author no Contact can be made for, and syncs the rest of the batch', async () => {
    // A one-character custom Contact field: Ann's location does not fit in it (a MappingError), Bob has none.
    const crm = localCrmAdapter();
    const ann = { ...ANN, location: 'Springfield' };
    const posts = [tweet('600', 1500, ann, '@AcmeHelp one'), tweet('601', 1501, BOB, '@AcmeHelp two'), tweet('602', 1502, ann, '@AcmeHelp three')];
    const sync = createSync({ source: arraySource(posts), crm, brand: BRAND, mapping: { customFieldMaxLength: 1, contactFields: { Town__c: '{location}.' } } });
    const letters: SyncEvents['deadLettered'][] = [];
    sync.on('deadLettered', (d) => letters.push(d));
    const report = await sync.run();
    expect(report).toMatchObject({ postsRead: 3, casesCreated: 1, contactsCreated: 1, deadLettered: 2 });
    expect(letters.map((d) => [d.postId, d.stage, d.field])).toEqual([
      ['twitter:600', 'map', 'contact.custom.Town__c'],
      ['twitter:602', 'map', 'contact.custom.Town__c'],
    ]);
  });

  it('dead-letters a new bad line of a replaced input file even at a line number that was bad before', () => {
    const dir = mkdtempSync(join(tmpdir(), 'engine-replaced-'));
    const path = join(dir, 'posts.jsonl');
    const line = (p: unknown): string => `${JSON.stringify(p)}\n`;
    const post = (id: string) => ({ id, provider: 'twitter', text: `@AcmeHelp ${id}`, createdAt: '2026-10-01T10:00:00Z', author: { id: `u${id}`, handle: `user${id}` } });
    const run = (state: ReturnType<typeof memoryStateStore>) => createSync({ source: jsonlSource({ path }), crm: localCrmAdapter(), state, brand: BRAND }).run();
    return (async () => {
      const state = memoryStateStore();
      writeFileSync(path, line(post('1')) + '{not json\n' + line(post('2')));
      expect(await run(state)).toMatchObject({ postsRead: 2, deadLettered: 1 });
      // Replaced by a longer export: read again from the top; its bad line 2 is another line.
      writeFileSync(path, line(post('10')) + '{also not json\n' + line(post('11')) + line(post('12')));
      expect(await run(state)).toMatchObject({ postsRead: 3, deadLettered: 1 });
      expect((await state.listDeadLetters()).map((d) => [d.line, d.payload])).toEqual([[2, '{not json'], [2, '{also not json']]);
      // The same file read again: nothing new.
      writeFileSync(path, line(post('10')) + '{also not json\n' + line(post('11')) + line(post('12')) + line(post('13')));
      expect(await run(state)).toMatchObject({ postsRead: 1, deadLettered: 0 });
    })().finally(() => rmSync(dir, { recursive: true, force: true }));
  });

  it('dead-letters invalid input and a record the CRM refuses, and goes on with the rest', async () => {
    const posts: unknown[] = [...conversation(), { id: 'bad', provider: 'twitter', text: 'x', createdAt: 'yesterday', author: ANN }];
    const crm = localCrmAdapter();
    const state = memoryStateStore();
    // A CRM that refuses the Case of post 106 (its subject made too long), as a validation rule would.
    const refusing = {
      ...crm,
      name: 'local',
      describe: crm.describe.bind(crm),
      lookup: crm.lookup.bind(crm),
      apply: (plan: Parameters<typeof crm.apply>[0], ctx: Parameters<typeof crm.apply>[1]) =>
        crm.apply({ ...plan, cases: plan.cases.map((c) => (c.key === 'twitter:106' ? { ...c, fields: { ...c.fields, subject: 'x'.repeat(300) } } : c)) }, ctx),
    };
    const letters: string[] = [];
    const sync = createSync({ source: arraySource(posts), crm: refusing, state, brand: BRAND });
    sync.on('deadLettered', (d) => letters.push(`${d.postId}:${d.stage}:${d.code}`));
    const report = await sync.run();
    expect(report).toMatchObject({ casesCreated: 4, deadLettered: 2 });
    expect(letters).toEqual(['twitter:106:write:STRING_TOO_LONG', 'bad:validate:MAPPING']);
    const stored = await state.listDeadLetters();
    expect(stored.map((d) => d.postId).sort()).toEqual(['bad', 'twitter:106']);
    expect(stored.find((d) => d.postId === 'bad')?.field).toBe('createdAt');
    // A second run reads nothing more and stores no letter twice.
    await createSync({ source: arraySource(posts), crm: refusing, state, brand: BRAND }).run();
    expect(await state.listDeadLetters()).toHaveLength(2);
  });
});
