import { collapseWhitespace } from './text-limits.js';

/** Links: `http(s)://…` and bare `www.…`. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
/** `@mentions` not preceded by a letter, digit or `_` (so e-mail addresses stay). */
const MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
/** A cheap necessary condition for {@link LINK}: every link has `://` or `www.` (any case). */
const MAY_HAVE_BARE_WWW = /www\./i;

/** Whether `text` can contain a {@link LINK} match; `false` lets the Unicode regex be skipped. */
function mayHaveLink(text: string): boolean {
  return text.includes('://') || MAY_HAVE_BARE_WWW.test(text);
}

/**
 * What the author actually said: the text without @mentions and links, whitespace collapsed.
 * Used for sentiment, keyword rules and length rules, so `@acmehelp thanks!` counts as `thanks!`.
 * The link and mention patterns only run on texts that can match them (same result, less work).
 */
export function contentText(text: string): string {
  const noLinks = mayHaveLink(text) ? text.replace(LINK, ' ') : text;
  const noMentions = noLinks.includes('@') ? noLinks.replace(MENTION, ' ') : noLinks;
  return collapseWhitespace(noMentions);
}
