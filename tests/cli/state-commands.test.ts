import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BAD_LINES = join(ROOT, 'examples/data/bad-lines.jsonl');
const brand = { handles: ['AcmeHelp'], ids: ['900000000000000001'] };

function captured(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false, env: {} } };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = (state?: object): string => {
  const path = join(dir, 'job.json');
  writeFileSync(path, JSON.stringify({ source: { type: 'jsonl', path: BAD_LINES }, crm: { type: 'local', path: join(dir, 'crm.json') }, brand, ...(state === undefined ? {} : { state }) }));
  return path;
};
const cli = async (args: string[]): Promise<{ code: number; out: string[]; err: string[] }> => {
  const c = captured();
  const code = await runCli(args, { io: c.io, signal: new AbortController().signal });
  return { code, out: c.out, err: c.err };
};

describe('the job and its state', () => {
  it('defaults to a SQLite state beside the CRM; the summary groups the dead letters; the tools list, replay and compact them', async () => {
    const job = config();
    const first = await cli(['--config', job, '--json']);
    expect(first.code).toBe(1);
    const report = JSON.parse(first.out.at(-1) ?? '') as { deadLettered: number; deadLetterGroups: { count: number; reason: string; postIds: string[] }[] };
    expect(report.deadLettered).toBeGreaterThan(0);
    expect(report.deadLetterGroups.reduce((n, g) => n + g.count, 0)).toBe(report.deadLettered);
    expect(report.deadLetterGroups[0]?.postIds.length).toBeGreaterThan(0);
    const summary = first.out.find((l) => l.includes('could not be synced')) ?? '';
    expect(summary).toMatch(/--list-dead-letters/);
    expect(summary).toMatch(/\n {2}\d+ × .+ \(.+\)/);

    const listed = await cli(['--config', job, '--list-dead-letters', '--json']);
    expect(listed.code).toBe(1);
    const rows = listed.out.map((l) => JSON.parse(l) as { postId: string; reason: string; at: string; stage: string; id: string });
    expect(rows).toHaveLength(report.deadLettered);
    expect(rows.every((r) => r.postId !== '' && r.reason !== '' && r.at !== '' && r.stage !== '')).toBe(true);
    const text = await cli(['--config', job, '--list-dead-letters']);
    expect(text.out).toHaveLength(report.deadLettered);

    const dry = await cli(['--config', job, '--replay-dead-letters', '--dry-run', '--json']);
    expect(JSON.parse(dry.out.at(-1) ?? '')).toMatchObject({ letters: report.deadLettered, dryRun: true });
    // A code no letter has (a typo) is refused naming the codes there are, not a replay of nothing that reads like success.
    const replayed = await cli(['--config', job, '--replay-dead-letters', '--only', 'NO_SUCH_CODE', '--json']);
    expect(replayed.code).toBe(2);
    expect(replayed.out).toEqual([]);
    expect(replayed.err.join('')).toMatch(/--only NO_SUCH_CODE: no dead letter has this code; the state's letters have: MAPPING \(\d+\), SOURCE \(\d+\)/);
    const mapping = await cli(['--config', job, '--replay-dead-letters', '--only', 'MAPPING', '--dry-run', '--json']);
    expect(JSON.parse(mapping.out.at(-1) ?? '')).toMatchObject({ dryRun: true });
    expect((JSON.parse(mapping.out.at(-1) ?? '') as { letters: number }).letters).toBeGreaterThan(0);
    expect((await cli(['--config', job, '--list-dead-letters'])).out).toHaveLength(report.deadLettered);

    const compacted = await cli(['--config', job, '--compact-state']);
    expect(compacted.code).toBe(0);
    expect(compacted.out[0]).toMatch(/^Dropped 0 post record\(s\)/);
    const again = await cli(['--config', job, '--json']);
    expect(JSON.parse(again.out.at(-1) ?? '')).toMatchObject({ postsRead: 0, deadLettered: 0 });
  });

  it('a run stopped by an error still ends stdout with its --json report and error { code, message }', async () => {
    const input = join(dir, 'posts.jsonl');
    writeFileSync(input, readFileSync(BAD_LINES));
    const path = join(dir, 'job-error.json');
    writeFileSync(path, JSON.stringify({ source: { type: 'jsonl', path: input }, crm: { type: 'local', path: join(dir, 'crm.json') }, state: { type: 'memory' }, brand }));
    const c = captured();
    // The input disappears after the job has opened everything, before the first read.
    const io: CliIo = { ...c.io, err: (t) => (t.includes('state: memory') ? rmSync(input) : c.err.push(t)) };
    const code = await runCli(['--config', path, '--json'], { io, signal: new AbortController().signal });
    expect(code).toBe(3);
    const last = JSON.parse(c.out.at(-1) ?? '') as { error?: { code: string; message: string } };
    expect(last.error?.code).toMatch(/^[A-Z_]+$/);
    expect(last.error?.message).toContain(input);
  });

  it('keeps the possible duplicates by name for review: --list-suggestions [--csv]', async () => {
    const path = join(dir, 'demo.json');
    writeFileSync(path, JSON.stringify({
      source: { type: 'jsonl', path: join(ROOT, 'examples/data/sample-posts.jsonl') },
      crm: { type: 'local', path: join(dir, 'crm.json'), seed: join(ROOT, 'examples/data/seed-crm.json') },
      brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
    }));
    const run = await cli(['--config', path, '--json']);
    const { nameSuggestions } = JSON.parse(run.out.at(-1) ?? '') as { nameSuggestions: number };
    expect(nameSuggestions).toBeGreaterThan(0);
    const csv = await cli(['--config', path, '--list-suggestions', '--csv']);
    expect(csv.code).toBe(0);
    expect(csv.out[0]).toBe('author,handle,contact_created,resembles_contact,resembles_name,score,at');
    const rows = csv.out.slice(1);
    expect(rows.length).toBeGreaterThanOrEqual(nameSuggestions);
    expect(rows[0]).toMatch(/^twitter:\d+,[^,]+,[^,]+,[^,]+,.+,0\.\d\d|1\.00,/);
    expect((await cli(['--config', path, '--list-suggestions'])).out).toHaveLength(rows.length);
  });

  it('a memory state says at start that nothing outlives the run', async () => {
    const run = await cli(['--config', config({ type: 'memory' })]);
    expect(run.err.join('')).toMatch(/state: memory — checkpoints and dead letters will not outlive this run/);
  });

  it('--migrate-state copies a file state into a new SQLite one, which the job then uses', async () => {
    const first = await cli(['--config', config({ type: 'file', path: join(dir, 'state.json') })]);
    expect(first.code).toBe(1);
    const db = join(dir, 'migrated.db');
    const migrated = await cli(['--migrate-state', join(dir, 'state.json'), db]);
    expect(migrated.code).toBe(0);
    expect(migrated.out[0]).toMatch(/Copied .* 1 checkpoint\(s\)/);
    const rerun = await cli(['--config', config({ type: 'sqlite', path: db }), '--json']);
    expect(JSON.parse(rerun.out.at(-1) ?? '')).toMatchObject({ postsRead: 0, casesCreated: 0, deadLettered: 0 });
    expect((await cli(['--migrate-state', join(dir, 'state.json')])).code).toBe(2);
  });
});

describe('a state command on a state that is not there', () => {
  it('says there is no state at state.path (a wrong path is not an empty state) and creates none', async () => {
    const missing = join(dir, 'elsewhere', 'state.db');
    for (const flag of ['--list-dead-letters', '--compact-state', '--list-suggestions']) {
      const run = await cli(['--config', config({ type: 'sqlite', path: missing }), flag]);
      expect(run.code).toBe(0);
      expect(run.err.join('')).toContain(`there is no state at ${missing} (state.path)`);
    }
    expect(existsSync(join(dir, 'elsewhere'))).toBe(false);
  });
});

describe('--migrate-state with the files the wrong way round', () => {
  it('a SQLite state given as FROM is named as such, not "is not valid JSON"', async () => {
    const job = config({ type: 'sqlite', path: join(dir, 'state.db') });
    await cli(['--config', job]);
    const run = await cli(['--migrate-state', join(dir, 'state.db'), join(dir, 'new.db')]);
    expect(run.code).toBe(2);
    expect(run.err.join('')).toContain(`${join(dir, 'state.db')} is a SQLite state already`);
  });
});
