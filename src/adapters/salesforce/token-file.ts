/**
 * `crm.tokenFile`: the newest tokens of a rotating refresh-token flow, kept between runs in a JSON
 * file only its owner can read (mode 0600), replaced atomically (temp file, then rename).
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { ensureDir } from '../../files/ensure-dir.js';

/** Tokens a login or refresh gave. */
export const SalesforceTokensSchema = z.object({
  accessToken: z.string().min(1),
  instanceUrl: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** ISO time the tokens were received. */
  issuedAt: z.string().optional(),
});
/** Tokens a login or refresh gave; `refreshToken` only when the server sent a new one. */
export type SalesforceTokens = z.infer<typeof SalesforceTokensSchema>;

/** Reads the token file; absent = `undefined`; unreadable = a ConfigError naming `crm.tokenFile` (no content quoted). */
export function readTokenFile(path: string): SalesforceTokens | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new ConfigError(`crm.tokenFile: ${path} is not a JSON token file`, { field: 'crm.tokenFile' });
  }
  const parsed = SalesforceTokensSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`crm.tokenFile: ${path} does not hold Salesforce tokens`, { field: 'crm.tokenFile' });
  return parsed.data;
}

/** Writes the token file with mode 0600 (temp file in the same folder, then rename). */
export function writeTokenFile(path: string, tokens: SalesforceTokens): void {
  ensureDir(dirname(path), { key: 'crm.tokenFile' }); // one level at a time: a recursive mkdir spins forever under /proc
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(tokens)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}
