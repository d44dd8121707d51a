import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePostsJsonl } from '../../bench/generate-posts.js';
import { collectStderr, jobArgs, ROOT, tempDir, watchedInputJob, writeConfig } from './run-job.js';

describe('the job in --watch mode', () => {
  it('picks up posts appended to the input while it polls, and stops cleanly on SIGINT with a summary', async () => {
    const { dir, input, config } = watchedInputJob('watch');
    const child = spawn(process.execPath, jobArgs(['--config', config, '--watch', '0.2', '--json']), { cwd: ROOT });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    const { waitFor, text: stderr } = collectStderr(child);
    await waitFor(/batch 1:/);
    appendFileSync(input, `${JSON.stringify({ id: '1980079000000000001', provider: 'twitter', text: '@AcmeHelp and now the router is blinking red', createdAt: '2026-11-21T09:00:00Z', author: { id: '1400000999', handle: 'late_larry' } })}\n`);
    await waitFor(/batch 2:/);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await exit;
    expect(stderr()).toContain('Stopping after the current batch');
    expect(code).toBe(1); // the 4 broken lines of the first batch were dead-lettered
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
    expect(report).toMatchObject({ postsRead: 4, casesCreated: 4, deadLettered: 4, batches: 2 });
    const crm = JSON.parse(readFileSync(join(dir, 'crm.json'), 'utf8')) as { cases: { externalPostId: string }[] };
    expect(crm.cases.map((c) => c.externalPostId)).toContain('twitter:1980079000000000001');
  }, 60_000);

  it('a --once run stopped by Ctrl-C exits 130 and says the rest is left for the next run', async () => {
    const dir = tempDir('interrupted');
    const input = join(dir, 'posts.jsonl');
    await writePostsJsonl(input, 20_000, 3);
    const config = writeConfig(dir, {
      source: { type: 'jsonl', path: input },
      crm: { type: 'local', path: join(dir, 'crm.json') },
      state: { type: 'file', path: join(dir, 'state.json') },
      brand: { handles: ['AcmeHelp'] },
      batchSize: 50,
    });
    const child = spawn(process.execPath, jobArgs(['--config', config, '--json']), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (!sent && /batch 2:/.test(chunk)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(await exit).toBe(130);
    expect(stdout).toContain('Stopped by a signal before the end of the input');
    const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>; // --json: the last line
    expect(report.postsRead).toBeLessThan(20_000);
  }, 60_000);
});
