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
