/**
 * `brand: { none: true }` in the job config: accepted as the engine accepts it (no post of this
 * source is the brand's), so the job runs instead of refusing the brand it was told to leave out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastJson, runJob, tempDir, writeConfig } from '../e2e/run-job.js';

describe('the job with brand: { none: true }', () => {
  it('syncs every post as a customer post (exit 0); without none it is refused naming brand and the opt-out', () => {
    const dir = tempDir('brand-none');
    const posts = join(dir, 'posts.jsonl');
    writeFileSync(posts, `${JSON.stringify({ id: '1', provider: 'twitter', text: 'my order is late', createdAt: '2026-11-01T10:00:00Z', author: { id: '101', handle: 'ada' } })}\n`);
    const config = (brand: unknown, name: string): string => writeConfig(dir, { source: { type: 'jsonl', path: posts }, crm: { type: 'local', path: join(dir, `${name}.crm.json`) }, brand }, `${name}.json`);
    const run = runJob(['--config', config({ none: true }, 'none'), '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(lastJson(run)).toMatchObject({ postsRead: 1, casesCreated: 1 });
    const refused = runJob(['--config', config({}, 'empty')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('brand: { none: true }');
  });
});
