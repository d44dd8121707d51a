/**
 * The job's `--reply POST_ID --text TEXT` in its own process (the nock fake of X preloaded, user
 * keys), through to the local CRM file: the answer is sent once and logged once; the next sync
 * reads it back as a duplicate.
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
const dir = tempDir('x-reply-job');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const complaint = tweet(snowflake(T0), '101', '@AcmeHelp my router is down', { entities: { mentions: [{ username: 'AcmeHelp', id: BRAND }] } });
const replyId = snowflake(T0 + 60_000);
const answer = tweet(replyId, BRAND, 'Sorry Ada, on it', { conversation_id: complaint.id, in_reply_to_user_id: '101', referenced_tweets: [{ type: 'replied_to', id: complaint.id }] });

function runJob(config: string, args: readonly string[], name: string, fakeOptions: FakeXOptions): JobRun & { requests: Recorded[] } {
  const fake = join(dir, `${name}.fake-x.json`);
  writeFileSync(fake, JSON.stringify(fakeOptions));
  const log = join(dir, `${name}.requests.json`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', PRELOAD, JOB, '--config', config, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SCC_FAKE_X: fake, SCC_FAKE_X_LOG: log, X_ACCESS_SECRET: 'secret-access-value' },
    timeout: 120_000,
  });
  const requests = existsSync(log) ? (JSON.parse(readFileSync(log, 'utf8')) as Recorded[]) : [];
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, requests };
}

describe('the job with --reply (fake X preloaded)', () => {
  const crmPath = join(dir, 'crm.json');
  const source = { type: 'twitter', auth: { appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: '${X_ACCESS_SECRET}' }, mentions: [BRAND] };
  const config = writeConfig(dir, { source, crm: { type: 'local', path: crmPath }, state: { type: 'sqlite', path: join(dir, 'state.db') }, brand: { handles: ['AcmeHelp'], ids: [BRAND] } });
  const users = [user('101', 'ada_l'), user(BRAND, 'AcmeHelp')];

  it('sync, reply, sync: one Case, one outbound comment, the reply sent once', () => {
    expect(runJob(config, ['--json'], 'first', { mentions: { [BRAND]: [complaint] }, users }).status).toBe(0);
    const dry = runJob(config, ['--reply', complaint.id, '--text', 'Sorry Ada, on it', '--dry-run'], 'dry', { mentions: {}, users, replyIds: [replyId] });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.requests.filter((r) => r.method === 'POST')).toEqual([]);

    const sent = runJob(config, ['--reply', complaint.id, '--text', 'Sorry Ada, on it', '--json'], 'reply', { mentions: {}, users, replyIds: [replyId] });
    expect(sent.status, sent.stderr).toBe(0);
    expect(lastJson(sent)).toMatchObject({ target: `twitter:${complaint.id}`, replyId: `twitter:${replyId}`, dryRun: false });
    expect(sent.requests.filter((r) => r.method === 'POST')).toEqual([{ method: 'POST', path: '/2/tweets', query: {}, body: { text: 'Sorry Ada, on it', reply: { in_reply_to_tweet_id: complaint.id } } }]);
    expect(sent.stdout + sent.stderr).not.toContain('secret-access-value');

    const poll = runJob(config, ['--json'], 'poll', { mentions: { [BRAND]: [complaint, answer] }, users });
    expect(poll.status, poll.stderr).toBe(0);
    expect(lastJson(poll)).toMatchObject({ casesCreated: 0, outboundComments: 0, commentsAdded: 0 });
    const crm = JSON.parse(readFileSync(crmPath, 'utf8')) as { cases: unknown[]; comments: { externalPostId: string; outbound: boolean }[] };
    expect(crm.cases).toHaveLength(1);
    expect(crm.comments.map((c) => [c.externalPostId, c.outbound])).toEqual([[`twitter:${replyId}`, true]]);
  });

  it('kill -9 after X answered and before the CRM write: the next run lands the comment once, no new Case', () => {
    const killDir = join(dir, 'kill');
    const killCrm = join(killDir, 'crm.json');
    const state = join(killDir, 'state.db');
    const fake = join(dir, 'kill.fake-x.json');
    writeFileSync(fake, JSON.stringify({ mentions: { [BRAND]: [complaint] }, users, replyIds: [replyId] }));
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/sources/twitter/kill-reply-fixture.ts'), killCrm, state, fake, complaint.id, 'Sorry Ada, on it'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    expect(child.stdout).toBe('synced\n');
    // (The local CRM file's journal holds the Case; the file itself is compacted by the next run.)

    // The next run (the brand left out of its config: only the recorded id tells the answer is ours) reads the answer.
    const next = writeConfig(killDir, { source, crm: { type: 'local', path: killCrm }, state: { type: 'sqlite', path: state }, brand: { handles: ['nobody_else'] } }, 'next.json');
    const run = runJob(next, ['--json'], 'after-kill', { mentions: { [BRAND]: [complaint, answer] }, users });
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ casesCreated: 0, commentsAdded: 0, duplicates: 2 });
    expect(run.requests.filter((r) => r.method === 'POST')).toEqual([]);
    const after = JSON.parse(readFileSync(killCrm, 'utf8')) as { cases: unknown[]; comments: { externalPostId: string; outbound: boolean }[] };
    expect(after.cases).toHaveLength(1);
    expect(after.comments.map((c) => [c.externalPostId, c.outbound])).toEqual([[`twitter:${replyId}`, true]]);
    expect(lastJson(runJob(next, ['--json'], 'after-kill-2', { mentions: { [BRAND]: [complaint, answer] }, users }))).toMatchObject({ casesCreated: 0, commentsAdded: 0, outboundComments: 0 });
    expect((JSON.parse(readFileSync(killCrm, 'utf8')) as { comments: unknown[] }).comments).toHaveLength(1);
  });

  it('an unknown post is refused by name, nothing sent', () => {
    const run = runJob(config, ['--reply', '123', '--text', 'hi'], 'unknown', { mentions: {}, users, replyIds: ['1'] });
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('twitter:123');
    expect(run.requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});
