/**
 * The real sync job (`source.type: twitter`) in its own process, with the nock fake of X preloaded,
 * through to the local CRM file: Cases, comments and Contacts; the second run resumes by `since_id`
 * and creates nothing; a dry run reads X but writes nothing; the brand may come from the source.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, lastJson, tempDir, writeConfig, type JobRun } from '../../e2e/run-job.js';
import { snowflake, tweet, user, type FakeXOptions, type Recorded } from './fake-x.js';
import { BRAND } from './helpers.js';

const PRELOAD = join(ROOT, 'tests/sources/twitter/fake-x-preload.ts');
const JOB = join(ROOT, 'examples/sync-job.ts');
const T0 = Date.parse('2026-03-02T09:00:00Z');
const dir = tempDir('x-job');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenario(): FakeXOptions {
  const mention = { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } };
  const complaint = tweet(snowflake(T0), '101', '@AcmeHelp my router is down since this morning, order #4711', mention);
  const answer = tweet(snowflake(T0 + 60_000), BRAND, '@ada_l sorry Ada, we are on it', {
    conversation_id: complaint.id,
    in_reply_to_user_id: '101',
    referenced_tweets: [{ type: 'replied_to', id: complaint.id }],
    entities: { mentions: [{ username: 'ada_l', id: '101' }] },
  });
  const followUp = tweet(snowflake(T0 + 120_000), '101', '@AcmeHelp still down!', { ...mention, conversation_id: complaint.id, in_reply_to_user_id: BRAND, referenced_tweets: [{ type: 'replied_to', id: answer.id }] });
  const other = tweet(snowflake(T0 + 180_000), '202', '@AcmeHelp billing charged me twice #fail', { entities: { ...mention.entities, hashtags: [{ tag: 'fail' }] } });
  return {
    mentions: { [BRAND]: [complaint, answer, followUp, other] },
    users: [user('101', 'ada_l', { name: 'Ada Lovelace' }), user('202', 'bobby_tables', { name: 'Bobby Tables' }), user(BRAND, 'AcmeHelp', { name: 'Acme Support' })],
  };
}

function runJob(config: string, args: readonly string[], name: string): JobRun & { requests: Recorded[] } {
  const fake = join(dir, 'fake-x.json');
  writeFileSync(fake, JSON.stringify(scenario()));
  const log = join(dir, `${name}.requests.json`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', PRELOAD, JOB, '--config', config, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SCC_FAKE_X: fake, SCC_FAKE_X_LOG: log, X_BEARER_TOKEN: 'AAAA-test-bearer-secret' },
    timeout: 120_000,
  });
  const requests = existsSync(log) ? (JSON.parse(readFileSync(log, 'utf8')) as Recorded[]) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, requests };
}

interface Crm {
  cases: { externalPostId: string; threadKey: string; contactId: string }[];
  comments: { externalPostId: string; outbound: boolean; caseId: string }[];
  contacts: { id: string; socialIds: { provider: string; id: string }[]; handles: { handle: string }[] }[];
}

const source = { type: 'twitter', auth: { bearerToken: '${X_BEARER_TOKEN}' }, mentions: [BRAND], overlapSeconds: 120 };

describe('the sync job with source.type twitter (fake X preloaded)', () => {
  const crmPath = join(dir, 'crm.json');
  const config = writeConfig(dir, { source, crm: { type: 'local', path: crmPath }, state: { type: 'file', path: join(dir, 'state.json') }, brand: { handles: ['AcmeHelp'], ids: [BRAND] } });

  it('a dry run reads X and writes nothing', () => {
    const run = runJob(config, ['--dry-run', '--json'], 'dry');
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ dryRun: true, casesCreated: 2 });
    expect(run.requests.map((r) => r.path)).toEqual([`/2/users/${BRAND}/mentions`]);
    expect(existsSync(crmPath)).toBe(false);
  });

  it('syncs mentions into Cases, comments and Contacts; the brand reply is an outbound comment', () => {
    const run = runJob(config, ['--json'], 'first');
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ postsRead: 4, casesCreated: 2, contactsCreated: 2, outboundComments: 1, commentsAdded: 1, deadLettered: 0 });
    expect(run.stdout + run.stderr).not.toContain('AAAA-test-bearer-secret');
    const crm = JSON.parse(readFileSync(crmPath, 'utf8')) as Crm;
    const { mentions } = scenario();
    const ids = (mentions?.[BRAND] ?? []).map((t) => `twitter:${t.id}`);
    expect(crm.cases.map((c) => c.externalPostId).sort()).toEqual([ids[0], ids[3]].sort());
    expect(crm.comments.map((c) => [c.externalPostId, c.outbound])).toEqual([[ids[1], true], [ids[2], false]]);
    expect(crm.contacts.map((c) => c.socialIds[0]?.id).sort()).toEqual(['101', '202']);
    expect(run.requests[0]?.query).toMatchObject({ max_results: '100' });
    expect(run.requests[0]?.query['since_id']).toBeUndefined();
  });

  it('the next run reads from the checkpoint by since_id and creates nothing', () => {
    const run = runJob(config, ['--json'], 'second');
    expect(run.status, run.stderr).toBe(0);
    // The 120 s overlap re-reads the last three posts (the engine sees them as duplicates).
    expect(lastJson(run)).toMatchObject({ casesCreated: 0, commentsAdded: 0, contactsCreated: 0, duplicates: 3, sourceCalls: 1 });
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]?.query['since_id']).toMatch(/^\d+$/);
    expect(run.requests[0]?.query['start_time']).toBeUndefined();
  });

  it('a config without brand takes the brand from the source (the mentions accounts): its reply stays outbound', () => {
    const fresh = join(dir, 'nobrand');
    const noBrand = writeConfig(dir, { source, crm: { type: 'local', path: join(fresh, 'crm.json') }, state: { type: 'file', path: join(fresh, 'state.json') } }, 'nobrand.json');
    const run = runJob(noBrand, ['--json'], 'nobrand');
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ casesCreated: 2, outboundComments: 1 });
  });
});
