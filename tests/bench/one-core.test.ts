import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { corePinning, firstAllowedCpu } from '../../bench/one-core.js';

describe('one-core pinning of the bench workers', () => {
  it('reads the first CPU of a Cpus_allowed_list', () => {
    expect(firstAllowedCpu('0-1')).toBe(0);
    expect(firstAllowedCpu('3')).toBe(3);
    expect(firstAllowedCpu('2,4-7')).toBe(2);
    expect(firstAllowedCpu('')).toBeUndefined();
  });

  it('can be turned off to compare', () => {
    expect(corePinning({ SCC_BENCH_UNPINNED: '1' })).toMatchObject({ cpu: undefined, prefix: [] });
  });

  it('pins a worker to one CPU where taskset runs (else says it is not pinned)', () => {
    const pinning = corePinning({});
    if (pinning.cpu === undefined) {
      expect(pinning.label).toContain('not pinned');
      return;
    }
    const [command, ...args] = pinning.prefix;
    const allowed = execFileSync(command ?? 'taskset', [...args, process.execPath, '-e', "process.stdout.write(require('fs').readFileSync('/proc/self/status','utf8').match(/Cpus_allowed_list:\\s*(.*)/)[1])"], { encoding: 'utf8' });
    expect(allowed).toBe(String(pinning.cpu));
  });
});
