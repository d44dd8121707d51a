/** Builds the adapter from a validated `crm:` section: the token file's newer refresh token wins, rotated ones are saved back. */
import { salesforceAdapter, type SalesforceAdapter } from './adapter.js';
import type { SalesforceCrmConfig } from './config.js';
import { readTokenFile, writeTokenFile, type SalesforceTokens } from './token-file.js';
import type { TokensCallback } from './session.js';

/** The adapter of a job's `crm:` section (`type: salesforce`). */
export function salesforceAdapterFromConfig(config: SalesforceCrmConfig, onTokens?: TokensCallback): SalesforceAdapter {
  const tokenFile = config.tokenFile;
  const saved = tokenFile === undefined ? undefined : readTokenFile(tokenFile);
  const auth = config.auth.flow === 'refresh_token' && saved?.refreshToken !== undefined ? { ...config.auth, refreshToken: saved.refreshToken } : config.auth;
  let last: SalesforceTokens | undefined = saved;
  const save: TokensCallback = (tokens) => {
    last = { ...tokens, ...(tokens.refreshToken === undefined && last?.refreshToken !== undefined ? { refreshToken: last.refreshToken } : {}) };
    if (tokenFile !== undefined) writeTokenFile(tokenFile, last);
    return onTokens?.(tokens);
  };
  return salesforceAdapter({
    auth,
    loginUrl: config.loginUrl,
    ...(config.instanceUrl === undefined ? {} : { instanceUrl: config.instanceUrl }),
    apiVersion: config.apiVersion,
    fields: config.fields,
    comments: config.comments,
    statuses: config.statuses,
    socialObjects: config.socialObjects,
    onTokens: save,
  });
}
