/** What the job says when something other than a sync stops: no promise of a checkpoint to resume from. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('an error outside a sync', () => {
  it('--check against an unreachable CRM exits 3 without "rerun to resume" (there is no checkpoint in a check)', async () => {
    const path = join(dir, 'job.json');
    writeFileSync(path, JSON.stringify({
      source: { type: 'jsonl', path },
      crm: { type: 'salesforce', loginUrl: 'http://127.0.0.1:1', auth: { flow: 'password', username: 'u@acme.test', password: 'p' } },
      state: { type: 'memory' },
      brand: { handles: ['AcmeHelp'] },
    }));
    const err: string[] = [];
    const io: CliIo = { out: () => undefined, err: (t) => err.push(t), errIsTty: false, env: {} };
    const code = await runCli(['--config', path, '--check'], { io, signal: new AbortController().signal });
    expect(code).toBe(3);
    expect(err.join('')).toMatch(/unavailable/);
    expect(err.join('')).not.toMatch(/checkpoint|Rerun to resume/);
  }, 30_000);
});

describe('a sync stopped by an error before its first batch', () => {
  it('--json still ends with a whole SyncReport (zero counts) and error { code, message }', async () => {
    const path = join(dir, 'job.json');
    const posts = join(dir, 'posts.jsonl');
    writeFileSync(posts, `${JSON.stringify({ id: '1', provider: 'twitter', text: 'down again', createdAt: '2026-11-01T10:00:00Z', author: { id: '7', handle: 'ada' } })}\n`);
    writeFileSync(path, JSON.stringify({
      source: { type: 'jsonl', path: posts },
      crm: { type: 'sugarcrm', baseUrl: 'http://127.0.0.1:1', auth: { username: 'u', password: 'p' } },
      state: { type: 'memory' },
      brand: { handles: ['AcmeHelp'] },
      limits: { retries: 0 },
    }));
    const out: string[] = [];
    const io: CliIo = { out: (t) => out.push(t), err: () => undefined, errIsTty: false, env: {} };
    const code = await runCli(['--config', path, '--json'], { io, signal: new AbortController().signal });
    expect(code).toBe(3);
    const report = JSON.parse(out.at(-1) ?? '') as Record<string, unknown>;
    expect(report).toMatchObject({ postsRead: 0, casesCreated: 0, deadLettered: 0, dryRun: false, deadLetterGroups: [], error: { code: 'TRANSIENT' } });
  }, 30_000);
});
