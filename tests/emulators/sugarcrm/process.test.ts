/** The emulator as its own process: prints its URL, serves the real axios, dies with SIGKILL. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import { describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('Sugar emulator process', () => {
  it('serves until killed with SIGKILL', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, JSON.stringify({ platforms: ['only_this'] })], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const line = out.split('\n')[0];
          if (out.includes('\n') && line) resolve((JSON.parse(line) as { url: string }).url);
        });
        child.on('error', reject);
        child.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const body = { grant_type: 'password', client_id: 'sugar', client_secret: '', username: 'admin', password: 'password', platform: 'only_this' };
      const reply = await axios.post(`${url}/rest/v11/oauth2/token`, body);
      expect(reply.data).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await expect(axios.post(`${url}/rest/v11/oauth2/token`, body)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 60_000);
});
