/**
 * Credentials → a twitter-api-v2 client. An OAuth 2.0 user token is refreshed single-flight (X
 * refresh tokens are single-use: two refreshes racing would burn the token) and each rotated pair
 * is handed to `onTokens` before it is used.
 *
 * The refresh request is ours, not `refreshOAuth2Token()`: twitter-api-v2 1.29.1 sends that body as
 * JSON (its body-type check reads `url.password` where it means the path), which X's token
 * endpoint, and any strict OAuth 2.0 server (RFC 6749 §4.1.3, §6), refuses. We send the same
 * fields form-encoded; a confidential client authenticates with HTTP Basic (client id and secret),
 * a public one sends `client_id` in the body.
 */
import { TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';
import { AuthError } from '../../errors.js';
import type { XV2Client } from './transport.js';

/** Tokens of an OAuth 2.0 user, as rotated by a refresh. */
export interface OAuth2Tokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token expires (ISO 8601). */
  readonly expiresAt: string;
}

/** Credentials the source can build its own client from. */
export type TwitterCredentials =
  | { readonly bearerToken: string }
  | { readonly appKey: string; readonly appSecret: string; readonly accessToken: string; readonly accessSecret: string }
  | {
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly refreshToken: string;
      /** A still valid access token, if the caller has one (else the first call refreshes). */
      readonly accessToken?: string;
      /** Gets every rotated pair (persist it: the old refresh token no longer works). */
      readonly onTokens?: (tokens: OAuth2Tokens) => void | Promise<void>;
    };

/** What the source holds: the current client and, for OAuth 2.0 users, a refresh. */
export interface ClientHolder {
  /** The client of the current credentials (refreshes first when an OAuth 2.0 user has no access token yet). */
  client(): Promise<XV2Client>;
  /** Gets a new access token (single-flight); absent for credentials that cannot be refreshed. */
  readonly refresh?: () => Promise<void>;
  /** `bearer` reads only; `user` can reply and read DMs. */
  readonly kind: 'bearer' | 'user' | 'given';
}

/** The token endpoint of X's OAuth 2.0. */
export const OAUTH2_TOKEN_URL = 'https://api.x.com/2/oauth2/token';

const TokenReplySchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive().optional(),
});

/** A holder around a client the caller already has. */
export function givenClient(client: { readonly v2: XV2Client }): ClientHolder {
  return { client: () => Promise.resolve(client.v2), kind: 'given' };
}

/** Builds the client of a credential set. */
export function clientFromCredentials(credentials: TwitterCredentials): ClientHolder {
  if ('bearerToken' in credentials) {
    const client = new TwitterApi(credentials.bearerToken).v2;
    return { client: () => Promise.resolve(client), kind: 'bearer' };
  }
  if ('appKey' in credentials) {
    const { appKey, appSecret, accessToken, accessSecret } = credentials;
    const client = new TwitterApi({ appKey, appSecret, accessToken, accessSecret }).v2;
    return { client: () => Promise.resolve(client), kind: 'user' };
  }
  return oauth2User(credentials);
}

function oauth2User(c: Extract<TwitterCredentials, { clientId: string }>): ClientHolder {
  let refreshToken = c.refreshToken;
  let current: XV2Client | undefined = c.accessToken === undefined ? undefined : new TwitterApi(c.accessToken).v2;
  let inFlight: Promise<void> | undefined;

  async function refreshOnce(): Promise<void> {
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken });
    if (c.clientSecret === undefined) body.set('client_id', c.clientId);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (c.clientSecret !== undefined) {
      headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64')}`;
    }
    let res: Response;
    try {
      res = await fetch(OAUTH2_TOKEN_URL, { method: 'POST', headers, body: body.toString() });
    } catch (error) {
      throw new AuthError('X OAuth 2.0 refresh failed: the token endpoint did not answer', { field: 'source.auth' }, error instanceof Error ? error.message : undefined);
    }
    const json: unknown = await res.json().catch(() => undefined);
    const parsed = TokenReplySchema.safeParse(json);
    if (!res.ok || !parsed.success) {
      const code = z.object({ error: z.string() }).safeParse(json);
      const why = code.success ? code.data.error : `HTTP ${res.status}`;
      throw new AuthError(`X OAuth 2.0 refresh refused (${why}): authorize the app again and put the new refresh token in the config`, {
        field: 'source.auth.refreshToken',
        status: res.status,
        ...(code.success ? { remoteCode: code.data.error } : {}),
      });
    }
    const tokens: OAuth2Tokens = {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      expiresAt: new Date(Date.now() + (parsed.data.expires_in ?? 7200) * 1000).toISOString(),
    };
    refreshToken = tokens.refreshToken;
    // Persist first: if the process dies now, the next run still holds the one valid refresh token.
    await c.onTokens?.(tokens);
    current = new TwitterApi(tokens.accessToken).v2;
  }

  const refresh = (): Promise<void> => {
    inFlight ??= refreshOnce().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  return {
    kind: 'user',
    refresh,
    async client() {
      if (current === undefined) await refresh();
      if (current === undefined) throw new AuthError('X OAuth 2.0: no access token', { field: 'source.auth' });
      return current;
    },
  };
}
