/** Links: `http(s)://…` and bare `www.…`. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
/** `@mentions` not preceded by a letter, digit or `_` (so e-mail addresses stay). */
const MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;

/**
 * What the author actually said: the text without @mentions and links, whitespace collapsed.
 * Used for sentiment, keyword rules and length rules, so `@acmehelp thanks!` counts as `thanks!`.
 */
export function contentText(text: string): string {
  return text.replace(LINK, ' ').replace(MENTION, ' ').replace(/\s+/g, ' ').trim();
}
