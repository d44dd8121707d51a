import { describe, expect, it } from 'vitest';
import { DeadLetterGroups, formatDeadLetterGroups } from '../../src/dead-letters/index.js';
import { groupingReason } from '../../src/dead-letters/groups.js';
import type { DeadLetter } from '../../src/model/dead-letter.js';
import { parseLine } from '../../src/sources/jsonl/parse-line.js';

const AT = '2026-12-01T00:00:00.000Z';
const post = (id: string, author: Record<string, unknown>): string =>
  JSON.stringify({ id, provider: 'twitter', text: 'hi', createdAt: AT, author: { provider: 'twitter', id: `u${id}`, handle: `h${id}`, ...author } });

/** The dead letter the JSONL source makes of line `n`. */
function letterOfLine(n: number, text: string): DeadLetter {
  const outcome = parseLine({ kind: 'text', number: n, end: 0, text }, 1_000_000, AT);
  if (outcome.kind !== 'rejected') throw new Error(`line ${n} was not rejected`);
  return outcome.deadLetter;
}

describe('dead-letter groups', () => {
  it('groups bad JSONL lines by field and problem, whatever their line, post id and value', () => {
    const groups = new DeadLetterGroups();
    const lines = [
      post('11', { id: 5 }),
      post('12', { id: true }),
      post('13', { id: ['x'] }),
      post('14', { handle: undefined }),
      JSON.stringify({ id: '15', provider: 'twitter', text: 'hi', createdAt: 'yesterday', author: { provider: 'twitter', id: 'u', handle: 'h' } }),
    ];
    lines.forEach((text, i) => groups.add(letterOfLine(i + 1, text)));
    const list = groups.list();
    expect(list.map((g) => [g.count, g.reason])).toEqual([
      [3, 'author.id: expected a string'],
      [1, 'author.handle: missing'],
      [1, expect.stringMatching(/^createdAt: /)],
    ]);
    expect(list[0]?.postIds).toEqual(['twitter:11', 'twitter:12', 'twitter:13']);
    expect(formatDeadLetterGroups(list)[0]).toBe('  3 × author.id: expected a string (twitter:11, twitter:12, twitter:13)');
  });

  it('keeps a letter that is not a JSONL post reason as it was, the post id left out', () => {
    const letter: DeadLetter = { postId: 'twitter:7', stage: 'write', code: 'INVALID_PICKLIST', reason: 'Case for post twitter:7 failed: bad value, got it', field: 'origin', at: AT };
    expect(groupingReason(letter)).toBe('Case for post … failed: bad value, got it');
  });

  it('does not take a line number or value out of a letter that has no line', () => {
    const letter: DeadLetter = { postId: 'p1', stage: 'validate', code: 'MAPPING', reason: 'line 3: Invalid post p1: id: expected a string, got 5', at: AT };
    expect(groupingReason(letter)).toBe('line 3: Invalid post …: id: expected a string, got 5');
  });

  it('groups bad dates together whatever the post id, even one whose digits the message contains', () => {
    const groups = new DeadLetterGroups();
    const bad = (id: string, createdAt: string): string => JSON.stringify({ id, provider: 'twitter', text: 'hi', createdAt, author: { provider: 'twitter', id: 'u', handle: 'h' } });
    // Post 6 and post 01: their ids occur in the message's "ISO 8601" and "2026-11-01T10:00:00Z".
    [bad('4', '2026-02-30T10:00:00.000Z'), bad('6', '2026-12-01T25:00:00Z'), bad('01', '2026-12-01 10:00')].forEach((text, i) => groups.add(letterOfLine(i + 1, text)));
    const list = groups.list();
    expect(list).toHaveLength(1);
    expect(list[0]?.reason).toMatch(/^createdAt: must be an ISO 8601 date-time with a time zone, e\.g\. 2026-11-01T10:00:00Z$/);
    expect(list[0]?.postIds).toEqual(['twitter:4', 'twitter:6', 'twitter:01']);
  });

  it('still leaves out an id that is a word of its own, also one with regex characters', () => {
    const letter: DeadLetter = { postId: 'a.b+(1)', stage: 'write', code: 'X', reason: 'Case for post a.b+(1) failed: post a.b+(1), id axb+(1)', at: AT };
    expect(groupingReason(letter)).toBe('Case for post … failed: post …, id axb+(1)');
  });
});
