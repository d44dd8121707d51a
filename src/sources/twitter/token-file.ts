/**
 * The job's OAuth 2.0 token file: X refresh tokens are single-use, so after the first refresh the
 * token in the config is spent and the rotated one lives here (mode 0600, replaced atomically).
 * At start a token file wins over the config's `refreshToken`.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ConfigError } from '../../errors.js';
import { ensureDir } from '../../files/ensure-dir.js';
import type { OAuth2Tokens, TwitterCredentials } from './auth.js';
import type { TwitterAuthConfig } from './config.js';

const TokenFileSchema = z.object({ refreshToken: z.string().min(1), accessToken: z.string().min(1).optional(), expiresAt: z.string().optional() });

/** Reads a token file; `undefined` when there is none yet. A damaged one is a ConfigError (no token quoted). */
export function readTokenFile(path: string): OAuth2Tokens | { readonly refreshToken: string } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`source.auth.tokenFile: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { field: 'source.auth.tokenFile' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = TokenFileSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(`source.auth.tokenFile: ${path} is not a token file written by this connector`, { field: 'source.auth.tokenFile' });
  const { refreshToken, accessToken, expiresAt } = parsed.data;
  return accessToken !== undefined && expiresAt !== undefined ? { refreshToken, accessToken, expiresAt } : { refreshToken };
}

/** Writes rotated tokens (temp file + rename, owner-only). */
export function writeTokenFile(path: string, tokens: OAuth2Tokens): void {
  ensureDir(dirname(path), { key: 'source.auth.tokenFile' });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(tokens)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

/**
 * The credentials of a job's `source.auth`: OAuth 2.0 takes the token file's refresh token when it
 * has one, reuses its access token while it is valid for another minute, and writes each rotation.
 */
export function credentialsFromConfig(auth: TwitterAuthConfig, now = Date.now()): TwitterCredentials {
  if (!('clientId' in auth)) return auth;
  const saved = readTokenFile(auth.tokenFile);
  const valid = saved !== undefined && 'accessToken' in saved && Date.parse(saved.expiresAt) > now + 60_000;
  return {
    clientId: auth.clientId,
    ...(auth.clientSecret === undefined ? {} : { clientSecret: auth.clientSecret }),
    refreshToken: saved?.refreshToken ?? auth.refreshToken,
    ...(valid ? { accessToken: saved.accessToken } : {}),
    onTokens: (tokens) => writeTokenFile(auth.tokenFile, tokens),
  };
}
