import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../src/adapters/local/index.js';
import type { PostWarning } from '../../src/model/optional-metadata.js';
import { arraySource } from '../../src/sources/array-source.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { memoryStateStore } from '../../src/state/index.js';
import { createSync } from '../../src/sync/create-sync.js';
import { tempDir } from '../e2e/run-job.js';
import { ANN, BOB, BRAND, tweet } from './fixtures.js';

/** Posts as a listening tool exports them: the metadata is malformed, the complaints are real. */
const exported = (): unknown[] => [
  tweet('200', 0, { ...ANN, followers: '1.2K' as unknown as number }, '@AcmeHelp my internet is down'),
  tweet('201', 1, { ...BOB, verified: 'yes' as unknown as boolean }, '@AcmeHelp billing is wrong', { url: 'javascript:x' }),
  tweet('202', 2, BOB, '@AcmeHelp and nobody answers', { createdAt: 'yesterday' }), // required field: still a dead letter
];

async function syncOf(source: ReturnType<typeof arraySource>) {
  const crm = localCrmAdapter();
  const sync = createSync({ source, crm, state: memoryStateStore(), brand: BRAND });
  const warnings: PostWarning[] = [];
  sync.on('postWarning', (w) => warnings.push(w));
  const report = await sync.run();
  await sync.close();
  return { report, warnings, cases: crm.snapshot().cases };
}

describe('optional metadata never costs a post (engine)', () => {
  it('syncs posts whose optional fields are malformed, counts the drops and names post and field', async () => {
    const { report, warnings, cases } = await syncOf(arraySource(exported()));
    expect(report).toMatchObject({ postsRead: 2, casesCreated: 2, deadLettered: 1, warnings: 3 });
    expect(warnings.map((w) => [w.postId, w.field])).toEqual([
      ['200', 'author.followers'],
      ['201', 'url'],
      ['201', 'author.verified'],
    ]);
    expect(cases.map((c) => c.externalPostId).sort()).toEqual(['twitter:200', 'twitter:201']);
  });

  it('the JSONL source does the same, with line numbers', async () => {
    const dir = tempDir('optional-metadata');
    const path = join(dir, 'posts.jsonl');
    writeFileSync(path, `${exported().map((p) => JSON.stringify(p)).join('\n')}\n`);
    const { report, warnings } = await syncOf(jsonlSource({ path }));
    expect(report).toMatchObject({ postsRead: 2, casesCreated: 2, deadLettered: 1, warnings: 3 });
    expect(warnings.map((w) => [w.line, w.field])).toEqual([
      [1, 'author.followers'],
      [2, 'url'],
      [2, 'author.verified'],
    ]);
    expect(warnings[0]?.reason).toBe('author.followers: "1.2K" is not a whole number ≥ 0; dropped, the post synced without it');
  });
});
