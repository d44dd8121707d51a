import { randomBytes } from 'node:crypto';

interface Session {
  username: string;
  lastUsed: number;
}

/** Access tokens (with Salesforce's idle timeout) and refresh tokens (optionally rotating). */
export class Sessions {
  private readonly access = new Map<string, Session>();
  private readonly refresh = new Map<string, string>();
  /** Every refresh token ever issued, oldest first (tests read rotations from here). */
  readonly issuedRefreshTokens: string[] = [];

  constructor(
    private readonly orgId: string,
    private lifetimeMs: number | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  setLifetime(ms: number | undefined): void {
    this.lifetimeMs = ms;
  }

  /** Registers a token issued outside the token endpoint (flow access_token). */
  addAccessToken(token: string, username: string): void {
    this.access.set(token, { username, lastUsed: this.now() });
  }

  issueAccessToken(username: string): string {
    const token = `${this.orgId.slice(0, 15)}!${randomBytes(24).toString('base64url')}`;
    this.addAccessToken(token, username);
    return token;
  }

  addRefreshToken(token: string, username: string): void {
    this.refresh.set(token, username);
  }

  issueRefreshToken(username: string): string {
    const token = `5Aep${randomBytes(32).toString('base64url')}`;
    this.refresh.set(token, username);
    this.issuedRefreshTokens.push(token);
    return token;
  }

  /** The user a refresh token belongs to, if it is still valid. */
  refreshOwner(token: string): string | undefined {
    return this.refresh.get(token);
  }

  revokeRefreshToken(token: string): void {
    this.refresh.delete(token);
  }

  /** The session's user when the token is valid; touching it extends the idle timeout. */
  use(token: string): string | undefined {
    const session = this.access.get(token);
    if (!session) return undefined;
    if (this.lifetimeMs !== undefined && this.now() - session.lastUsed > this.lifetimeMs) {
      this.access.delete(token);
      return undefined;
    }
    session.lastUsed = this.now();
    return session.username;
  }

  /** Ends every access token now (the next data call gets INVALID_SESSION_ID). */
  expireAll(): void {
    this.access.clear();
  }
}
