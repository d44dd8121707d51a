/**
 * What a run cost at X: the source's `sourceStats()` in the report (this run's requests, resources
 * read and price), the summary's line, and the configurable price table (`source.prices`).
 */
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { localCrmAdapter } from '../../../src/adapters/local/index.js';
import { formatSourceStats, formatSummary } from '../../../src/cli/summary.js';
import { ConfigError } from '../../../src/errors.js';
import { SyncReportSchema } from '../../../src/model/report.js';
import { memoryStateStore } from '../../../src/state/memory-store.js';
import { createSync } from '../../../src/sync/create-sync.js';
import { parseTwitterSourceConfig, twitterSourceFromConfig } from '../../../src/sources/twitter/index.js';
import { fakeX, snowflake, tweet, user } from './fake-x.js';
import { BRAND } from './helpers.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
let x: ReturnType<typeof fakeX> | undefined;
afterEach(() => x?.stop());
const base = { type: 'twitter', auth: { bearerToken: 'b' }, mentions: [BRAND] };

describe('source.prices', () => {
  it("defaults to X's pricing page", () => {
    expect(parseTwitterSourceConfig(base).prices).toEqual({ postRead: 0.005, userRead: 0.01, dmEvent: 0.01, ownedRead: 0.001 });
    expect(parseTwitterSourceConfig({ ...base, prices: { postRead: 0.004 } }).prices).toMatchObject({ postRead: 0.004, userRead: 0.01 });
  });

  it('names a wrong key and a bad price', () => {
    const wrong = (() => {
      try {
        parseTwitterSourceConfig({ ...base, prices: { postReads: 0.004 } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(wrong).toBeInstanceOf(ConfigError);
    expect((wrong as ConfigError).message).toContain("'source.prices.postReads'");
    expect(() => parseTwitterSourceConfig({ ...base, prices: { dmEvent: -1 } })).toThrow("'source.prices.dmEvent'");
  });
});

describe('the run report carries the source cost', () => {
  it("this run's requests, posts and users read, priced from the config; a second run counts only its own", async () => {
    const ada = user('101', 'ada_l');
    const mentions = [tweet(snowflake(T0), '101', '@AcmeHelp down'), tweet(snowflake(T0 + 1000), '101', '@AcmeHelp still down')];
    x = fakeX({ mentions: { [BRAND]: mentions }, users: [ada, user(BRAND, 'AcmeHelp')] });
    const config = parseTwitterSourceConfig({ ...base, prices: { ownedRead: 0.002 }, fetchParents: false });
    const source = twitterSourceFromConfig(config, { client: new TwitterApi('b') });
    const sync = createSync({ source, crm: localCrmAdapter(), state: memoryStateStore() });
    const report = SyncReportSchema.parse(await sync.run());
    // 2 owned reads × $0.002 + 1 user × $0.01.
    expect(report.sourceStats).toEqual({
      label: 'X',
      requests: 1,
      read: { posts: 2, users: 1 },
      cost: { currency: 'USD', total: 0.014, prices: { postRead: 0.005, userRead: 0.01, dmEvent: 0.01, ownedRead: 0.002 } },
      byEndpoint: { 'GET /2/users/:id/mentions': { requests: 1, read: { posts: 2, users: 1 }, cost: 0.014 } },
    });
    expect(formatSourceStats(report.sourceStats!)).toBe('X: 1 request, 2 posts read, 1 users read, ~$0.014 (prices: postRead $0.005, userRead $0.01, dmEvent $0.01, ownedRead $0.002)');
    expect(formatSummary(report, 'crm.json')).toContain('\nX: 1 request, 2 posts read');

    const again = await sync.run();
    // The second poll's one request re-reads the overlap window (both posts, and their author): priced again.
    expect(again.sourceStats).toMatchObject({ requests: 1, read: { posts: 2, users: 1 }, cost: { total: 0.014 } });
    expect(source.stats().requests).toBe(2);
    await sync.close();
  });

  it('formats thousands and cents', () => {
    const line = formatSourceStats({ label: 'X', requests: 12, read: { posts: 1034, users: 0 }, cost: { currency: 'USD', total: 5.17, prices: { postRead: 0.005 } }, byEndpoint: {} });
    expect(line).toBe('X: 12 requests, 1,034 posts read, 0 users read, ~$5.17 (prices: postRead $0.005)');
  });
});
