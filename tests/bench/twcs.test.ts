import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../bench/csv.js';
import { convertTwcs, DEFAULT_TWCS_PATH, parseTwitterDate, toJsonl } from '../../bench/twcs-to-jsonl.js';
import { validatePost } from '../../src/model/validate.js';

const HEADER = ',tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
const FIXTURE = [
  HEADER,
  '0,1,acmecare,False,Tue Oct 31 22:10:47 +0000 2017,"@115712 Sorry, we can help: send us a ""DM"" please",2,3.0',
  '1,2,115712,True,Tue Oct 31 22:11:45 +0000 2017,"@acmecare line one\nline two, still the same tweet",,1.0',
  '2,3,115712,True,Tue Oct 31 22:08:27 +0000 2017,@acmecare bare\r\rcarriage returns stay #fail,1,',
  '3,4,115713,True,Wed Nov 01 01:00:00 -0500 2017,,,',
].join('\r\n');

describe('parseCsv', () => {
  it('handles quoted commas, doubled quotes, embedded newlines and bare \\r', () => {
    const rows = parseCsv(FIXTURE);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows[1]?.[5]).toBe('@115712 Sorry, we can help: send us a "DM" please');
    expect(rows[2]?.[5]).toBe('@acmecare line one\nline two, still the same tweet');
    expect(rows[3]?.[5]).toBe('@acmecare bare\r\rcarriage returns stay #fail');
    expect(rows[3]?.[7]).toBe('');
    expect(rows[4]).toEqual(['3', '4', '115713', 'True', 'Wed Nov 01 01:00:00 -0500 2017', '', '', '']);
  });

  it('treats \\n and \\r\\n alike, ignores the final line break and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\nc,d\r\n')).toEqual([['a', 'b'], ['c', 'd']]);
    expect(parseCsv('a,"x\r\ny"\r\n\r\nb,')).toEqual([['a', 'x\r\ny'], ['b', '']]);
    expect(parseCsv('"",""')).toEqual([['', '']]);
    expect(parseCsv('"""q"""')).toEqual([['"q"']]);
  });

  it('rejects an unterminated quoted field, naming the record', () => {
    expect(() => parseCsv('a,b\n"open,c\n')).toThrow(CsvSyntaxError);
    try {
      parseCsv('a,b\n"open,c\n');
    } catch (err) {
      expect((err as CsvSyntaxError).record).toBe(2);
    }
  });
});

describe('parseTwitterDate', () => {
  it('reads the classic format with its offset', () => {
    expect(parseTwitterDate('Tue Oct 31 22:10:47 +0000 2017')).toBe('2017-10-31T22:10:47.000Z');
    expect(parseTwitterDate('Wed Nov 01 01:00:00 -0500 2017')).toBe('2017-11-01T06:00:00.000Z');
    expect(parseTwitterDate('Thu Feb 30 10:00:00 +0000 2017')).toBeUndefined();
    expect(parseTwitterDate('yesterday')).toBeUndefined();
  });
});

describe('convertTwcs', () => {
  it('turns the fixture into valid SocialPosts', () => {
    const { posts, brandHandles } = convertTwcs(FIXTURE);
    expect(brandHandles).toEqual(['acmecare']);
    expect(posts.map((p) => p.id)).toEqual(['1', '2', '3', '4']);
    const [brand, reply, root, empty] = posts;
    expect(brand).toMatchObject({
      provider: 'twitter',
      kind: 'reply',
      author: { provider: 'twitter', id: 'acmecare', handle: 'acmecare' },
      inReplyTo: { postId: '3', authorId: '115712' },
      mentions: ['115712'],
      createdAt: '2017-10-31T22:10:47.000Z',
    });
    expect(reply?.inReplyTo).toEqual({ postId: '1', authorId: 'acmecare' });
    expect(reply?.author).toEqual({ provider: 'twitter', id: '115712', handle: '115712' });
    expect(root).toMatchObject({ kind: 'post', mentions: ['acmecare'], hashtags: ['fail'] });
    expect(root?.inReplyTo).toBeUndefined();
    expect(empty?.text).toBe('');
    expect(empty?.createdAt).toBe('2017-11-01T06:00:00.000Z');
    for (const p of posts) expect(validatePost(p).ok).toBe(true);
    const lines = toJsonl(posts).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('');
  });

  it('rejects a misaligned record and an unreadable date', () => {
    expect(() => convertTwcs(`${HEADER}\n0,1,a,True,Tue Oct 31 22:10:47 +0000 2017,x,,,extra`)).toThrow(/record 2/);
    expect(() => convertTwcs(`${HEADER}\n0,1,a,True,yesterday,x,,`)).toThrow(/created_at/);
  });
});

describe.skipIf(!existsSync(DEFAULT_TWCS_PATH))('the shared twcs.csv', () => {
  it('yields exactly one valid post per record, nothing misaligned', () => {
    const text = readFileSync(DEFAULT_TWCS_PATH, 'utf8');
    // Independent count: every record starts a line with "<index>,<tweet_id>,<author>,True|False,".
    const recordStarts = text.split('\n').filter((l) => /^\d+,\d+,[^,]+,(True|False),/.test(l)).length;
    const rows = parseCsv(text).slice(1);
    expect(rows).toHaveLength(recordStarts);
    expect(rows.every((r) => r.length === 8)).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i)));

    const { posts, brandHandles } = convertTwcs(text);
    expect(posts).toHaveLength(recordStarts);
    expect(brandHandles).toContain('sprintcare');
    expect(posts.every((p) => !Number.isNaN(Date.parse(p.createdAt)))).toBe(true);
    expect(posts.every((p) => validatePost(p).ok)).toBe(true);

    const at = posts.findIndex((p) => p.id === '3399');
    expect(at).toBeGreaterThan(0);
    const bare = posts[at];
    expect(bare?.text.startsWith('@AskPayPal \r\rI just love the start of email')).toBe(true);
    expect(bare?.author.id).toBe('116510');
    expect(bare?.createdAt).toBe('2017-10-31T18:13:06.000Z');
    expect(posts[at + 1]?.id).toBe('3400');
    expect(posts[at + 1]?.author.handle).toBe('AskPlayStation');
    expect(rows[at]?.[0]).toBe(String(at));
  });
});
