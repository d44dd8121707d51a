/**
 * Signals reach the job under `npm run` as they do under plain node: SIGTERM to npm (docker stop, a
 * supervisor) stops the job (no orphan left holding the locks), and Ctrl-C (SIGINT to the whole
 * process group, as a terminal sends it) while --watch waits ends with the same exit code with
 * and without npm. The npm scripts `exec` the job so that npm's forwarded signal reaches node itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectStderr, jobArgs, ROOT, watchedInputJob } from './run-job.js';

const npmThere = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts the job in --watch (through npm or plain node, in its own process group), waits until the
 * first batch is done and the job waits for more, sends `signal` to npm only or to the whole group,
 * and resolves with the exit code and the job's own pid (read from its lock file).
 */
async function stopWhileWatching(how: 'npm' | 'node', signal: NodeJS.Signals, target: 'process' | 'group'): Promise<{ code: number | null; jobPid: number; dir: string }> {
  const { dir, config } = watchedInputJob('signals');
  const [command, args] = how === 'npm' ? ['npm', ['run', '--silent', 'sync', '--', '--config', config, '--watch', '0.2']] : [process.execPath, jobArgs(['--config', config, '--watch', '0.2'])];
  const child = spawn(command as string, args as string[], { cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const stderr = collectStderr(child);
  await stderr.waitFor(/batch 1:/);
  const { pid: jobPid } = JSON.parse(readFileSync(join(dir, 'crm.json.lock'), 'utf8')) as { pid: number };
  await new Promise((r) => setTimeout(r, 400)); // the job is now waiting for the next poll
  if (target === 'group') process.kill(-(child.pid as number), signal);
  else child.kill(signal);
  const code = await exit;
  if (process.env['SCC_DEBUG_SIGNALS']) process.stderr.write(`--- ${how} ${signal} ${target}: ${code}\n${stderr.text()}\n`);
  // Give an orphan a moment to show; then make sure no test leaves one behind.
  await new Promise((r) => setTimeout(r, 500));
  if (alive(jobPid)) process.kill(jobPid, 'SIGKILL');
  return { code, jobPid, dir };
}

describe.skipIf(!npmThere)('signals under npm run and plain node', () => {
  it('SIGTERM to the npm process stops the job: no orphan, both locks released, the job\'s own exit code', async () => {
    const { code, jobPid, dir } = await stopWhileWatching('npm', 'SIGTERM', 'process');
    expect(alive(jobPid)).toBe(false);
    expect(existsSync(join(dir, 'crm.json.lock'))).toBe(false);
    expect(existsSync(join(dir, 'state.json.lock'))).toBe(false);
    expect(code).toBe(1); // caught up, 4 dead letters in the input: the job's code, not npm's death by signal
  }, 60_000);

  it('Ctrl-C while --watch waits exits the same way with and without npm', async () => {
    const viaNpm = await stopWhileWatching('npm', 'SIGINT', 'group');
    const plain = await stopWhileWatching('node', 'SIGINT', 'group');
    expect(plain.code).toBe(1);
    expect(viaNpm.code).toBe(plain.code);
    expect(alive(viaNpm.jobPid)).toBe(false);
    expect(existsSync(join(viaNpm.dir, 'crm.json.lock'))).toBe(false);
  }, 60_000);
});
