import { describe, expect, it } from 'vitest';
import { minTimeFor, parseSforceLimitInfo, usageLevel } from '../../src/limits/usage.js';

describe('parseSforceLimitInfo', () => {
  it.each<[string, { used: number; max: number } | undefined]>([
    ['api-usage=18/5000', { used: 18, max: 5000 }],
    ['api-usage=4100/5000; per-app-api-usage=17/250(appName=sample-connected-app)', { used: 4100, max: 5000 }],
    ['per-app-api-usage=17/250(appName=x); api-usage=99/15000', { used: 99, max: 15000 }],
    ['per-app-api-usage=17/250(appName=x)', undefined],
    ['api-usage=1/0', undefined],
    ['', undefined],
    ['garbage', undefined],
  ])('%j', (header, expected) => {
    expect(parseSforceLimitInfo(header)).toEqual(expected);
  });
});

describe('usage levels', () => {
  it('slows from 80% and crawls from 95%', () => {
    expect(usageLevel({ used: 3999, max: 5000 })).toBe('normal');
    expect(usageLevel({ used: 4000, max: 5000 })).toBe('slow');
    expect(usageLevel({ used: 4749, max: 5000 })).toBe('slow');
    expect(usageLevel({ used: 4750, max: 5000 })).toBe('crawl');
    expect(usageLevel({ used: 6000, max: 5000 })).toBe('crawl');
    expect(usageLevel({ used: 10, max: 0 })).toBe('normal');
  });

  it('imposes a spacing per level', () => {
    expect([minTimeFor('normal', 0), minTimeFor('slow', 0), minTimeFor('crawl', 0)]).toEqual([0, 250, 2000]);
    expect([minTimeFor('normal', 300), minTimeFor('slow', 300), minTimeFor('crawl', 300)]).toEqual([300, 600, 2400]);
  });
});
