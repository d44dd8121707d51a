import { createHmac } from 'node:crypto';
import { verifyRs256 } from './jwt.js';
import type { AuthOptions, ConnectedAppSpec } from './options.js';
import type { Sessions } from './sessions.js';
import type { Reply } from './types.js';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface TokenEndpointContext {
  auth: AuthOptions;
  sessions: Sessions;
  /** The emulator's base URL: both login URL and instance URL. */
  url: string;
  orgId: string;
  userId: string;
}

function oauthError(error: string, description: string, status = 400): Reply {
  return { status, body: { error, error_description: description } };
}

function tokenReply(ctx: TokenEndpointContext, username: string, refreshToken?: string): Reply {
  const accessToken = ctx.sessions.issueAccessToken(username);
  const issuedAt = String(Date.now());
  const id = `${ctx.url}/id/${ctx.orgId}/${ctx.userId}`;
  const signature = createHmac('sha256', 'emulator').update(id + issuedAt).digest('base64');
  return {
    status: 200,
    body: {
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      signature,
      scope: refreshToken ? 'refresh_token api' : 'api',
      instance_url: ctx.url,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    },
  };
}

function findApp(ctx: TokenEndpointContext, clientId: string | null): ConnectedAppSpec | undefined {
  return clientId ? (ctx.auth.apps ?? []).find((a) => a.clientId === clientId) : undefined;
}

function passwordGrant(ctx: TokenEndpointContext, form: URLSearchParams): Reply {
  const app = findApp(ctx, form.get('client_id'));
  if (!app) return oauthError('invalid_client_id', 'client identifier invalid');
  if (!app.clientSecret || form.get('client_secret') !== app.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
  const user = (ctx.auth.users ?? []).find((u) => u.username === form.get('username'));
  const expected = user ? `${user.password ?? ''}${user.securityToken ?? ''}` : undefined;
  if (!user || expected !== form.get('password')) return oauthError('invalid_grant', 'authentication failure');
  return tokenReply(ctx, user.username);
}

function refreshGrant(ctx: TokenEndpointContext, form: URLSearchParams): Reply {
  const app = findApp(ctx, form.get('client_id'));
  if (!app) return oauthError('invalid_client_id', 'client identifier invalid');
  if (app.clientSecret && form.get('client_secret') !== app.clientSecret) return oauthError('invalid_client', 'invalid client credentials');
  const token = form.get('refresh_token') ?? '';
  const owner = ctx.sessions.refreshOwner(token);
  if (!owner) return oauthError('invalid_grant', 'expired access/refresh token');
  if (!ctx.auth.rotateRefreshTokens) return tokenReply(ctx, owner);
  ctx.sessions.revokeRefreshToken(token);
  return tokenReply(ctx, owner, ctx.sessions.issueRefreshToken(owner));
}

function jwtGrant(ctx: TokenEndpointContext, form: URLSearchParams): Reply {
  const assertion = form.get('assertion');
  if (!assertion) return oauthError('invalid_request', 'assertion is missing');
  let issuer: unknown;
  try {
    issuer = JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString('utf8')).iss;
  } catch {
    return oauthError('invalid_grant', 'invalid assertion');
  }
  const app = findApp(ctx, typeof issuer === 'string' ? issuer : null);
  if (!app?.jwtPublicKey) return oauthError('invalid_client_id', 'client identifier invalid');
  const claims = verifyRs256(assertion, app.jwtPublicKey);
  if (typeof claims === 'string') return oauthError('invalid_grant', claims);
  const audiences = ctx.auth.jwtAudiences ?? ['https://login.salesforce.com', 'https://test.salesforce.com', ctx.url];
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && audiences.includes(a.replace(/\/$/, '')))) {
    return oauthError('invalid_grant', 'audience is invalid');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) return oauthError('invalid_grant', 'expired JWT: exp is missing or in the past');
  const user = (ctx.auth.users ?? []).find((u) => u.username === claims.sub);
  if (!user) return oauthError('invalid_grant', "user hasn't approved this consumer");
  return tokenReply(ctx, user.username);
}

/** POST /services/oauth2/token: form-encoded bodies only, as Salesforce requires. */
export function handleTokenRequest(ctx: TokenEndpointContext, method: string, contentType: string | undefined, rawBody: string): Reply {
  if (method !== 'POST') return oauthError('invalid_request', 'must use HTTP POST', 400);
  if (!contentType || !contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return oauthError('unsupported_grant_type', 'grant type not supported');
  }
  const form = new URLSearchParams(rawBody);
  const grant = form.get('grant_type');
  if (grant === 'password') return passwordGrant(ctx, form);
  if (grant === 'refresh_token') return refreshGrant(ctx, form);
  if (grant === JWT_BEARER_GRANT) return jwtGrant(ctx, form);
  return oauthError('unsupported_grant_type', 'grant type not supported');
}
