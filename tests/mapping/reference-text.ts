/**
 * The regular-expression implementations the text fast paths replaced, kept verbatim as the
 * reference the comparison tests check the fast paths against.
 */

const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The old `sanitizeText`, without its fast path. */
export function referenceSanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** The old `collapseWhitespace`, without its fast path. */
export function referenceCollapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
const MENTION = /(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;

/** The old `contentText`, without its fast paths. */
export function referenceContentText(text: string): string {
  return referenceCollapseWhitespace(text.replace(LINK, ' ').replace(MENTION, ' '));
}
