import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SocialPostInput } from '../../src/model/social-post.js';
import { jsonlSource } from '../../src/sources/jsonl/index.js';
import { describeSourceContract, type SourceContractSetup } from '../../src/testing/source-contract.js';

/** The file holds the posts one a line; with `blankLines`, blank lines before, between and after them. */
function jsonlFactory(chunkSize?: number, blankLines = false) {
  return async (posts: readonly SocialPostInput[]): Promise<SourceContractSetup> => {
    const dir = await mkdtemp(join(tmpdir(), 'source-contract-'));
    const path = join(dir, 'posts.jsonl');
    const lines = posts.map((p) => `${JSON.stringify(p)}\n${blankLines ? '\n' : ''}`).join('');
    await writeFile(path, blankLines ? `\n  \n${lines}\t\r\n` : lines);
    return {
      source: jsonlSource({ path, ...(chunkSize === undefined ? {} : { chunkSize }) }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  };
}

describeSourceContract('jsonl', jsonlFactory());
describeSourceContract('jsonl (7-byte chunks)', jsonlFactory(7));
describeSourceContract('jsonl (blank lines around the posts)', jsonlFactory(undefined, true));
