import { describe, expect, it } from 'vitest';
import { parseJobArgs } from '../../src/cli/args.js';
import { argvWithNpmFlags } from '../../src/cli/npm-flags.js';

describe('job arguments', () => {
  it('parses the flags', () => {
    expect(parseJobArgs(['--config', 'c.yaml'])).toEqual({ config: 'c.yaml', dryRun: false, watchSeconds: undefined, json: false, help: false, check: false, apply: false });
    expect(parseJobArgs(['--config', 'c.yaml', '--watch', '--json'])).toMatchObject({ watchSeconds: 60, json: true });
    expect(parseJobArgs(['--config', 'c.yaml', '--watch', '5', '--dry-run'])).toMatchObject({ watchSeconds: 5, dryRun: true });
    expect(parseJobArgs(['--config', 'c.yaml', '--check', '--apply'])).toMatchObject({ check: true, apply: true });
  });

  it('refuses what makes no sense', () => {
    expect(() => parseJobArgs([])).toThrow(/--config FILE is required/);
    expect(() => parseJobArgs(['--config', 'c', '--once', '--watch', '3'])).toThrow(/exclude each other/);
    expect(() => parseJobArgs(['--config', 'c', '--watch', 'soon'])).toThrow(/number of seconds/);
    expect(() => parseJobArgs(['--config', 'c', '--apply'])).toThrow(/--apply goes with --check/);
    expect(() => parseJobArgs(['--config', 'c', '--check', '--dry-run'])).toThrow(/--check runs alone/);
  });
});

describe('flags npm took for itself (npm run demo --dry-run, without --)', () => {
  const npm = { npm_lifecycle_event: 'demo' };
  it('adds back --dry-run and --json, and says how to spell them', () => {
    const r = argvWithNpmFlags(['--config', 'c.yaml'], { ...npm, npm_config_dry_run: 'true', npm_config_json: 'true' });
    expect(r.argv).toEqual(['--config', 'c.yaml', '--dry-run', '--json']);
    expect(r.notices.join('\n')).toContain('npm run demo -- --dry-run --json');
    expect(parseJobArgs(r.argv)).toMatchObject({ dryRun: true, json: true });
  });

  it('refuses flags whose value npm passed elsewhere, showing the spelling that works', () => {
    expect(() => argvWithNpmFlags(['--config', 'c.yaml', '5'], { ...npm, npm_config_watch: 'true' })).toThrow(/npm run demo -- --watch/);
    expect(() => argvWithNpmFlags(['x.yaml'], { ...npm, npm_config_config: 'true' })).toThrow(/put the job's flags after --/);
  });

  it('changes nothing outside npm, or when the flag reached the job', () => {
    expect(argvWithNpmFlags(['--config', 'c'], { npm_config_dry_run: 'true' }).argv).toEqual(['--config', 'c']);
    expect(argvWithNpmFlags(['--config', 'c', '--dry-run'], { ...npm, npm_config_dry_run: 'true' })).toEqual({ argv: ['--config', 'c', '--dry-run'], notices: [] });
    expect(argvWithNpmFlags(['--config', 'c'], { ...npm, npm_config_dry_run: '' }).argv).toEqual(['--config', 'c']);
  });
});
