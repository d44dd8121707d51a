/**
 * Sessions for the four flows (access_token, refresh_token, jwt, password). The jsforce Connection
 * is built WITHOUT jsforce's own refresh delegate, so an expired session surfaces as
 * `INVALID_SESSION_ID` and the engine's single-flight `refreshSession` hook decides; {@link
 * SalesforceSession.refresh} makes exactly one token request. A rotated refresh token is taken from
 * the Connection's `refresh` event (jsforce itself would keep the old one) and handed to `onTokens`.
 */
import { readFileSync } from 'node:fs';
import { Connection, OAuth2 } from 'jsforce';
import { AuthError } from '../../errors.js';
import { isAllowedUrl, type SalesforceAuth } from './config.js';
import { readPrivateKey, signJwtAssertion } from './jwt.js';
import type { SalesforceTokens } from './token-file.js';
import { describeTokenFailure, postTokenRequest } from './token-request.js';
import { TokenReplySchema, type TokenReply } from './wire-schemas.js';

/** Called with the new tokens after every login or refresh (persist a rotated refresh token here). */
export type TokensCallback = (tokens: SalesforceTokens) => void | Promise<void>;

/** Options of {@link createSession}. */
export interface SessionOptions {
  readonly auth: SalesforceAuth;
  readonly loginUrl: string;
  readonly instanceUrl?: string | undefined;
  readonly apiVersion: string;
  readonly onTokens?: TokensCallback | undefined;
}

/** What the caller knows about the session being renewed (for messages only). */
export interface RefreshOptions {
  /** True when a call already succeeded with the current session (it ended during the run); false when the very first call was refused. */
  readonly sessionUsed?: boolean;
}

/** A connection and how to renew its session. */
export interface SalesforceSession {
  readonly connection: Connection;
  /** The flow, for messages (`connection` for a Connection the caller handed over). */
  readonly flow: SalesforceAuth['flow'] | 'connection';
  /** Logs in when there is no access token yet (first call of a run). */
  ensure(): Promise<void>;
  /** Gets a new access token with ONE token request (concurrent callers share it). */
  refresh(options?: RefreshOptions): Promise<void>;
}

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Where the token requests of `loginUrl` go (for messages). */
const tokenUrlOf = (loginUrl: string): string => new OAuth2({ loginUrl }).tokenServiceUrl;

function checkedReply(flow: string, raw: unknown): TokenReply {
  const parsed = TokenReplySchema.safeParse(raw);
  if (!parsed.success) throw new AuthError(`Salesforce ${flow} flow: the token endpoint's reply has no access_token / instance_url`);
  if (!isAllowedUrl(parsed.data.instance_url)) {
    throw new AuthError(`Salesforce ${flow} flow: the token reply names an instance URL that is not https (${parsed.data.instance_url})`);
  }
  return parsed.data;
}

/** The access_token flow has no way to a new session: say why the given one no longer works, and what to use. */
function accessTokenRefused(sessionUsed: boolean): AuthError {
  const what = sessionUsed
    ? 'the session of the given access token ended during the run (INVALID_SESSION_ID): it expired or was revoked'
    : 'Salesforce refused the access token at the first call (INVALID_SESSION_ID): it is wrong, expired or revoked';
  return new AuthError(
    `Salesforce access_token flow: ${what}, and the access_token flow cannot renew it; supply a valid crm.auth.accessToken, or use auth.flow refresh_token or jwt so the connector renews sessions itself`,
    { field: 'crm.auth.accessToken', remoteCode: 'INVALID_SESSION_ID' },
  );
}

/** Asks the token endpoint once, for the configured flow. */
async function requestTokens(auth: SalesforceAuth, loginUrl: string, refreshToken: string | undefined, sessionUsed: boolean): Promise<TokenReply> {
  switch (auth.flow) {
    case 'access_token':
      throw accessTokenRefused(sessionUsed);
    case 'refresh_token': {
      const params = { grant_type: 'refresh_token', refresh_token: refreshToken ?? auth.refreshToken, client_id: auth.clientId, client_secret: auth.clientSecret };
      return checkedReply(auth.flow, await postTokenRequest(new OAuth2({ loginUrl }), params));
    }
    case 'jwt': {
      const pem = auth.privateKey ?? readKeyFile(auth.privateKeyFile ?? '');
      const assertion = signJwtAssertion({ clientId: auth.clientId, username: auth.username, audience: loginUrl }, readPrivateKey(pem));
      return checkedReply(auth.flow, await postTokenRequest(new OAuth2({ loginUrl }), { grant_type: JWT_GRANT, assertion }));
    }
    case 'password': {
      if (auth.clientId === undefined) throw new Error('internal: SOAP login is handled by the session');
      const params = {
        grant_type: 'password',
        username: auth.username,
        password: `${auth.password}${auth.securityToken ?? ''}`,
        client_id: auth.clientId,
        client_secret: auth.clientSecret,
      };
      return checkedReply(auth.flow, await postTokenRequest(new OAuth2({ loginUrl }), params));
    }
  }
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new AuthError(`Salesforce jwt flow: cannot read crm.auth.privateKeyFile ${path} (${code})`, { field: 'crm.auth.privateKeyFile' });
  }
}

/** Hands rotated tokens to `onTokens` when the Connection reports a refresh (ours or jsforce's own). */
function watchRefreshes(connection: Connection, onTokens: TokensCallback | undefined, remember: (token: string) => void): void {
  connection.on('refresh', (accessToken: unknown, reply: unknown) => {
    const parsed = TokenReplySchema.partial().safeParse(reply);
    const rotated = parsed.success ? parsed.data.refresh_token : undefined;
    if (rotated !== undefined) {
      remember(rotated);
      (connection as { refreshToken?: string }).refreshToken = rotated; // jsforce would keep the old one
    }
    if (onTokens === undefined || typeof accessToken !== 'string') return;
    void Promise.resolve(
      onTokens({ accessToken, instanceUrl: connection.instanceUrl, ...(rotated === undefined ? {} : { refreshToken: rotated }), issuedAt: new Date().toISOString() }),
    ).catch(() => undefined);
  });
}

/** A session for one of the four flows. No token request is made until the first call needs one. */
export function createSession(options: SessionOptions): SalesforceSession {
  const { auth, loginUrl, apiVersion } = options;
  const connection = new Connection({
    loginUrl,
    version: apiVersion,
    ...(options.instanceUrl === undefined ? {} : { instanceUrl: options.instanceUrl }),
    ...(auth.flow === 'access_token' ? { accessToken: auth.accessToken } : {}),
  });
  let refreshToken = auth.flow === 'refresh_token' ? auth.refreshToken : undefined;
  watchRefreshes(connection, options.onTokens, (token) => {
    refreshToken = token;
  });
  let pending: Promise<void> | undefined;
  const refresh = (refreshOptions: RefreshOptions = {}): Promise<void> =>
    (pending ??= (async () => {
      try {
        if (auth.flow === 'password' && auth.clientId === undefined) {
          // No connected app: SOAP login() of the partner API, called directly so that jsforce installs no silent re-login.
          await connection.loginBySoap(auth.username, `${auth.password}${auth.securityToken ?? ''}`).catch((error: unknown) => {
            throw describeTokenFailure('password (SOAP login)', `${loginUrl.replace(/\/+$/, '')}/services/Soap/u/${apiVersion}`, error);
          });
          connection.emit('refresh', connection.accessToken, {});
          return;
        }
        const reply = await requestTokens(auth, loginUrl, refreshToken, refreshOptions.sessionUsed ?? true).catch((error: unknown) => {
          throw describeTokenFailure(auth.flow, tokenUrlOf(loginUrl), error);
        });
        connection.accessToken = reply.access_token;
        connection.instanceUrl = reply.instance_url;
        connection.emit('refresh', reply.access_token, reply);
      } finally {
        pending = undefined;
      }
    })());
  return {
    connection,
    flow: auth.flow,
    ensure: async () => {
      if (!connection.accessToken) await refresh({ sessionUsed: false });
    },
    refresh,
  };
}

/** A session around a Connection the caller already has: refreshes through its own OAuth2 client and refresh token. */
export function sessionOf(connection: Connection, onTokens?: TokensCallback): SalesforceSession {
  watchRefreshes(connection, onTokens, () => undefined);
  let pending: Promise<void> | undefined;
  const refresh = (): Promise<void> =>
    (pending ??= (async () => {
      try {
        const token = connection.refreshToken;
        if (!token || !connection.oauth2.clientId) throw new AuthError('Salesforce connection: the session expired and the given Connection has no refresh token and OAuth client to renew it');
        const { clientId, clientSecret } = connection.oauth2;
        const params = { grant_type: 'refresh_token', refresh_token: token, client_id: clientId, client_secret: clientSecret };
        const reply = checkedReply('connection', await postTokenRequest(connection.oauth2, params).catch((error: unknown) => {
          throw describeTokenFailure('connection', connection.oauth2.tokenServiceUrl, error);
        }));
        connection.accessToken = reply.access_token;
        connection.instanceUrl = reply.instance_url;
        connection.emit('refresh', reply.access_token, reply);
      } finally {
        pending = undefined;
      }
    })());
  return { connection, flow: 'connection', ensure: async () => undefined, refresh };
}
