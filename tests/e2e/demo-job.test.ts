import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, ROOT, runJob, tempDir, writeConfig, type JobRun } from './run-job.js';

/** The demo config, pointed at a temp directory. */
function demoConfig(dir: string, extra: Record<string, unknown> = {}): string {
  return writeConfig(dir, {
    source: { type: 'jsonl', path: join(ROOT, 'examples/data/sample-posts.jsonl') },
    crm: { type: 'local', path: join(dir, 'crm.json'), seed: join(ROOT, 'examples/data/seed-crm.json') },
    state: { type: 'file', path: join(dir, 'state.json') },
    brand: BRAND,
    triage: { rules: [{ name: 'thanks', when: { keywords: ['thanks', 'thank you', 'cheers', 'appreciate it'], maxLength: 80 }, action: 'comment' }] },
    ...extra,
  });
}

interface Crm {
  cases: { id: string; externalPostId: string | null; threadKey: string | null; status: string; contactId: string | null; parentId: string | null; subject: string; description: string }[];
  contacts: { id: string; handles: { handle: string }[]; socialIds: { id: string }[]; email: string | null }[];
  comments: { id: string; caseId: string; externalPostId: string | null; outbound: boolean; body: string }[];
}
const readCrm = (dir: string): Crm => JSON.parse(readFileSync(join(dir, 'crm.json'), 'utf8')) as Crm;
const seed = JSON.parse(readFileSync(join(ROOT, 'examples/data/seed-crm.json'), 'utf8')) as Crm;
/** The sample's brand accounts (a job config must name at least one). */
const BRAND = { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] };
const tw = (block: number, n: number): string => `twitter:1980${String(block).padStart(3, '0')}${String(n).padStart(6, '0').padStart(12, '0')}`;

const EXPECTED = {
  postsRead: 407, duplicates: 3, ignored: 17, alreadyInCrm: 0, casesCreated: 128, casesReopened: 1, commentsAdded: 103, outboundComments: 156,
  contactsCreated: 65, contactsMatched: 7, contactsUpdated: 4, nameSuggestions: 1, deadLettered: 0, crmCalls: 7, batches: 3, dryRun: false,
};

describe('the demo job (sample posts into the seeded local CRM)', () => {
  const dir = tempDir('demo');
  let first: JobRun;
  let crm: Crm;
  beforeAll(() => {
    first = runJob(['--config', demoConfig(dir), '--json']);
    crm = readCrm(dir);
  });

  it('exits 0 and reports exact counts', () => {
    expect(first.status, first.stderr).toBe(0);
    expect(lastJson(first)).toMatchObject(EXPECTED);
    // Every post read is accounted for exactly once (no dead letters here).
    const e = EXPECTED;
    expect(e.duplicates + e.ignored + e.alreadyInCrm + e.casesCreated + e.commentsAdded + e.outboundComments).toBe(e.postsRead);
    expect(first.stdout).toContain('Sync finished.');
    expect(first.stderr).toMatch(/batch 3: 407 posts read/);
  });

  it('agrees with the CRM file', () => {
    expect(crm.cases).toHaveLength(seed.cases.length + EXPECTED.casesCreated);
    expect(crm.contacts).toHaveLength(seed.contacts.length + EXPECTED.contactsCreated);
    expect(crm.comments).toHaveLength(seed.comments.length + EXPECTED.commentsAdded + EXPECTED.outboundComments);
    expect(crm.comments.filter((c) => c.outbound && c.externalPostId !== null && !seed.comments.some((s) => s.id === c.id))).toHaveLength(EXPECTED.outboundComments);
    const ids = crm.cases.map((c) => c.externalPostId).filter((x) => x !== null);
    expect(new Set(ids).size).toBe(ids.length);
    const commentIds = crm.comments.map((c) => c.externalPostId).filter((x) => x !== null);
    expect(new Set(commentIds).size).toBe(commentIds.length);
  });

  it('matches authors into the existing CRM by id, handle and email, and only suggests by name', () => {
    const contact = (id: string) => crm.contacts.find((c) => c.id === id);
    expect(contact('0035g00000AcMeC001')?.handles.map((h) => h.handle)).toEqual(['danawhitfield']); // renamed from dana_whit
    expect(contact('0035g00000AcMeC002')?.socialIds.map((s) => s.id)).toEqual(['1400000302']); // matched by handle
    expect(contact('0035g00000AcMeC003')?.socialIds.map((s) => s.id)).toEqual(['1400000303']); // matched by email
    expect(contact('0035g00000AcMeC004')?.socialIds).toEqual([]); // name only: never merged
    const margaret = crm.cases.find((c) => c.externalPostId === tw(66, 8));
    expect(margaret?.contactId).not.toBe('0035g00000AcMeC004');
  });

  it('records the method and confidence of every match in the state', () => {
    type Identity = { contactId: string; method: string; confidence: number };
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { identities: Record<string, Identity> };
    const of = (contactId: string) => Object.values(state.identities).find((i) => i.contactId === contactId);
    expect(of('0035g00000AcMeC002')).toMatchObject({ method: 'handle', confidence: 0.9 });
    expect(of('0035g00000AcMeC003')).toMatchObject({ method: 'email', confidence: 0.8 });
    expect(of('0035g00000AcMeC001')).toMatchObject({ method: 'providerId', confidence: 1 });
    const methods = new Set(Object.values(state.identities).map((i) => i.method));
    expect(methods).toEqual(new Set(['providerId', 'handle', 'email', 'created']));
    expect(Object.values(state.identities).every((i) => i.confidence > 0 && i.confidence <= 1)).toBe(true);
  });

  it('reopens inside the window, opens a follow-up outside it, joins an open Case', () => {
    expect(crm.cases.find((c) => c.id === '5005g00000AcMeK001')?.status).toBe('Reopened');
    expect(crm.comments.some((c) => c.caseId === '5005g00000AcMeK001' && c.externalPostId === tw(67, 1))).toBe(true);
    const followUp = crm.cases.find((c) => c.externalPostId === tw(67, 3));
    expect(followUp).toMatchObject({ parentId: '5005g00000AcMeK002', threadKey: 'twitter:1979000000000000102', status: 'New' });
    expect(crm.comments.find((c) => c.externalPostId === tw(67, 5))?.caseId).toBe('5005g00000AcMeK003');
  });

  it('keeps a 100+ reply chain on one Case and gives each broadcast replier their own Case', () => {
    const chainCase = crm.cases.find((c) => c.externalPostId === tw(50, 1));
    expect(crm.comments.filter((c) => c.caseId === chainCase?.id)).toHaveLength(104);
    const broadcast = crm.cases.filter((c) => c.threadKey === 'twitter:1980060000000000001');
    expect(broadcast).toHaveLength(6);
    expect(new Set(broadcast.map((c) => c.contactId)).size).toBe(6);
    const first = broadcast.find((c) => c.parentId === null);
    expect(broadcast.filter((c) => c.parentId === first?.id)).toHaveLength(5);
    expect(crm.cases.some((c) => c.externalPostId === 'twitter:1980060000000000001')).toBe(false);
  });

  it('stores hostile text safely within the field limits', () => {
    const long = crm.cases.find((c) => c.externalPostId === tw(70, 4));
    expect(long?.description.length).toBeLessThanOrEqual(32_000);
    expect(long?.subject.length).toBeLessThanOrEqual(255);
    for (const c of crm.cases) expect(c.subject).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    for (const c of crm.comments) expect(Buffer.byteLength(c.body, 'utf8')).toBeLessThanOrEqual(4000);
    expect(crm.cases.find((c) => c.externalPostId === tw(70, 6))?.subject).toMatch(/\(no text\)/);
  });

  it('creates nothing new when run again, and prints the summary', () => {
    const again = runJob(['--config', demoConfig(dir), '--json']);
    expect(again.status).toBe(0);
    expect(lastJson(again)).toMatchObject({ postsRead: 0, casesCreated: 0, commentsAdded: 0, contactsCreated: 0 });
    expect(readCrm(dir)).toEqual(crm);
  });

  it('creates nothing new when the state was lost (the CRM knows every post)', () => {
    const other = tempDir('demo-lost');
    const config = demoConfig(other, { crm: { type: 'local', path: join(dir, 'crm.json') } });
    const replay = runJob(['--config', config, '--json']);
    expect(lastJson(replay)).toMatchObject({ postsRead: 407, casesCreated: 0, casesReopened: 0, commentsAdded: 0, outboundComments: 0, contactsCreated: 0, deadLettered: 0 });
    expect(readCrm(dir).cases).toHaveLength(crm.cases.length);
    expect(readCrm(dir).comments).toHaveLength(crm.comments.length);
  });
});

describe('the job as an admin meets it', () => {
  it('--dry-run prints the plan, reports the same counts and writes no file at all', () => {
    const dir = tempDir('dry');
    const run = runJob(['--config', demoConfig(dir), '--dry-run', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ ...EXPECTED, dryRun: true, crmCalls: 4 });
    expect(run.stdout).toContain('Plan for batch 1:');
    expect(run.stdout).toMatch(/\+ create Case twitter:\d+ \[(High|Medium|Low)\]/);
    expect(readdirSync(dir)).toEqual(['job.json']);
  });

  it('exits 2 with a plain message naming the wrong key, writing nothing', () => {
    const dir = tempDir('bad-config');
    const config = writeConfig(dir, { source: { type: 'jsonl', path: 'x.jsonl' }, crm: { type: 'local', path: join(dir, 'crm.json') }, brand: BRAND, batchSze: 10 });
    const run = runJob(['--config', config]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("ConfigError [batchSze]: Config error: batchSze: unknown key (did you mean 'batchSize'?)");
    const typed = writeConfig(dir, { source: { type: 'jsonl', path: 'x.jsonl' }, crm: { type: 'nosuchcrm', path: 'y' }, brand: BRAND }, 'typed.json');
    const wrongType = runJob(['--config', typed]);
    expect(wrongType.status).toBe(2);
    expect(wrongType.stderr).toContain('[crm.type]: Config error: crm.type: must be one of: "local", "salesforce"');
    expect(existsSync(join(dir, 'crm.json'))).toBe(false);
  });

  it('exits 2 naming the key when a path points at a folder or through a file', () => {
    const dir = tempDir('bad-paths');
    const input = join(ROOT, 'examples/data/bad-lines.jsonl');
    const folderAsSource = runJob(['--config', writeConfig(dir, { source: { type: 'jsonl', path: dir }, crm: { type: 'local', path: join(dir, 'crm.json') }, brand: BRAND }, 'a.json')]);
    expect(folderAsSource.status).toBe(2);
    expect(folderAsSource.stderr).toContain(`source.path: ${dir} is not a file`);
    const underAFile = join(dir, 'a.json', 'crm.json');
    const crmUnderFile = runJob(['--config', writeConfig(dir, { source: { type: 'jsonl', path: input }, crm: { type: 'local', path: underAFile }, brand: BRAND }, 'b.json')]);
    expect(crmUnderFile.status).toBe(2);
    expect(crmUnderFile.stderr).toContain(`crm.path: cannot use ${underAFile}: a part of the path is a file, not a folder`);
    const stateIsFolder = runJob(['--config', writeConfig(dir, { source: { type: 'jsonl', path: input }, crm: { type: 'local', path: join(dir, 'crm.json') }, state: { type: 'file', path: dir }, brand: BRAND }, 'c.json')]);
    expect(stateIsFolder.status).toBe(2);
    expect(stateIsFolder.stderr).toContain('state.path: cannot use');
    expect(existsSync(join(dir, 'crm.json.lock'))).toBe(false); // the CRM's lock was released
    mkdirSync(join(dir, 'crm.json.lock')); // a folder where the lock file goes
    const lockIsFolder = runJob(['--config', writeConfig(dir, { source: { type: 'jsonl', path: input }, crm: { type: 'local', path: join(dir, 'crm.json') }, brand: BRAND }, 'd.json')]);
    expect(lockIsFolder.status).toBe(2);
    expect(lockIsFolder.stderr).toContain(`crm.path: cannot use ${join(dir, 'crm.json.lock')}: it is a folder, not a file`);
  });

  it('exits 2 when another process holds the CRM or state file, writing nothing', () => {
    const dir = tempDir('locked');
    const owner = JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-11-23T10:00:00.000Z' });
    writeFileSync(join(dir, 'crm.json.lock'), owner); // this test process is alive: the job must not take its lock
    const run = runJob(['--config', demoConfig(dir)]);
    expect(run.status).toBe(2);
    // The bracket names the setting to fix; the message names the file.
    expect(run.stderr).toContain(`ConfigError [crm.path]: ${join(dir, 'crm.json')} is in use by another process (pid ${process.pid}`);
    expect(run.stderr).toContain('crm.json.lock');
    expect(existsSync(join(dir, 'state.json'))).toBe(false);
    expect(existsSync(join(dir, 'crm.json'))).toBe(false); // not even the seed copy
    rmSync(join(dir, 'crm.json.lock'));
    writeFileSync(join(dir, 'state.json.lock'), owner);
    const stateLocked = runJob(['--config', demoConfig(dir)]);
    expect(stateLocked.status).toBe(2);
    expect(stateLocked.stderr).toContain(`ConfigError [state.path]: ${join(dir, 'state.json')} is in use by another process`);
    expect(existsSync(join(dir, 'crm.json.lock'))).toBe(false); // the CRM's lock was never taken
    expect(existsSync(join(dir, 'crm.json'))).toBe(false); // nor the seed copied
  });

  it('exits 2 naming the env var and the key when a referenced env var is missing', () => {
    const dir = tempDir('env');
    const config = writeConfig(dir, {
      source: { type: 'jsonl', path: '${SCC_TEST_INPUT}' },
      crm: { type: 'local', path: join(dir, 'crm.json') },
      brand: BRAND,
    });
    const run = runJob(['--config', config], { SCC_TEST_INPUT: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SCC_TEST_INPUT');
    expect(run.stderr).toContain('source.path');
  });

  it('exits 1 when lines were dead-lettered, after syncing the rest', () => {
    const dir = tempDir('bad-lines');
    const config = writeConfig(dir, {
      source: { type: 'jsonl', path: join(ROOT, 'examples/data/bad-lines.jsonl') },
      crm: { type: 'local', path: join(dir, 'crm.json') },
      state: { type: 'file', path: join(dir, 'state.json') },
      brand: BRAND,
    });
    const run = runJob(['--config', config, '--json']);
    expect(run.status).toBe(1);
    expect(lastJson(run)).toMatchObject({ postsRead: 3, casesCreated: 3, deadLettered: 4 });
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { deadLetters: { line?: number; field?: string }[] };
    expect(state.deadLetters.map((d) => [d.line, d.field ?? null])).toEqual([[2, null], [4, 'author.handle'], [5, 'createdAt'], [7, 'text']]);
  });

  it('--help explains the flags and exit codes', () => {
    const run = runJob(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--dry-run');
    expect(run.stdout).toContain('Exit codes');
  });
});
