/**
 * Comments exactly once without a custom field: CaseComment has none and its body cannot be filtered
 * in SOQL, so the body's LAST LINE names the post — the post's URL when the body already ends with
 * it (the default comment template does), else `provider:id`. A lookup reads the comments of the
 * batch's Cases and matches those last lines in memory.
 */

/** Bytes the adapter keeps free in a comment body for the marker line (its `describe` reports the rest). */
export const MARKER_RESERVE_BYTES = 200;

function lastLine(body: string): string {
  const lines = body.split(/\r?\n/);
  return (lines[lines.length - 1] ?? '').trim();
}

/** The post id part of `provider:id`. */
function postIdOf(externalPostId: string): string {
  const at = externalPostId.indexOf(':');
  return at < 0 ? externalPostId : externalPostId.slice(at + 1);
}

/** The last path segment of an http(s) URL line, or undefined. */
function urlTail(line: string): string | undefined {
  if (!/^https?:\/\/\S+$/i.test(line)) return undefined;
  try {
    const segments = new URL(line).pathname.split('/').filter((s) => s !== '');
    const tail = segments[segments.length - 1];
    return tail === undefined ? undefined : decodeURIComponent(tail);
  } catch {
    return undefined;
  }
}

/** The body as written: unchanged when its last line already names the post, else with a `provider:id` line added. */
export function withMarker(body: string, externalPostId: string): string {
  const last = lastLine(body);
  if (last === externalPostId || urlTail(last) === postIdOf(externalPostId)) return body;
  return body === '' ? externalPostId : `${body}\n${externalPostId}`;
}

/** Finds which of `wanted` posts a comment body names (undefined: none, or ambiguous). */
export function namedPost(body: string, wanted: ReadonlyMap<string, readonly string[]>): string | undefined {
  const last = lastLine(body);
  const direct = wanted.get(last);
  if (direct !== undefined && direct.includes(last)) return last;
  const tail = urlTail(last);
  if (tail === undefined) return undefined;
  const candidates = wanted.get(tail);
  return candidates !== undefined && candidates.length === 1 ? candidates[0] : undefined;
}

/** Index for {@link namedPost}: each external post id under itself and under its post id. */
export function markerIndex(externalPostIds: Iterable<string>): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const add = (key: string, id: string): void => {
    const list = index.get(key);
    if (list === undefined) index.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  };
  for (const id of externalPostIds) {
    add(id, id);
    add(postIdOf(id), id);
  }
  return index;
}
