/** Dead letters grouped by reason, for the summary: `3 × author.followers: expected a number (twitter:1, twitter:2, …)`. */
import type { DeadLetter } from '../model/dead-letter.js';

/** One reason and the letters that have it. */
export interface DeadLetterGroup {
  /** `field: reason`, or the reason alone. */
  readonly reason: string;
  readonly code: string;
  readonly count: number;
  /** The first few post ids. */
  readonly postIds: readonly string[];
}

/** A JSONL line number opening a reason (`line 12: …`). */
const LINE_PREFIX = /^line \d+: /;
/** How the JSONL source opens the reason of a post that does not validate. */
const INVALID_POST = /^Invalid post (?:without id|.*?): /;
/** The offending value a post reason shows (`, got "12k"`), up to the next issue or the end. */
const SHOWN_VALUE = /, got (?:"(?:[^"\\]|\\.)*"|[^;]*?)(?=; |$)/g;

/**
 * What letters of one kind have in common: without their line number, their post's id (`Invalid
 * post 17: …`, `Case for post twitter:1 failed: …`) and the value each showed (`, got "12k"`), so
 * three posts with a bad `author.followers` make one group, `3 × author.followers: expected a number`.
 */
export function groupingReason(letter: DeadLetter): string {
  let said = letter.line === undefined ? letter.reason : letter.reason.replace(LINE_PREFIX, '');
  // The source names the post by the id it read (`Invalid post 17: `), the letter by its key (`twitter:17`).
  const invalid = INVALID_POST.exec(said);
  if (invalid !== null) said = said.slice(invalid[0].length).replace(SHOWN_VALUE, '');
  return letter.postId === '' ? said : withoutPostId(said, letter.postId);
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * `said` with each mention of the post id as a word of its own (after a space or at the start,
 * before a space, `:`, `,`, `;`, `)` or the end) shown as `…`; the same digits inside another
 * word, a date or a number (post `6` in `ISO 8601`, `2026-11-01`) are left as they are.
 */
function withoutPostId(said: string, postId: string): string {
  const id = postId.replace(REGEX_SPECIAL, '\\$&');
  return said.replace(new RegExp(`(?<=^|\\s)${id}(?=$|[\\s:,;)])`, 'g'), '…');
}

/** Gathers letters into groups by code, field and reason, largest first; keeps `sample` post ids a group. */
export class DeadLetterGroups {
  private readonly groups = new Map<string, { reason: string; code: string; count: number; postIds: string[] }>();

  constructor(private readonly sample = 3) {}

  add(letter: DeadLetter): void {
    const said = groupingReason(letter);
    const reason = letter.field === undefined || said.startsWith(`${letter.field}:`) ? said : `${letter.field}: ${said}`;
    const key = `${letter.code}\u0000${reason}`;
    const group = this.groups.get(key) ?? { reason, code: letter.code, count: 0, postIds: [] };
    group.count += 1;
    if (group.postIds.length < this.sample) group.postIds.push(letter.postId);
    this.groups.set(key, group);
  }

  /** The groups, largest first. */
  list(): DeadLetterGroup[] {
    return [...this.groups.values()].sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)).map((g) => ({ ...g, postIds: [...g.postIds] }));
  }
}

/** The groups as summary lines: `  3 × author.followers: expected a number (twitter:1, twitter:2, twitter:3, …)`. */
export function formatDeadLetterGroups(groups: readonly DeadLetterGroup[]): string[] {
  return groups.map((g) => `  ${g.count} × ${g.reason} (${g.postIds.join(', ')}${g.count > g.postIds.length ? ', …' : ''})`);
}
