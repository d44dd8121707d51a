/**
 * `social-crm-sync --help | head -3`, `--list-dead-letters | head`: the reader closes stdout early.
 * The job used to die on an unhandled EPIPE with a stack trace; it now goes quiet and exits as usual.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jobArgs, ROOT } from '../e2e/run-job.js';

describe('stdout closed by its reader', () => {
  it('no stack trace, the usual exit code', async () => {
    const child = spawn(process.execPath, jobArgs(['--help']), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the job writes
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(code).toBe(0);
  }, 60_000);
});
