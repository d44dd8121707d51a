/**
 * The OAuth 2.0 JWT bearer flow's assertion, signed here with node:crypto (RS256), so no JWT
 * library is needed: header `{"alg":"RS256"}`, claims `iss` (the connected app's consumer key),
 * `sub` (the username), `aud` (the login URL) and `exp` (at most three minutes ahead).
 */
import { createPrivateKey, createSign, type KeyObject } from 'node:crypto';
import { AuthError } from '../../errors.js';

/** What the assertion names. */
export interface JwtAssertionClaims {
  /** Consumer key of the connected app. */
  readonly clientId: string;
  readonly username: string;
  /** `https://login.salesforce.com`, `https://test.salesforce.com` or the My Domain / site URL. */
  readonly audience: string;
}

const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

/** Reads a PEM private key; a key that cannot be read is an {@link AuthError} naming the flow (never the key). */
export function readPrivateKey(pem: string): KeyObject {
  try {
    return createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new AuthError('Salesforce jwt flow: the private key is not a readable PEM RSA key', { field: 'crm.auth.privateKey' }, error instanceof Error ? new Error(error.message.split('\n')[0]) : undefined);
  }
}

/** A signed JWT bearer assertion for the token endpoint (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`). */
export function signJwtAssertion(claims: JwtAssertionClaims, key: KeyObject, nowMs: number = Date.now(), lifetimeSeconds = 180): string {
  const header = base64url(JSON.stringify({ alg: 'RS256' }));
  const payload = base64url(
    JSON.stringify({ iss: claims.clientId, sub: claims.username, aud: claims.audience, exp: Math.floor(nowMs / 1000) + lifetimeSeconds }),
  );
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  let signature: Buffer;
  try {
    signature = signer.sign(key);
  } catch {
    throw new AuthError('Salesforce jwt flow: the private key cannot sign RS256 (an RSA key is needed)', { field: 'crm.auth.privateKey' });
  }
  return `${header}.${payload}.${base64url(signature)}`;
}
