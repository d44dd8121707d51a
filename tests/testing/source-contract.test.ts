import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SocialPostInput } from '../../src/model/social-post.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { describeSourceContract, type SourceContractSetup } from '../../src/testing/source-contract.js';

function jsonlFactory(chunkSize?: number) {
  return async (posts: readonly SocialPostInput[]): Promise<SourceContractSetup> => {
    const dir = await mkdtemp(join(tmpdir(), 'source-contract-'));
    const path = join(dir, 'posts.jsonl');
    await writeFile(path, posts.map((p) => `${JSON.stringify(p)}\n`).join(''));
    return {
      source: jsonlSource({ path, ...(chunkSize === undefined ? {} : { chunkSize }) }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  };
}

describeSourceContract('jsonl', jsonlFactory());
describeSourceContract('jsonl (7-byte chunks)', jsonlFactory(7));
