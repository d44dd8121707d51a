import { describe, expect, it } from 'vitest';
import { BrandConfigSchema } from '../../src/triage/brand.js';
import { createTriage, DEFAULT_URGENT_KEYWORDS, TriageConfigSchema, type TriageConfigInput } from '../../src/triage/triage.js';
import { makePost } from '../mapping/fixtures.js';

const brand = BrandConfigSchema.parse({ handles: ['AcmeHelp'], ids: ['999'] });
const triageWith = (config: TriageConfigInput = {}) => createTriage(TriageConfigSchema.parse(config), brand);

describe('TriageConfigSchema', () => {
  it('parses {} into the documented defaults', () => {
    expect(TriageConfigSchema.parse({})).toEqual({
      rules: [],
      ignoreReposts: true,
      ignoreEmpty: false,
      priority: {
        default: 'Medium',
        urgentKeywords: [...DEFAULT_URGENT_KEYWORDS],
        negativeBelow: -2,
        positiveAbove: 3,
        influence: { highFollowers: 100_000, mediumFollowers: 10_000, verifiedIsHigh: true },
      },
    });
  });

  it('rejects typos and bad values', () => {
    expect(TriageConfigSchema.safeParse({ rules: [{ name: 'x', when: { keyword: ['a'] }, action: 'case' }] }).success).toBe(false);
    expect(TriageConfigSchema.safeParse({ rules: [{ name: 'x', action: 'open' }] }).success).toBe(false);
    expect(TriageConfigSchema.safeParse({ priority: { default: 'Urgent' } }).success).toBe(false);
  });
});

describe('createTriage: action', () => {
  it('opens a Case at default priority for an ordinary customer post', () => {
    expect(triageWith()(makePost())).toEqual({ action: 'case', priority: 'Medium', reasons: [], sentiment: 0, influence: 'low' });
  });

  it('marks the brand account as outbound, by handle or by id, before any rule', () => {
    const triage = triageWith({ rules: [{ name: 'all', action: 'ignore' }] });
    const byHandle = triage(makePost({ text: 'refund outage!', author: { handle: 'acmehelp', id: '5' } }));
    expect(byHandle).toMatchObject({ action: 'outbound', priority: 'Medium', reasons: ['brand account @acmehelp'] });
    expect(triage(makePost({ author: { handle: 'renamed', id: '999' } })).action).toBe('outbound');
  });

  it('ignores reposts by default and never lets them open a Case', () => {
    expect(triageWith()(makePost({ kind: 'repost' }))).toMatchObject({ action: 'ignore', reasons: ['repost'] });
    const keep = triageWith({ ignoreReposts: false, rules: [{ name: 'rt', when: { kinds: ['repost'] }, action: 'case' }] });
    expect(keep(makePost({ kind: 'repost' }))).toMatchObject({
      action: 'comment',
      reasons: ["rule 'rt' → case", 'repost never opens a Case → comment'],
    });
    expect(triageWith({ ignoreReposts: false })(makePost({ kind: 'repost' })).action).toBe('comment');
  });

  it('treats an empty text as a customer speaking unless ignoreEmpty', () => {
    expect(triageWith()(makePost({ text: '' })).action).toBe('case');
    expect(triageWith({ ignoreEmpty: true })(makePost({ text: ' \n ' }))).toMatchObject({ action: 'ignore', reasons: ['empty text'] });
  });

  it('lets the first matching rule decide', () => {
    const triage = triageWith({
      rules: [
        { name: 'thanks', when: { keywords: ['thanks', 'thank you'], maxLength: 40 }, action: 'comment' },
        { name: 'spam', when: { keywords: ['thanks'] }, action: 'ignore' },
      ],
    });
    expect(triage(makePost({ text: '@acmehelp Thank\nyou' }))).toMatchObject({ action: 'comment', reasons: ["rule 'thanks' → comment"] });
    const long = 'thanks but the app keeps crashing every single time I open it';
    expect(triage(makePost({ text: long }))).toMatchObject({ action: 'ignore', priority: 'Medium', reasons: ["rule 'spam' → ignore"] });
    expect(triage(makePost({ text: 'thanksgiving plans' })).action).toBe('case');
  });

  it('matches each rule condition', () => {
    const triage = triageWith({
      rules: [
        { name: 'dm', when: { kinds: ['direct_message'] }, action: 'case', priority: 'High' },
        { name: 'fans', when: { minFollowers: 5000 }, action: 'comment' },
        { name: 'angry', when: { sentimentBelow: -4 }, action: 'case', priority: 'High' },
        { name: 'happy', when: { sentimentAbove: 5 }, action: 'ignore' },
        { name: 'german', when: { lang: ['de'] }, action: 'ignore' },
        { name: 'english', when: { lang: ['en'], maxLength: 5 }, action: 'comment' },
      ],
    });
    const name = (text: string, extra: Parameters<typeof makePost>[0] = {}) => triage(makePost({ text, ...extra })).reasons[0];
    expect(name('hi', { kind: 'direct_message' })).toBe("rule 'dm' → case");
    expect(name('hi', { author: { followers: 5000 } })).toBe("rule 'fans' → comment");
    expect(name('hi', { author: { followers: 4999 } })).toBeUndefined();
    expect(name('this is terrible and awful')).toBe("rule 'angry' → case");
    expect(name('I love it, great, awesome')).toBe("rule 'happy' → ignore");
    expect(name('hallo', { lang: 'DE' })).toBe("rule 'german' → ignore");
    expect(name('hey', { lang: 'en-GB' })).toBe("rule 'english' → comment");
    expect(name('hey you', { lang: 'en' })).toBeUndefined();
    expect(name('hey')).toBeUndefined();
  });

  it('counts maxLength in code points of the text without mentions and links', () => {
    const triage = triageWith({ rules: [{ name: 'short', when: { maxLength: 3 }, action: 'comment' }] });
    expect(triage(makePost({ text: '@acmehelp @bob 😀😀😀 https://t.co/xyz' })).action).toBe('comment');
    expect(triage(makePost({ text: '😀😀😀😀' })).action).toBe('case');
  });
});

describe('createTriage: priority', () => {
  it('makes an urgent keyword High and names it', () => {
    expect(triageWith()(makePost({ text: 'I need a Refund now' }))).toMatchObject({ priority: 'High', reasons: ["keyword 'refund'"] });
  });

  it('does not find keywords inside mentions or links', () => {
    expect(triageWith()(makePost({ text: '@refund hi https://acme.com/refund' })).priority).toBe('Medium');
  });

  it('raises one step for negative sentiment', () => {
    expect(triageWith()(makePost({ text: 'this is terrible and awful' }))).toMatchObject({
      priority: 'High',
      sentiment: -6,
      reasons: ['negative sentiment (-6)'],
    });
    expect(triageWith({ priority: { default: 'Low' } })(makePost({ text: 'this is terrible and awful' })).priority).toBe('Medium');
    expect(triageWith()(makePost({ text: 'this is bad and sad' })).sentiment).toBe(-5);
    expect(triageWith({ priority: { negativeBelow: -10 } })(makePost({ text: 'this is terrible and awful' })).priority).toBe('Medium');
  });

  it('makes high influence High, by followers or verification', () => {
    expect(triageWith()(makePost({ author: { followers: 250_000 } }))).toMatchObject({
      priority: 'High',
      influence: 'high',
      reasons: ['influence: 250000 followers'],
    });
    expect(triageWith()(makePost({ author: { verified: true } }))).toMatchObject({ priority: 'High', reasons: ['verified author'] });
    const noVerified = triageWith({ priority: { influence: { verifiedIsHigh: false } } });
    expect(noVerified(makePost({ author: { verified: true } }))).toMatchObject({ priority: 'Medium', influence: 'low', reasons: [] });
  });

  it('raises one step for medium influence', () => {
    expect(triageWith()(makePost({ author: { followers: 15_000 } }))).toMatchObject({
      priority: 'High',
      influence: 'medium',
      reasons: ['influence: 15000 followers'],
    });
    expect(triageWith({ priority: { default: 'Low' } })(makePost({ author: { followers: 10_000 } })).priority).toBe('Medium');
  });

  it('lowers positive posts to Low unless urgent or influential', () => {
    expect(triageWith()(makePost({ text: 'Thanks for the help!' }))).toMatchObject({ priority: 'Low', reasons: ['positive sentiment (4)'] });
    expect(triageWith()(makePost({ text: 'great great great, but refund please' })).priority).toBe('High');
    expect(triageWith()(makePost({ text: 'Thanks for the help!', author: { followers: 200_000 } })).priority).toBe('High');
    expect(triageWith()(makePost({ text: 'Thanks for the help!', author: { followers: 20_000 } }))).toMatchObject({
      priority: 'Low',
      reasons: ['influence: 20000 followers', 'positive sentiment (4)'],
    });
  });

  it('only records reasons for steps that changed the priority', () => {
    const d = triageWith()(makePost({ text: 'outage! this is terrible and awful', author: { followers: 300_000 } }));
    expect(d).toMatchObject({ priority: 'High', influence: 'high', reasons: ["keyword 'outage'"] });
  });

  it("lets a matching rule's priority override", () => {
    const triage = triageWith({ rules: [{ name: 'press', when: { keywords: ['refund'] }, action: 'case', priority: 'Low' }] });
    expect(triage(makePost({ text: 'refund please' }))).toMatchObject({
      action: 'case',
      priority: 'Low',
      reasons: ["rule 'press' → case", "keyword 'refund'", "rule 'press' → priority Low"],
    });
  });

  it('uses configured urgent keywords instead of the defaults', () => {
    const triage = triageWith({ priority: { urgentKeywords: ['broken'] } });
    expect(triage(makePost({ text: 'refund' })).priority).toBe('Medium');
    expect(triage(makePost({ text: 'It is BROKEN' })).reasons).toEqual(["keyword 'broken'"]);
  });
});
