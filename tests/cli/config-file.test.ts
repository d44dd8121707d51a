/** Reading the config file: plain words for a file that cannot be read or parsed. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadJobConfig } from '../../src/cli/config/parse.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-config-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the config file', () => {
  it('a folder given as --config is said in words, not as EISDIR', () => {
    mkdirSync(join(dir, 'conf'));
    expect(() => loadJobConfig(join(dir, 'conf'), {})).toThrow(`Cannot read config file ${join(dir, 'conf')}: it is a folder, not a file`);
  });

  it('a YAML syntax error gives line and column, without a dangling colon or the file quoted (it may hold a secret)', () => {
    const file = join(dir, 'job.yaml');
    writeFileSync(file, 'source: { type: jsonl, path: x\ncrm: { type: local, password: hunter2secret }\n');
    let message = '';
    try {
      loadJobConfig(file, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Config file .*job\.yaml is not valid YAML: .* at line \d+, column \d+$/);
    expect(message).not.toContain('hunter2secret');
  });

  it('an unquoted ${NAME} inside { … } (YAML reads a new map) says to quote it', () => {
    const file = join(dir, 'env-in-flow.yaml');
    writeFileSync(file, 'source: { type: jsonl, path: posts.jsonl }\ncrm: { type: sugarcrm, baseUrl: https://x.test, auth: { username: ${SUGAR_USERNAME}, password: hunter2secret } }\n');
    let message = '';
    try {
      loadJobConfig(file, {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/is not valid YAML: .* at line 2, column \d+ \(write a \$\{NAME\} inside \{ … \} in quotes: key: "\$\{NAME\}"\)$/);
    expect(message).not.toContain('hunter2secret');
  });
});
