import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { parseTwitterSourceConfig } from '../../../src/sources/twitter/config.js';

const SECRET = 'AAAAAAAAAAAAAAAAAAAAAsecret-bearer-value';

function errorOf(value: unknown): ConfigError {
  try {
    parseTwitterSourceConfig(value);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('source.type: twitter config', () => {
  it('accepts the documented keys and fills the defaults', () => {
    const config = parseTwitterSourceConfig({
      type: 'twitter',
      auth: { bearerToken: SECRET },
      mentions: ['900000000000000001', '@AcmeHelp'],
      search: [{ name: 'outage', query: '(acme OR @AcmeHelp) (down OR outage) -is:retweet lang:en' }],
    });
    expect(config).toMatchObject({ directMessages: false, overlapSeconds: 120, backfill: { maxPosts: 800 }, fetchParents: true });
    expect(config.mentions).toEqual(['900000000000000001', '@AcmeHelp']);
  });

  it.each([
    [{ clientId: 'cid', refreshToken: 'rt', tokenFile: '.data/x-tokens.json' }],
    [{ clientId: 'cid', clientSecret: 'cs', refreshToken: 'rt', tokenFile: 't.json' }],
    [{ appKey: 'a', appSecret: 'b', accessToken: 'c', accessSecret: 'd' }],
  ])('accepts the user-token auth shapes %#', (auth) => {
    expect(parseTwitterSourceConfig({ type: 'twitter', auth, directMessages: true }).directMessages).toBe(true);
  });

  it('names an unknown key and a bad nested key', () => {
    expect(errorOf({ type: 'twitter', auth: { bearerToken: SECRET }, mentions: ['1'], overlap: 5 }).message).toContain("'source.overlap'");
    const e = errorOf({ type: 'twitter', auth: { bearerToken: SECRET }, search: [{ name: 'a b', query: '' }] });
    expect(e.message).toContain("'source.search[0].name'");
    expect(e.message).toContain("'source.search[0].query'");
    expect(e.details.field).toBe('source.search[0].name');
  });

  it('refuses DMs with an app bearer token, and a config without streams', () => {
    expect(errorOf({ type: 'twitter', auth: { bearerToken: SECRET }, directMessages: true }).message).toContain("'source.directMessages' needs a user token");
    expect(errorOf({ type: 'twitter', auth: { bearerToken: SECRET } }).message).toContain('no stream configured');
  });

  it('never quotes a credential, whatever is wrong with the auth block', () => {
    for (const auth of [{ bearerToken: SECRET, extra: SECRET }, { clientId: SECRET, refreshToken: SECRET }, { appKey: SECRET }, SECRET]) {
      const e = errorOf({ type: 'twitter', auth, mentions: ['1'] });
      expect(e.details.field).toBe('source.auth');
      expect(JSON.stringify(e.toJSON())).not.toContain(SECRET);
      expect(e.message).not.toContain(SECRET);
    }
  });

  it('refuses duplicate search rule names and non-id mentions', () => {
    expect(errorOf({ type: 'twitter', auth: { bearerToken: SECRET }, search: [{ name: 'a', query: 'x' }, { name: 'a', query: 'y' }] }).message).toContain('duplicate search rule name');
    expect(errorOf({ type: 'twitter', auth: { bearerToken: SECRET }, mentions: ['acme help!'] }).details.field).toBe('source.mentions[0]');
  });
});
