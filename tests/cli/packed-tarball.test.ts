/**
 * The package as a user installs it: `npm pack`, the tarball unpacked into a temp project's
 * node_modules the way npm lays it out (runtime dependencies beside it, its bin linked in
 * node_modules/.bin), then the shipped CLI run on the bundled sample. Offline: the dependencies are
 * linked from this repository's node_modules instead of downloaded (`.ci/run` also does a real
 * `npm install` of the tarball). Skipped only when `npm` or `tar` is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lastJson, ROOT, tempDir } from '../e2e/run-job.js';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const toolsThere = has('npm') && has('tar');

/** Newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

function run(command: string, args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, npm_config_loglevel: 'error' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!toolsThere)('the packed tarball, installed into a project', () => {
  const project = tempDir('installed');
  const installed = join(project, 'node_modules', 'social-crm-connector');
  let files: string[] = [];

  beforeAll(() => {
    // The tarball ships dist/: build it when it is missing or older than the sources.
    const built = join(ROOT, 'dist', 'cli.js');
    if (!existsSync(built) || statSync(built).mtimeMs < newest(join(ROOT, 'src'))) {
      const b = run('npm', ['run', 'build', '--silent'], ROOT);
      if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
    }
    const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], ROOT);
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    files = (info?.files ?? []).map((f) => f.path);
    mkdirSync(installed, { recursive: true });
    const untar = run('tar', ['-xzf', join(project, info?.filename ?? ''), '-C', installed, '--strip-components=1'], project);
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    // What npm install does next, without the network: dependencies beside the package, the bin linked.
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; bin: Record<string, string> };
    for (const dep of Object.keys(manifest.dependencies)) symlinkSync(join(ROOT, 'node_modules', dep), join(project, 'node_modules', dep), 'dir');
    mkdirSync(join(project, 'node_modules', '.bin'));
    for (const [name, target] of Object.entries(manifest.bin)) symlinkSync(join('..', 'social-crm-connector', target), join(project, 'node_modules', '.bin', name));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'admin-job', version: '1.0.0', private: true, type: 'module' }));
    writeFileSync(
      join(project, 'job.json'),
      JSON.stringify({
        source: { type: 'jsonl', path: join(ROOT, 'examples/data/sample-posts.jsonl') },
        crm: { type: 'local', path: join(project, 'crm.json'), seed: join(ROOT, 'examples/data/seed-crm.json') },
        state: { type: 'file', path: join(project, 'state.json') },
        brand: { handles: ['AcmeHelp', 'AcmeTelecom'], ids: ['900000000000000001', '900000000000000002'] },
        triage: { rules: [{ name: 'thanks', when: { keywords: ['thanks', 'thank you', 'cheers', 'appreciate it'], maxLength: 80 }, action: 'comment' }] },
      }),
    );
  }, 300_000);

  it('ships the built CLI with its bin entry and shebang, and no sources or tests', () => {
    expect(files).toContain('dist/cli.js');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(manifest.bin).toEqual({ 'social-crm-sync': './dist/cli.js' });
    expect(readFileSync(join(installed, 'dist/cli.js'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('runs as plain node from the installed package: the sample into the seeded CRM, exact counts', () => {
    const r = run(process.execPath, [join(installed, 'dist/cli.js'), '--config', 'job.json', '--json'], project);
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r)).toMatchObject({ postsRead: 407, duplicates: 3, ignored: 17, casesCreated: 128, casesReopened: 1, commentsAdded: 103, outboundComments: 156, contactsCreated: 65, deadLettered: 0, crmCalls: 7 });
    expect(existsSync(join(project, 'crm.json'))).toBe(true);
  });

  it('runs through its bin link (what npx social-crm-sync runs), and the rerun creates nothing', () => {
    const r = run(join(project, 'node_modules/.bin/social-crm-sync'), ['--config', 'job.json', '--json'], project);
    expect(r.status, r.stderr).toBe(0);
    expect(lastJson(r)).toMatchObject({ postsRead: 0, casesCreated: 0 });
    const help = run('npx', ['--offline', '--no-install', 'social-crm-sync', '--help'], project);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('Usage: social-crm-sync');
  });

  it('exports the job config schema to integrators (ESM and CommonJS)', () => {
    const esm = run(process.execPath, ['--input-type=module', '-e', "const { JobConfigSchema, parseJobConfig } = await import('social-crm-connector/cli'); const fs = await import('node:fs'); const raw = JSON.parse(fs.readFileSync('job.json', 'utf8')); console.log(JobConfigSchema.safeParse(raw).success, parseJobConfig(raw).batchSize);"], project);
    expect(esm.stdout.trim(), esm.stderr).toBe('true 200');
    const cjs = run(process.execPath, ['-e', "const { JobConfigSchema } = require('social-crm-connector/cli'); console.log(typeof JobConfigSchema.safeParse);"], project);
    expect(cjs.stdout.trim(), cjs.stderr).toBe('function');
  });
});
