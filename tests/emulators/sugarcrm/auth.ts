/**
 * The emulator's OAuth2 token endpoint: password and refresh_token grants, one live session per
 * user and platform (a second login or a refresh ends the one before: old access and refresh tokens
 * stop working, after an optional grace period), rotation of refresh tokens, expiry on a clock the
 * test controls, and `EXCEPTION_INVALID_PLATFORM` for a platform nobody registered.
 */
import { randomUUID } from 'node:crypto';
import { SugarFault } from './errors.js';

/** Options of the token store. */
export interface AuthOptions {
  /** username → password (default `{ admin: 'password' }`). */
  readonly users?: Readonly<Record<string, string>>;
  /** Registered API platforms (default `base`, `mobile`, `portal`, `social_sync`). */
  readonly platforms?: readonly string[];
  /** client_id → client_secret (default `{ sugar: '' }`). */
  readonly clients?: Readonly<Record<string, string>>;
  /** Access token lifetime in seconds (default 3600). */
  readonly accessTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 1,209,600 = 2 weeks). */
  readonly refreshTtlSeconds?: number;
  /** How long a replaced access token still works (Sugar: up to ~120 s; default 0, stricter). */
  readonly oldTokenGraceMs?: number;
}

interface Session {
  readonly user: string;
  readonly platform: string;
  readonly clientId: string;
  readonly access: string;
  readonly refresh: string;
  readonly accessExpiresAt: number;
  readonly refreshExpiresAt: number;
}

/** The token response Sugar documents. */
export interface TokenReply {
  access_token: string;
  expires_in: number;
  token_type: 'bearer';
  scope: null;
  refresh_token: string;
  refresh_expires_in: number;
  download_token: string;
}

const str = (body: Record<string, unknown>, key: string): string | undefined => {
  const v = body[key];
  return typeof v === 'string' ? v : undefined;
};

/** Sessions and tokens of the emulator. */
export class TokenStore {
  private readonly sessions = new Map<string, Session>();
  private readonly retired = new Map<string, { user: string; until: number }>();
  readonly users: Map<string, string>;
  readonly platforms: Set<string>;
  private readonly clients: Map<string, string>;
  /** Logins (password grants) and refreshes answered with a token. */
  readonly counts = { logins: 0, refreshes: 0 };

  constructor(
    private readonly options: AuthOptions,
    private readonly now: () => number,
  ) {
    this.users = new Map(Object.entries(options.users ?? { admin: 'password' }));
    this.platforms = new Set(options.platforms ?? ['base', 'mobile', 'portal', 'social_sync']);
    this.clients = new Map(Object.entries(options.clients ?? { sugar: '' }));
  }

  /** `POST /oauth2/token`. */
  token(body: Record<string, unknown>): TokenReply {
    const grant = str(body, 'grant_type');
    const clientId = str(body, 'client_id');
    const platform = str(body, 'platform') ?? 'base';
    if (grant === undefined || clientId === undefined) throw new SugarFault(400, 'invalid_request', 'The grant type and client id are required');
    if (!this.clients.has(clientId) || this.clients.get(clientId) !== (str(body, 'client_secret') ?? '')) {
      throw new SugarFault(401, 'invalid_client', 'The client credentials are invalid');
    }
    if (!this.platforms.has(platform)) throw new SugarFault(422, 'invalid_parameter', 'EXCEPTION_INVALID_PLATFORM');
    if (grant === 'password') {
      const user = str(body, 'username') ?? '';
      if (this.users.get(user) === undefined || this.users.get(user) !== str(body, 'password')) {
        throw new SugarFault(401, 'need_login', 'You must specify a valid username and password.');
      }
      this.counts.logins += 1;
      return this.open(user, platform, clientId);
    }
    if (grant === 'refresh_token') {
      const refresh = str(body, 'refresh_token');
      const session = [...this.sessions.values()].find((s) => s.refresh === refresh && s.clientId === clientId && s.platform === platform);
      if (session === undefined || session.refreshExpiresAt <= this.now()) throw new SugarFault(400, 'invalid_grant', 'Invalid refresh token');
      this.counts.refreshes += 1;
      return this.open(session.user, platform, clientId);
    }
    throw new SugarFault(400, 'unsupported_grant_type', `Grant type ${grant} is not supported`);
  }

  private open(user: string, platform: string, clientId: string): TokenReply {
    const key = `${user}\u0000${platform}`;
    const before = this.sessions.get(key);
    if (before !== undefined) this.retired.set(before.access, { user, until: this.now() + (this.options.oldTokenGraceMs ?? 0) });
    const accessTtl = this.options.accessTtlSeconds ?? 3600;
    const refreshTtl = this.options.refreshTtlSeconds ?? 1_209_600;
    const session: Session = {
      user,
      platform,
      clientId,
      access: randomUUID(),
      refresh: randomUUID(),
      accessExpiresAt: this.now() + accessTtl * 1000,
      refreshExpiresAt: this.now() + refreshTtl * 1000,
    };
    this.sessions.set(key, session);
    return {
      access_token: session.access,
      expires_in: accessTtl,
      token_type: 'bearer',
      scope: null,
      refresh_token: session.refresh,
      refresh_expires_in: refreshTtl,
      download_token: randomUUID(),
    };
  }

  /** The user of a request's `OAuth-Token` header, or the 401 Sugar answers. */
  authenticate(token: string | undefined): string {
    if (token === undefined || token === '') throw new SugarFault(401, 'need_login', 'No valid authentication for user.');
    for (const s of this.sessions.values()) {
      if (s.access !== token) continue;
      if (s.accessExpiresAt <= this.now()) throw new SugarFault(401, 'invalid_grant', 'The access token provided has expired.');
      return s.user;
    }
    const old = this.retired.get(token);
    if (old !== undefined && old.until > this.now()) return old.user;
    throw new SugarFault(401, 'invalid_grant', 'The access token provided is invalid.');
  }

  /** Ends every session (as an admin resetting tokens would). */
  revokeAll(): void {
    this.sessions.clear();
    this.retired.clear();
  }
}
