/**
 * Every file a job cannot use is reported in one run (a new user fixed them one per run before),
 * and a bad path opens nothing, so no CRM file is left behind by a state path that fails.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { jobPathProblems } from '../../src/cli/build/path-checks.js';
import { jobArgs, ROOT } from '../e2e/run-job.js';
import { parseJobConfig } from '../../src/cli/config/parse.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

const SAMPLE = resolve(import.meta.dirname, '../../examples/data/sample-posts.jsonl');
const brand = { handles: ['AcmeHelp'] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-paths-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(config: object, args: string[] = []): Promise<{ code: number; err: string }> {
  const path = join(dir, 'job.json');
  writeFileSync(path, JSON.stringify(config));
  const err: string[] = [];
  const io: CliIo = { out: () => undefined, err: (t) => err.push(t), errIsTty: false, env: {} };
  const code = await runCli(['--config', path, ...args], { io, signal: new AbortController().signal });
  return { code, err: err.join('') };
}

describe('files a job cannot use', () => {
  it('are all reported at once: the missing source and seed, a state under a file; nothing is created', async () => {
    const aFile = join(dir, 'notes.txt');
    writeFileSync(aFile, 'x');
    const run = await cli({
      source: { type: 'jsonl', path: join(dir, 'nowhere/posts.jsonl') },
      crm: { type: 'local', path: join(dir, 'crm/crm.json'), seed: join(dir, 'nowhere/seed.json') },
      state: { type: 'sqlite', path: join(aFile, 'state.db') },
      brand,
    });
    expect(run.code).toBe(2);
    expect(run.err).toContain('3 problems');
    expect(run.err).toContain(`source.path: no such file: ${join(dir, 'nowhere/posts.jsonl')}`);
    expect(run.err).toContain(`crm.seed: no such file: ${join(dir, 'nowhere/seed.json')}`);
    expect(run.err).toContain(`state.path: cannot use ${join(aFile, 'state.db')}: a part of the path is a file, not a folder (${aFile})`);
    expect(existsSync(join(dir, 'crm'))).toBe(false);
  });

  it('a bad state path leaves no CRM file behind (the CRM used to be opened first)', async () => {
    const aFile = join(dir, 'notes.txt');
    writeFileSync(aFile, 'x');
    const run = await cli({ source: { type: 'jsonl', path: SAMPLE }, crm: { type: 'local', path: join(dir, 'crm/crm.json') }, state: { type: 'file', path: join(aFile, 'x/state.json') }, brand });
    expect(run.code).toBe(2);
    expect(run.err).toContain('state.path: cannot use');
    expect(existsSync(join(dir, 'crm'))).toBe(false);
  });

  it('a folder given as a file, a JWT key file and token files are checked too; a dry run does not need the CRM or state to be writable', () => {
    const folder = join(dir, 'state');
    mkdirSync(folder);
    const config = parseJobConfig({
      source: { type: 'twitter', auth: { clientId: 'c', refreshToken: 'r', tokenFile: join(dir, 'notes.txt/x-tokens.json') }, mentions: ['900000000000000001'] },
      crm: { type: 'salesforce', instanceUrl: 'https://acme.my.salesforce.com', auth: { flow: 'jwt', clientId: 'c', username: 'u@acme.test', privateKeyFile: join(dir, 'key.pem') }, tokenFile: folder },
      state: { type: 'sqlite', path: folder },
    });
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(jobPathProblems(config, { readOnly: true }).map((p) => p.field)).toEqual(['crm.auth.privateKeyFile', 'source.auth.tokenFile', 'crm.tokenFile', 'state.path']);
    expect(jobPathProblems(config, { readOnly: true }).find((p) => p.field === 'state.path')?.message).toBe(`cannot use ${folder}: it is a folder, not a file (name a file in that folder)`);
  });
});

describe.skipIf(process.platform !== 'linux')('a state folder the kernel will not create (under /proc)', () => {
  it('is a config error naming state.path, not a job spinning at 100 % CPU (Node\'s recursive mkdir loops there)', () => {
    const config = join(dir, 'proc.json');
    writeFileSync(config, JSON.stringify({ source: { type: 'jsonl', path: SAMPLE }, crm: { type: 'local', path: join(dir, 'crm.json') }, state: { type: 'sqlite', path: '/proc/scc-no-such-folder/state.db' }, brand }));
    const run = spawnSync(process.execPath, jobArgs(['--config', config]), { cwd: ROOT, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('state.path: cannot use /proc/scc-no-such-folder/state.db: the folder /proc/scc-no-such-folder cannot be created');
    expect(existsSync(join(dir, 'crm.json'))).toBe(false);
  }, 30_000);
});
