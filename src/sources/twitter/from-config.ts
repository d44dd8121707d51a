/** Builds the X source of a job's validated `source:` section. */
import type { TwitterSourceConfig } from './config.js';
import { twitterSource, type TwitterSource, type TwitterSourceOptions } from './source.js';
import { credentialsFromConfig } from './token-file.js';

/** The source of a `source.type: twitter` config (the token file is read now, written on each refresh). */
export function twitterSourceFromConfig(config: TwitterSourceConfig, extra: Pick<TwitterSourceOptions, 'log' | 'prices' | 'client'> = {}): TwitterSource {
  return twitterSource({
    ...(extra.client === undefined ? { credentials: credentialsFromConfig(config.auth) } : { client: extra.client }),
    streams: { mentions: config.mentions, search: config.search, directMessages: config.directMessages },
    overlapSeconds: config.overlapSeconds,
    backfill: config.backfill,
    fetchParents: config.fetchParents,
    ...(extra.log === undefined ? {} : { log: extra.log }),
    prices: { ...config.prices, ...extra.prices },
  });
}
