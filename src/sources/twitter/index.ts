/**
 * The X source (`social-crm-connector/twitter`): mentions, recent-search rules and DMs polled from
 * X API v2 through twitter-api-v2 (an optional peer dependency loaded only by this entry point).
 */
export { twitterSource, type TwitterSource, type TwitterSourceOptions, type TwitterStreams } from './source.js';
export { twitterSourceFromConfig } from './from-config.js';
export {
  TwitterSourceConfigSchema,
  TwitterAuthConfigSchema,
  SearchRuleSchema,
  parseTwitterSourceConfig,
  type TwitterSourceConfig,
  type TwitterSourceConfigInput,
  type TwitterAuthConfig,
  type SearchRule,
} from './config.js';
export { clientFromCredentials, OAUTH2_TOKEN_URL, type TwitterCredentials, type OAuth2Tokens } from './auth.js';
export { credentialsFromConfig, readTokenFile, writeTokenFile } from './token-file.js';
export { classifyXError, USAGE_CAPPED_TYPE } from './classify.js';
export { TwitterReplyError, type ReplyRefusal } from './reply.js';
export { DEFAULT_PRICES, type TwitterPriceTable, type TwitterSourceStats, type EndpointStats } from './stats.js';
export { parseTwitterCursor, encodeTwitterCursor, type TwitterCursor, type StreamState, type WindowState } from './cursor.js';
export { TWEET_FIELDS, USER_FIELDS, TWEET_EXPANSIONS, DM_EVENT_FIELDS, MAX_RESULTS } from './streams.js';
export type { XV2Client } from './transport.js';
