/**
 * One OAuth2 session per adapter, shared by every concurrent request: a password login, the token in
 * the `OAuth-Token` header, a proactive refresh at 90 % of `expires_in`, one single-flight renewal
 * when Sugar rejects the token (refresh grant first, then, if the refresh token is dead, one password
 * login). Sugar keeps one live token per user and platform and rotates refresh tokens, so a second
 * login anywhere ends this session: never a login per request.
 */
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { isInvalidPlatform, isSugarApiError, sugarApiError } from './errors.js';
import { parseReply, sugarRequest } from './http.js';

/** Credentials of the password grant. */
export interface SugarAuth {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly platform: string;
}

/** Sugar's token reply (only what the adapter reads). */
const TokenReplySchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1),
});

interface Session {
  readonly access: string;
  readonly refresh: string;
  /** When to renew before use (90 % of the lifetime). */
  readonly renewAt: number;
  dead: boolean;
}

/** Options of {@link SugarTokenManager}. */
export interface TokenManagerOptions {
  readonly http: AxiosInstance;
  /** `https://host/rest/v11`. */
  readonly restBase: string;
  readonly auth: SugarAuth;
  readonly now?: () => number;
  /** Share of `expires_in` after which the token is renewed before use (default 0.9). */
  readonly renewAfter?: number;
}

/** The adapter's token manager. */
export class SugarTokenManager {
  private session: Session | undefined;
  private renewing: Promise<Session> | undefined;
  private readonly now: () => number;
  /** Password logins and refresh grants sent so far. */
  readonly counts = { logins: 0, refreshes: 0 };

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** A live access token: the current one, or a renewed one when it is dead or near its end. */
  async accessToken(signal?: AbortSignal): Promise<string> {
    const s = this.session;
    if (s !== undefined && !s.dead && this.now() < s.renewAt) return s.access;
    return (await this.renew(signal)).access;
  }

  /** Sugar refused `token`: the next request renews (unless someone already did). */
  reject(token: string): void {
    if (this.session?.access === token) this.session.dead = true;
  }

  /** The engine's `refreshSession` hook: renews once for every caller that failed together. */
  async refreshSession(): Promise<void> {
    if (this.renewing !== undefined) {
      await this.renewing;
      return;
    }
    if (this.session !== undefined && !this.session.dead && this.now() < this.session.renewAt) return;
    await this.renew();
  }

  /** Forgets the session (the adapter was closed). */
  clear(): void {
    this.session = undefined;
  }

  private renew(signal?: AbortSignal): Promise<Session> {
    this.renewing ??= this.obtain(signal).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async obtain(signal?: AbortSignal): Promise<Session> {
    const refresh = this.session?.refresh;
    if (refresh !== undefined) {
      try {
        return await this.grant({ grant_type: 'refresh_token', refresh_token: refresh }, signal, 'refreshes');
      } catch (error) {
        // A network failure may have rotated the refresh token on the server: the next try logs in.
        if (!(isSugarApiError(error)) || error.status === undefined || error.status >= 500) {
          if (this.session !== undefined) this.session = { ...this.session, refresh: '', dead: true };
          throw error;
        }
      }
    }
    return this.grant({ grant_type: 'password', username: this.options.auth.username, password: this.options.auth.password }, signal, 'logins');
  }

  private async grant(fields: Record<string, string>, signal: AbortSignal | undefined, counter: 'logins' | 'refreshes'): Promise<Session> {
    const { auth, http, restBase } = this.options;
    if (fields['refresh_token'] === '') return this.grant({ grant_type: 'password', username: auth.username, password: auth.password }, signal, 'logins');
    const body = { ...fields, client_id: auth.clientId, client_secret: auth.clientSecret, platform: auth.platform };
    this.counts[counter] += 1;
    let reply;
    try {
      reply = await sugarRequest(http, restBase, { method: 'POST', path: '/oauth2/token', body, signal });
    } catch (error) {
      throw explainLoginFailure(error, auth, counter === 'refreshes');
    }
    const token = parseReply(TokenReplySchema, reply.data, 'POST /oauth2/token');
    const lifetimeMs = token.expires_in * 1000 * (this.options.renewAfter ?? 0.9);
    this.session = { access: token.access_token, refresh: token.refresh_token, renewAt: this.now() + lifetimeMs, dead: false };
    return this.session;
  }
}

function explainLoginFailure(error: unknown, auth: SugarAuth, refreshing: boolean): unknown {
  if (!(isSugarApiError(error)) || error.status === undefined || refreshing) return error;
  const { label, detail } = error.facts;
  if (isInvalidPlatform(label, detail)) {
    return sugarApiError(
      error.facts,
      `SugarCRM login refused platform '${auth.platform}' (EXCEPTION_INVALID_PLATFORM): an admin must register it in Admin > Configure API Platforms, or set crm.auth.platform to a registered one`,
    );
  }
  if (label === 'need_login' || label === 'invalid_grant' || label === 'invalid_client') {
    return sugarApiError(
      error.facts,
      `SugarCRM login failed (${label}): check crm.auth.username, crm.auth.password, crm.auth.clientId and crm.auth.clientSecret`,
    );
  }
  return error;
}
