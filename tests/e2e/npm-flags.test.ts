import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, ROOT, runJob, tempDir, writeConfig } from './run-job.js';

const npmThere = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status === 0;

function config(dir: string, extra: Record<string, unknown> = {}): string {
  return writeConfig(dir, {
    source: { type: 'jsonl', path: join(ROOT, 'examples/data/sample-posts.jsonl') },
    crm: { type: 'local', path: join(dir, 'crm.json'), seed: join(ROOT, 'examples/data/seed-crm.json') },
    state: { type: 'file', path: join(dir, 'state.json') },
    brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
    ...extra,
  });
}

describe('the job refuses what would do damage', () => {
  it('a config without brand accounts exits 2 naming brand, and writes nothing (it used to sync the brand\'s own posts as Cases)', () => {
    const dir = tempDir('no-brand');
    const run = runJob(['--config', config(dir, { brand: {} })]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('ConfigError [brand]');
    expect(readdirSync(dir)).toEqual(['job.json']);
  });

  it.skipIf(!npmThere)('npm run sync --dry-run (without --) does a dry run, not a real sync, and says how to spell it', () => {
    const dir = tempDir('npm-dry');
    const r = spawnSync('npm', ['run', '--silent', 'sync', '--dry-run', '--json', '--', '--config', config(dir)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson({ status: r.status, stdout: r.stdout, stderr: r.stderr })).toMatchObject({ dryRun: true, postsRead: 407 });
    expect(r.stderr).toContain('npm run sync -- --dry-run --json');
    expect(readdirSync(dir)).toEqual(['job.json']); // nothing written
  });

  it.skipIf(!npmThere)('npm run sync --watch 5 (without --) is refused with the right spelling, nothing written', () => {
    const dir = tempDir('npm-watch');
    const r = spawnSync('npm', ['run', '--silent', 'sync', '--watch', '--', '--config', config(dir)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('npm run sync -- --watch');
    expect(readdirSync(dir)).toEqual(['job.json']);
  });
});
