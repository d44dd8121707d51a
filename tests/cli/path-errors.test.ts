import { describe, expect, it } from 'vitest';
import { requireFile } from '../../src/cli/build/path-errors.js';

describe('a missing input file', () => {
  it('a relative path names the working directory it was looked for in', () => {
    expect(() => requireFile('examples/nowhere/posts.jsonl', 'source.path')).toThrow(
      `source.path: no such file: examples/nowhere/posts.jsonl (relative paths are read from the working directory, ${process.cwd()})`,
    );
  });
  it('an absolute path is named as it is', () => {
    expect(() => requireFile('/nowhere/posts.jsonl', 'source.path')).toThrow(/^source\.path: no such file: \/nowhere\/posts\.jsonl$/);
  });
});
