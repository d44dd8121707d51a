/**
 * One POST to the OAuth token endpoint (`<loginUrl>/services/oauth2/token`) through jsforce's own
 * transport, keeping what jsforce's `OAuth2` drops: the HTTP status of a refusal, and the error
 * code (errno) and host of a request that never got an answer. {@link describeTokenFailure} turns
 * either into a connector error in plain words.
 */
import type { OAuth2 } from 'jsforce';
import { AuthError, ConfigError, ConnectorError, TransientError, redactSecrets } from '../../errors.js';
import { displayUrl } from '../../model/remote-url.js';

/** The token endpoint answered with an HTTP error status. */
export class TokenEndpointError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The OAuth `error` code, when the reply had one. */
  readonly oauthError: string | undefined;
  /** The OAuth `error_description`, when the reply had one. */
  readonly description: string | undefined;
  constructor(status: number, body: unknown) {
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
    const oauthError = text(record['error']);
    super(`HTTP ${status}${oauthError === undefined ? '' : ` ${oauthError}`}`);
    this.name = 'TokenEndpointError';
    this.status = status;
    this.oauthError = oauthError;
    this.description = text(record['error_description']);
  }
}

/** Posts `params` as a form to the token endpoint of `oauth2`; the parsed JSON reply, or a {@link TokenEndpointError}. */
export async function postTokenRequest(oauth2: OAuth2, params: Readonly<Record<string, string | null | undefined>>): Promise<unknown> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string' && value !== '') form.set(key, value);
  const response = await oauth2._transport.httpRequest({
    method: 'POST',
    url: oauth2.tokenServiceUrl,
    body: form.toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    body = undefined;
  }
  if (response.statusCode >= 400) throw new TokenEndpointError(response.statusCode, body);
  return body;
}

const TRANSIENT_CODES = /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|EPIPE|UND_ERR_SOCKET)$/;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL/;

/** The errno-style code of a failed request (`ECONNREFUSED`, `ENOTFOUND`, `CERT_HAS_EXPIRED`…), if any. */
export function networkCodeOf(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && /^[A-Z][A-Z0-9_]+$/.test(own)) return own;
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && cause !== error) return networkCodeOf(cause);
  return /socket hang up/i.test(error.message) ? 'ECONNRESET' : undefined;
}

/**
 * A failed token request as a connector error naming the flow and the endpoint (never a secret):
 * no answer → {@link TransientError} (connection refused, reset, timeout), or a
 * {@link ConfigError} naming `crm.loginUrl` (host not found), or a non-retried error (TLS
 * certificate refused); HTTP 5xx → transient; another HTTP error → {@link AuthError} with the
 * status, the OAuth `error` and its description.
 */
export function describeTokenFailure(flow: string, tokenUrl: string, error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const where = displayUrl(tokenUrl);
  if (error instanceof TokenEndpointError) {
    const remoteCode = error.oauthError ?? `ERROR_HTTP_${error.status}`;
    if (error.status >= 500) {
      return new TransientError(`Salesforce ${flow} flow: the token endpoint ${where} is unavailable (HTTP ${error.status})`, { details: { remoteCode, status: error.status } });
    }
    const said = error.oauthError === undefined ? 'no OAuth error in the reply — is crm.loginUrl the login host?' : error.oauthError;
    const because = error.description === undefined ? '' : `: ${redactSecrets(error.description).slice(0, 200)}`;
    return new AuthError(`Salesforce ${flow} flow: the token request to ${where} was rejected (HTTP ${error.status}, ${said})${because}`, { remoteCode, status: error.status });
  }
  const code = networkCodeOf(error);
  if (code !== undefined) {
    const host = displayUrl(tokenUrl).replace(/^(\w+:\/\/[^/]+).*$/, '$1');
    if (code === 'ENOTFOUND') {
      return new ConfigError(`Salesforce ${flow} flow: the host of crm.loginUrl ${host} was not found (ENOTFOUND); check the URL`, { field: 'crm.loginUrl', remoteCode: code });
    }
    if (TLS_CODES.test(code)) {
      return new ConnectorError(
        `Salesforce ${flow} flow: the TLS certificate of ${host} was not accepted (${code}); if a proxy re-signs TLS, give its CA with NODE_EXTRA_CA_CERTS`,
        { details: { remoteCode: code } },
      );
    }
    const endpoint = /\/services\/Soap\//.test(where) ? 'SOAP login endpoint' : 'token endpoint';
    const message = `Salesforce ${flow} flow: the ${endpoint} ${where} is unavailable: no answer (${code})`;
    return TRANSIENT_CODES.test(code) ? new TransientError(message, { details: { remoteCode: code } }) : new ConnectorError(message, { details: { remoteCode: code } });
  }
  const message = error instanceof Error ? redactSecrets(error.message).slice(0, 160) : '';
  const named = error instanceof Error && typeof error.name === 'string' && error.name !== 'Error' ? error.name : undefined;
  const remoteCode = named ?? /^([A-Z][A-Z_]+):/.exec(message)?.[1] ?? 'LOGIN_FAILED';
  return new AuthError(`Salesforce ${flow} flow: the login at ${where} failed${named === undefined ? '' : ` (${named})`}${message === '' ? '' : `: ${message}`}`, { remoteCode });
}
