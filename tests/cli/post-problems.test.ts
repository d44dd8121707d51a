import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { MAX_PROBLEM_LINES } from '../../src/cli/post-problems.js';
import { runCli } from '../../src/cli/run.js';
import { tempDir, writeConfig } from '../e2e/run-job.js';

function captured(): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t), errIsTty: false, env: {} } };
}
const brand = { handles: ['AcmeHelp'] };
const post = (i: number, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id: String(1000 + i), provider: 'twitter', text: `@AcmeHelp problem ${i}`, createdAt: '2026-11-20T10:00:00Z', author: { id: String(500 + i), handle: `user${i}`, ...extra } });

describe('the job names what it did not sync', () => {
  it('prints each dead letter (line, reason) and each dropped optional field on stderr, with a memory state too', async () => {
    const dir = tempDir('problems');
    const input = join(dir, 'posts.jsonl');
    writeFileSync(input, [post(1), 'not json at all', post(2, { followers: '1.2K' }), JSON.stringify({ id: '9', provider: 'twitter', text: 'x', createdAt: 'yesterday', author: { id: '1', handle: 'h' } })].join('\n') + '\n');
    const config = writeConfig(dir, { source: { type: 'jsonl', path: input }, crm: { type: 'local', path: join(dir, 'crm.json') }, state: { type: 'memory' }, brand });
    const { io, out, err } = captured();
    const code = await runCli(['--config', config], { io, signal: new AbortController().signal });
    expect(code).toBe(1);
    const text = err.join('');
    expect(text).toMatch(/not synced: line 2 \(line:2\): invalid JSON/);
    expect(text).toMatch(/not synced: line 4 \(twitter:9\): .*createdAt/);
    expect(text).toMatch(/warning: line 3 \(1002\): author\.followers: "1\.2K" is not a whole number/);
    expect(out.join('\n')).toContain('2 post(s) could not be synced (state: memory — they end with this run):');
  });

  it(`prints at most ${MAX_PROBLEM_LINES} of them, then how many more`, async () => {
    const dir = tempDir('problems-many');
    const input = join(dir, 'posts.jsonl');
    writeFileSync(input, Array.from({ length: MAX_PROBLEM_LINES + 5 }, (_, i) => `broken ${i}`).join('\n') + '\n');
    const config = writeConfig(dir, { source: { type: 'jsonl', path: input }, crm: { type: 'local', path: join(dir, 'crm.json') }, state: { type: 'file', path: join(dir, 'state.json') }, brand });
    const { io, err } = captured();
    expect(await runCli(['--config', config], { io, signal: new AbortController().signal })).toBe(1);
    const text = err.join('');
    expect(text.match(/^not synced: /gm)).toHaveLength(MAX_PROBLEM_LINES);
    expect(text).toContain("… and 5 more post(s) not synced (all are in the state's dead letters)");
  });
});

describe('printPostProblems', () => {
  it('prints a CRM warning (a post synced, an extra such as its SocialPost refused) with its code, and counts it with the others', async () => {
    const { printPostProblems } = await import('../../src/cli/post-problems.js');
    const handlers = new Map<string, (e: unknown) => void>();
    const sync = { on: (event: string, handler: (e: unknown) => void) => (handlers.set(event, handler), () => undefined) };
    const { io, err } = captured();
    const printer = printPostProblems(sync as unknown as Parameters<typeof printPostProblems>[0], io);
    for (let i = 0; i < MAX_PROBLEM_LINES + 2; i += 1) handlers.get('crmWarning')?.({ postId: `twitter:${i}`, code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', reason: 'its SocialPost was refused; tried again on the next apply' });
    printer.finish();
    const text = err.join('');
    expect(text).toContain('warning: twitter:0: FIELD_CUSTOM_VALIDATION_EXCEPTION: its SocialPost was refused');
    expect(text.match(/^warning: /gm)).toHaveLength(MAX_PROBLEM_LINES);
    expect(text).toContain('… and 2 more warning(s)');
  });
});
